import { z } from 'zod';
import type { EntityType } from '../../domain/records.ts';
import { readableEntities, readableEntityBySlug, redirectedSlug } from '../../store/entities.ts';
import { href } from '../../views/href.ts';
import { publicationsOfEntity } from '../../store/browse.ts';
import { EntityIndexPage, EntityPage } from '../../views/entity.tsx';
import { type Ctx, pageMeta } from '../../http/context.ts';
import { badParams, notFound } from '../../http/errors.tsx';

const PER_PAGE = 20;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });

/** /organisations, /people, /projects, /topics. */
export const entityIndex = (type: EntityType) => async (c: Ctx) => {
  return c.html(
    <EntityIndexPage meta={pageMeta(c)} type={type} entities={await readableEntities(c.var.deps.db, type)} />,
  );
};

/** /organisations/:slug and the others: the entity and its published publications. */
export const entity = (type: EntityType) => async (c: Ctx) => {
  const q = pageQuery.safeParse(c.req.query());
  if (!q.success) throw badParams(q.error);
  const db = c.var.deps.db;
  const slug = c.req.param('slug')!;
  const e = await readableEntityBySlug(db, type, slug);
  if (!e) {
    // Renamed or merged into another: the old address leads there for ever (issue 18).
    const moved = await redirectedSlug(db, type, slug);
    if (moved) return c.redirect(href(c.var.tr.lang, `/${type}/${moved}`) + new URL(c.req.url).search, 301);
    throw notFound();
  }
  const { items, total } = await publicationsOfEntity(db, type, e.id, q.data.page, PER_PAGE);
  return c.html(
    <EntityPage
      meta={pageMeta(c)}
      entity={e}
      items={items}
      total={total}
      page={q.data.page}
      pages={Math.max(1, Math.ceil(total / PER_PAGE))}
    />,
  );
};
