// GET /admin/organisations/:id (people, projects, topics) — an entity's names, identifiers and publications.
import type { EntityType } from '../../domain/records.ts';
import { entityById } from '../../store/entities.ts';
import { notFound } from '../../http/errors.tsx';
import { formFromEntity } from '../entity-form.ts';
import type { StaffCtx } from '../guard.ts';
import { renderEntityPage } from '../entity-page.tsx';

export const entityEdit = (type: EntityType) => async (c: StaffCtx) => {
  const e = await entityById(c.var.deps.db, type, Number(c.req.param('id')) || 0);
  if (!e) throw notFound();
  const notice = c.req.query('merged')
    ? c.var.tr.t('entadmin.merged')
    : c.req.query('saved')
      ? c.var.tr.t('admin.saved')
      : undefined;
  return renderEntityPage(c, type, e, formFromEntity(type, e), [], 200, notice);
};
