// GET /admin/organisations (people, projects, topics) — the entities of a type, found by any of their names,
// abbreviations or identifiers (issue 18).
import { z } from 'zod';
import type { EntityType } from '../../domain/records.ts';
import { entitiesMatching } from '../../store/entities.ts';
import { pageMeta } from '../../http/context.ts';
import { badParams } from '../../http/errors.tsx';
import { appCtx, type StaffCtx } from '../guard.ts';
import { EntitiesPage } from '../views/entities.tsx';

const LIMIT = 200;
const query = z.object({ q: z.string().trim().max(200).default('') });

export const entitiesList = (type: EntityType) => async (c: StaffCtx) => {
  const q = query.safeParse(c.req.query());
  if (!q.success) throw badParams(q.error);
  const rows = await entitiesMatching(c.var.deps.db, type, q.data.q, LIMIT);
  return c.html(
    <EntitiesPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      type={type}
      q={q.data.q}
      rows={rows}
      limit={LIMIT}
    />,
  );
};
