// The account form: its values and their checks.
import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles.ts';
import type { FormBody } from './publication-form.ts';
import type { FieldError } from '../http/forms.ts';
import type { UserForm } from './views/users.tsx';

const schema = z.object({
  email: z.email().max(254),
  name: z.string().max(200),
  role: z.enum(ROLES),
  disabled: z.boolean(),
});

export function readUserForm(body: FormBody): UserForm {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  return { email: s('email').toLowerCase(), name: s('name'), role: s('role'), disabled: s('disabled') === 'on' };
}

/** The account's values, or a message per wrong field. */
export function checkUserForm(
  f: UserForm,
):
  | { ok: true; value: { email: string; name: string | null; role: Role; disabled: boolean } }
  | { ok: false; errors: FieldError[] } {
  const r = schema.safeParse(f);
  if (r.success) return { ok: true, value: { ...r.data, name: r.data.name || null } };
  return {
    ok: false,
    errors: r.error.issues.map((i) => {
      const field = String(i.path[0]);
      return {
        field,
        key: field === 'email' ? 'form.invalid_email' : i.code === 'too_big' ? 'form.too_long' : 'form.invalid',
        vars: i.code === 'too_big' ? { max: Number(i.maximum) } : undefined,
      };
    }),
  };
}
