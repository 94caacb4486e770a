// GET /api/v1/publications/{slug}/record — a publication as staff edit it, in any status (a draft too), with its
// version as ETag: what PUT takes back and PATCH merges into. Whoever has a staff token may read it.
import type { Ctx } from '../http/context.ts';
import { answerPublication, requirePublicationRef } from './records.ts';
import { tokenUser } from './token-auth.ts';

export async function publicationRecord(c: Ctx) {
  await tokenUser(c);
  const ref = await requirePublicationRef(c);
  return answerPublication(c, ref.slug);
}
