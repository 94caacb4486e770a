// Checks that need the database, as the staff forms make them (src/admin/checks.ts), answered as the API's 422.
import type { Ctx } from '../http/context.ts';
import { HttpError } from '../http/errors.tsx';
import type { FieldError } from '../http/forms.ts';
import { translator } from '../i18n/i18n.ts';

/** Throws 422 listing the errors (their paths as in the body: relations.0.target) unless there are none. */
export function refuseFieldErrors(c: Ctx, errors: FieldError[]): void {
  if (!errors.length) return;
  // The API answers in English, as its other errors (src/http/errors.tsx): no page language applies.
  const tr = c.var.tr ?? translator('en');
  const details = errors.map((e) => ({ path: e.field, message: tr.t(e.key, e.vars) }));
  throw new HttpError(422, 'invalid', 'error.invalid_body', details[0], details);
}
