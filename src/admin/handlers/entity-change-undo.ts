// POST /admin/entity-changes/:id/undo — puts back an entity deleted or merged away (admins, within 30 days).
import { recordEntityChange } from '../../history/entity.ts';
import { canUndoDeletion } from '../../policies.ts';
import { UNDO_DAYS } from '../../store/deleted.ts';
import { entityChangeById, markEntityChangeUndone } from '../../store/entity-changes.ts';
import { entityRow, restoreEntity } from '../../store/entities.ts';
import { href } from '../../views/href.ts';
import { HttpError, notFound } from '../../http/errors.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function entityChangeUndo(c: StaffCtx) {
  allow(canUndoDeletion(actorOf(c)));
  const db = c.var.deps.db;
  const change = await entityChangeById(db, Number(c.req.param('id')) || 0);
  if (!change || (change.action !== 'deleted' && change.action !== 'merged')) throw notFound();
  if (change.undone_at || Date.now() - new Date(change.created_at).getTime() > UNDO_DAYS * 86_400_000)
    throw new HttpError(409, 'conflict', 'deleted.cannot_undo');
  const result = await db.tx(async (t) => {
    const r = await restoreEntity(t, change.type, change.before, change.links, change.merged_into);
    if (r === 'restored') {
      await markEntityChangeUndone(t, change.id);
      await recordEntityChange(
        t,
        change.type,
        change.entity_id,
        actorOf(c).id,
        'restored',
        (await entityRow(t, change.type, change.entity_id))!,
      );
    }
    return r;
  });
  if (result === 'slug_taken') throw new HttpError(409, 'conflict', 'deleted.slug_taken');
  return c.redirect(href(c.var.tr.lang, `/admin/${change.type}/${change.entity_id}?saved=1`), 303);
}
