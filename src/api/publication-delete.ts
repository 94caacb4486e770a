// DELETE /api/v1/publications/{slug} — deletes a draft (issue 18) as the staff page does: canDeletePublication, kept
// 30 days on /admin/deleted where an admin can undo it, naming the token. A published record is withdrawn instead
// (409). A version sent (If-Match or ?version=) must be the current one.
import { canDeletePublication } from '../policies.ts';
import { deletePublication } from '../store/deleted.ts';
import { lockedPublicationVersion } from '../store/snapshots.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden, HttpError } from '../http/errors.tsx';
import { checkVersion, versionSent } from './json-body.ts';
import { requirePublicationRef } from './records.ts';
import { tokenUser } from './token-auth.ts';

export async function publicationDelete(c: Ctx) {
  const user = await tokenUser(c);
  const pub = await requirePublicationRef(c);
  if (pub.status !== 'draft') throw new HttpError(409, 'not_draft', 'error.delete_not_draft');
  if (!canDeletePublication(user, pub.status)) throw forbidden();
  const sent = versionSent(c, c.req.query('version'));
  await c.var.deps.db.tx(async (t) => {
    checkVersion(sent, (await lockedPublicationVersion(t, pub.id))!);
    await deletePublication(t, pub.id, user.id, user.token_id);
  });
  return c.body(null, 204);
}
