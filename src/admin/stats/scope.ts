// The query of every statistics page: a period of whole months (the last twelve by default) and an optional
// funder or project, by slug; answers 400 for months that are not YYYY-MM or out of order.
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import { funderOptions, projectOptions, type ScopeOption, type UsageScope } from '../../store/stats-reports.ts';
import { HttpError } from '../../http/errors.tsx';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const query = z.object({
  from: month.optional(),
  to: month.optional(),
  funder: z
    .string()
    .max(200)
    .optional()
    .transform((v) => v || null),
  project: z
    .string()
    .max(200)
    .optional()
    .transform((v) => v || null),
});

export interface PageScope {
  from: string;
  to: string;
  funder: ScopeOption | null;
  project: ScopeOption | null;
  funders: ScopeOption[];
  projects: ScopeOption[];
  scope: UsageScope;
  query: string;
}

const shift = (ym: string, months: number) => {
  const d = new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1 + months, 1));
  return d.toISOString().slice(0, 7);
};
const lastDay = (ym: string) =>
  new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Reads the query; unknown funder or project slugs count as none chosen. */
export async function pageScope(db: Db, raw: Record<string, string>): Promise<PageScope> {
  const q = query.safeParse(raw);
  const thisMonth = new Date().toISOString().slice(0, 7);
  const to = q.success ? (q.data.to ?? thisMonth) : '';
  const from = q.success ? (q.data.from ?? shift(to, -11)) : '';
  if (!q.success || from > to) throw new HttpError(400, 'bad_request', 'stats.bad_month');
  const [funders, projects] = [await funderOptions(db), await projectOptions(db)];
  const funder = funders.find((f) => f.slug === q.data.funder) ?? null;
  const project = projects.find((p) => p.slug === q.data.project) ?? null;
  const params = new URLSearchParams({
    from,
    to,
    ...(funder ? { funder: funder.slug } : {}),
    ...(project ? { project: project.slug } : {}),
  });
  return {
    from,
    to,
    funder,
    project,
    funders,
    projects,
    query: params.toString(),
    scope: { from: `${from}-01`, to: lastDay(to), funder: funder?.id ?? null, project: project?.id ?? null },
  };
}
