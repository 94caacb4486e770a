// POST /admin/organisations/:id (people, projects, topics) — saves names, identifiers and the slug (the old
// slug keeps redirecting). 303 back; 422 with the typed values and messages; 409 when someone saved meanwhile.
import type { EntityType } from '../../domain/records.ts';
import { canEditEntities } from '../../policies.ts';
import { entityById, entityRow, saveEntity } from '../../store/entities.ts';
import { href } from '../../views/href.ts';
import { notFound } from '../../http/errors.tsx';
import { checkEntityForm, readEntityForm } from '../entity-form.ts';
import { renderEntityPage } from '../entity-page.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';
import { recordEntityChange } from '../../history/entity.ts';

export const entitySave = (type: EntityType) => async (c: StaffCtx) => {
  allow(canEditEntities(actorOf(c)));
  const db = c.var.deps.db;
  const e = await entityById(db, type, Number(c.req.param('id')) || 0);
  if (!e) throw notFound();
  const form = readEntityForm(type, await c.req.parseBody());
  if (form._version !== new Date(e.updated_at).toISOString())
    return renderEntityPage(c, type, e, form, [{ field: 'slug', key: 'form.changed_meanwhile' }], 409);
  const checked = checkEntityForm(type, form);
  if (!checked.ok) return renderEntityPage(c, type, e, form, checked.errors, 422);
  const saved = await db.tx(async (t) => {
    const before = (await entityRow(t, type, e.id))!;
    const result = await saveEntity(t, type, e.id, checked.value);
    if (result === 'saved') await recordEntityChange(t, type, e.id, actorOf(c).id, 'edited', before);
    return result;
  });
  if (saved === 'slug_taken')
    return renderEntityPage(c, type, e, form, [{ field: 'slug', key: 'entadmin.slug_taken' }], 422);
  return c.redirect(href(c.var.tr.lang, `/admin/${type}/${e.id}?saved=1`), 303);
};
