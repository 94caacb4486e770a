// POST /admin/tokens/:id/revoke — stops one of the signed-in member of staff's own tokens, for good
// (again: no change). Another person's token is not found here (404): admins use `kitap token revoke`.
import { apiTokenById, revokeApiToken } from '../../store/api-tokens.ts';
import { href } from '../../views/href.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, type StaffCtx } from '../guard.ts';

export async function tokenRevoke(c: StaffCtx) {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31 - 1) throw notFound();
  const { db } = c.var.deps;
  const token = await apiTokenById(db, id);
  if (!token || token.user_id !== actorOf(c).id) throw notFound();
  await revokeApiToken(db, id, token.user_id);
  return c.redirect(href(c.var.tr.lang, '/admin/tokens?revoked=1'), 303);
}
