// DELETE /api/v1/{type}/{slug} — deletes an entry no publication names (issue 18), as the staff page does; an admin
// can undo it from /admin/deleted for 30 days. 409 while a publication names it (merge it instead).
import type { EntityType } from '../domain/records.ts';
import { recordEntityChange } from '../history/entity.ts';
import { canEditEntities } from '../policies.ts';
import { deleteUnusedEntity, lockedEntityVersion } from '../store/entities.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden, HttpError } from '../http/errors.tsx';
import { checkVersion, versionSent } from './json-body.ts';
import { requireEntity } from './records.ts';
import { tokenUser } from './token-auth.ts';

export const entityDelete = (type: EntityType) => async (c: Ctx) => {
  const user = await tokenUser(c);
  if (!canEditEntities(user)) throw forbidden();
  const e = await requireEntity(c, type);
  if (e.link_count > 0) throw new HttpError(409, 'in_use', 'entadmin.in_use', { count: e.link_count });
  const sent = versionSent(c, c.req.query('version'));
  const deleted = await c.var.deps.db.tx(async (t) => {
    checkVersion(sent, (await lockedEntityVersion(t, type, e.id))!);
    const row = await deleteUnusedEntity(t, type, e.id);
    if (row) await recordEntityChange(t, type, e.id, user.id, 'deleted', row, { tokenId: user.token_id });
    return row;
  });
  if (!deleted) throw new HttpError(409, 'in_use', 'entadmin.in_use', { count: 1 });
  return c.body(null, 204);
};
