// POST /api/v1/publications — a new publication from JSON with a staff member's token (issue 18): the staff form's
// schema, policies and write path (createRecorded), starting as a draft unless the body asks for more and the
// token's role allows it. 201 with the record, its version in ETag and its Location.
import { canChangeStatus, canCreatePublication } from '../policies.ts';
import { createRecorded } from '../history/record.ts';
import { referenceErrors } from '../admin/checks.ts';
import { type Ctx, publicOrigin } from '../http/context.ts';
import { forbidden } from '../http/errors.tsx';
import { checkBody, readJson } from './json-body.ts';
import { refuseFieldErrors } from './field-errors.ts';
import { answerPublication } from './records.ts';
import { publicationCreate as createSchema } from './schemas.ts';
import { tokenUser } from './token-auth.ts';

export async function publicationCreate(c: Ctx) {
  const user = await tokenUser(c);
  if (!canCreatePublication(user)) throw forbidden();
  const { status, ...fields } = checkBody(createSchema, await readJson(c));
  if (status !== 'draft' && !canChangeStatus(user, 'draft', status)) throw forbidden();
  const input = { ...fields, status, withdrawn_reason: null };
  const db = c.var.deps.db;
  refuseFieldErrors(c, await referenceErrors(db, input, null));
  const { slug } = await createRecorded(db, input, user.id, user.token_id);
  c.header('Location', `${publicOrigin(c)}/api/v1/publications/${slug}/record`);
  return answerPublication(c, slug, 201);
}
