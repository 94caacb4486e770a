// POST /admin/tokens — a new API token for the signed-in member of staff, acting with their role.
// The token is shown once, on this answer (200), and never stored: only its hash is. 422 on a wrong field.
import { apiTokenInput, TOKEN_DAYS_MAX, TOKEN_NAME_MAX } from '../../domain/api-token.ts';
import { apiTokens, createApiToken } from '../../store/api-tokens.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, appCtx, type StaffCtx } from '../guard.ts';
import type { FieldError } from '../../http/forms.ts';
import { TokenMadePage, TokensPage } from '../views/tokens.tsx';

export async function tokenCreate(c: StaffCtx) {
  const body = await c.req.parseBody();
  const form = {
    name: typeof body.name === 'string' ? body.name.trim() : '',
    days: typeof body.days === 'string' ? body.days.trim() : '',
  };
  const parsed = apiTokenInput.safeParse(form);
  const meta = pageMeta(appCtx(c));
  const { db } = c.var.deps;
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i): FieldError => {
      if (i.path[0] === 'name')
        return form.name
          ? { field: 'name', key: 'form.too_long', vars: { max: TOKEN_NAME_MAX } }
          : { field: 'name', key: 'form.required' };
      if (i.code === 'too_big') return { field: 'days', key: 'form.too_big', vars: { max: TOKEN_DAYS_MAX } };
      if (i.code === 'too_small') return { field: 'days', key: 'form.too_small', vars: { min: 1 } };
      return { field: 'days', key: 'form.not_a_number' };
    });
    return c.html(
      <TokensPage
        meta={meta}
        session={c.var.session}
        tokens={await apiTokens(db, actorOf(c).id)}
        form={form}
        errors={errors}
      />,
      422,
    );
  }
  const { token, row } = await createApiToken(db, actorOf(c).id, parsed.data.name, parsed.data.days);
  return c.html(<TokenMadePage meta={meta} session={c.var.session} name={row.name} token={token} />);
}
