// GET /api/v1/{type}/{slug}/record — an entry as staff edit it (also one only unpublished records name), with its
// version as ETag: what PUT takes back and PATCH merges into.
import type { EntityType } from '../domain/records.ts';
import type { Ctx } from '../http/context.ts';
import { answerEntity, requireEntity } from './records.ts';
import { tokenUser } from './token-auth.ts';

export const entityRecord = (type: EntityType) => async (c: Ctx) => {
  await tokenUser(c);
  const e = await requireEntity(c, type);
  return answerEntity(c, type, e.slug);
};
