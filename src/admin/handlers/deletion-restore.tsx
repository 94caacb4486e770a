// POST /admin/deleted/:id/restore — puts a deleted publication back as it was (admins, within 30 days).
import { canUndoDeletion } from '../../policies.ts';
import { undoDeletion } from '../../store/deleted.ts';
import { href } from '../../views/href.ts';
import { HttpError, notFound } from '../../http/errors.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function deletionRestore(c: StaffCtx) {
  allow(canUndoDeletion(actorOf(c)));
  const result = await undoDeletion(c.var.deps.db, Number(c.req.param('id')) || 0);
  if (result === null) throw notFound();
  if (result === 'expired' || result === 'done') throw new HttpError(409, 'conflict', 'deleted.cannot_undo');
  if (result === 'slug_taken') throw new HttpError(409, 'conflict', 'deleted.slug_taken');
  return c.redirect(href(c.var.tr.lang, '/admin/deleted?restored=1'), 303);
}
