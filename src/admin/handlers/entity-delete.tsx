// GET and POST /admin/organisations/:id/delete (people, projects, topics) — asks, then deletes an entry that no
// publication names (issue 18); an admin can undo it from /admin/deleted for 30 days.
import type { EntityType } from '../../domain/records.ts';
import { recordEntityChange } from '../../history/entity.ts';
import { canEditEntities } from '../../policies.ts';
import { deleteUnusedEntity, entityById } from '../../store/entities.ts';
import { href } from '../../views/href.ts';
import { pageMeta } from '../../http/context.ts';
import { HttpError, notFound } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { DeleteEntityPage } from '../views/entities.tsx';

async function load(c: StaffCtx, type: EntityType) {
  allow(canEditEntities(actorOf(c)));
  const e = await entityById(c.var.deps.db, type, Number(c.req.param('id')) || 0);
  if (!e) throw notFound();
  if (e.link_count > 0) throw new HttpError(409, 'in_use', 'entadmin.in_use', { count: e.link_count });
  return e;
}

export const entityDeleteConfirm = (type: EntityType) => async (c: StaffCtx) => {
  const e = await load(c, type);
  return c.html(<DeleteEntityPage meta={pageMeta(appCtx(c))} session={c.var.session} type={type} entity={e} />);
};

export const entityDelete = (type: EntityType) => async (c: StaffCtx) => {
  const e = await load(c, type);
  const deleted = await c.var.deps.db.tx(async (t) => {
    const row = await deleteUnusedEntity(t, type, e.id);
    if (row) await recordEntityChange(t, type, e.id, actorOf(c).id, 'deleted', row);
    return row;
  });
  if (!deleted) throw new HttpError(409, 'in_use', 'entadmin.in_use', { count: 1 });
  return c.redirect(href(c.var.tr.lang, '/admin/deleted?deleted=1'), 303);
};
