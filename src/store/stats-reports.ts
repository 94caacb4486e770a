// Usage reports, read from the monthly rollups (migration 0041: each query reads the smallest one that has the
// columns it needs): totals by one dimension within a period of whole months, for the staff pages and the donor
// report. Run usageUpToDate() (src/stats/recorder.ts) first.
import type { Db } from '../db/db.ts';

export interface UsageCounts {
  investigations: number;
  unique_investigations: number;
  requests: number;
  unique_requests: number;
}
/** A row of a report: its key (slug, id, code or period), what to show for it, and its counts. */
export interface UsageRow extends UsageCounts {
  key: string;
  label: unknown;
}

export type UsageDimension = 'publication' | 'file' | 'funder' | 'project' | 'topic' | 'country' | 'month' | 'year';
export const USAGE_DIMENSIONS: readonly UsageDimension[] = [
  'month',
  'year',
  'publication',
  'file',
  'funder',
  'project',
  'topic',
  'country',
];

/** The period (the months of these days, inclusive) and what to narrow it to. */
export interface UsageScope {
  from: string;
  to: string;
  funder?: number | null;
  project?: number | null;
  publication?: number | null;
  country?: string | null;
}

const SUMS = `coalesce(sum(d.investigations), 0)::int as investigations, coalesce(sum(d.unique_investigations), 0)::int as unique_investigations,
  coalesce(sum(d.requests), 0)::int as requests, coalesce(sum(d.unique_requests), 0)::int as unique_requests`;

// Each dimension is summed by a number or code first (id), the largest kept, and only those rows are then
// given their key and label (titles are wide jsonb: grouping by them costs far more than by an id).
interface By {
  id: string;
  join?: string;
  where?: string;
  key: string;
  label: string;
  outer?: string;
  period?: boolean;
}
const BY: Record<UsageDimension, By> = {
  month: { id: 'd.month', key: `to_char(s.id, 'YYYY-MM')`, label: `to_char(s.id, 'YYYY-MM')`, period: true },
  year: {
    id: `date_trunc('year', d.month)`,
    key: `to_char(s.id, 'YYYY')`,
    label: `to_char(s.id, 'YYYY')`,
    period: true,
  },
  publication: { id: 'd.publication_id', key: 'p.slug', label: 'p.title', outer: 'join publications p on p.id = s.id' },
  file: {
    id: 'd.file_id',
    where: 'd.file_id <> 0',
    key: 's.id::text',
    label: `jsonb_build_object('name', f.original_name, 'language', f.language, 'title', p.title)`,
    outer: 'left join files f on f.id = s.id left join publications p on p.id = f.publication_id',
  },
  funder: {
    id: 'po.organisation_id',
    join: `join publication_organisations po on po.publication_id = d.publication_id and po.role = 'funder'`,
    key: 'o.slug',
    label: 'o.name',
    outer: 'join organisations o on o.id = s.id',
  },
  project: {
    id: 'pj.project_id',
    join: 'join publication_projects pj on pj.publication_id = d.publication_id',
    key: 'j.slug',
    label: 'j.name',
    outer: 'join projects j on j.id = s.id',
  },
  topic: {
    id: 'pt.topic_id',
    join: 'join publication_topics pt on pt.publication_id = d.publication_id',
    key: 't.slug',
    label: 't.label',
    outer: 'join topics t on t.id = s.id',
  },
  country: { id: 'd.country', key: 's.id', label: 's.id' },
};

/** The monthly rollups, smallest first, and what each is by besides the month. */
const ROLLUPS: Array<{ table: string; by: Array<'publication' | 'file' | 'country'> }> = [
  { table: 'stats_monthly_platform', by: ['country'] },
  { table: 'stats_monthly_item', by: ['publication'] },
  { table: 'stats_monthly', by: ['publication', 'file'] },
  { table: 'stats_monthly_country', by: ['publication', 'country'] },
];
const NEEDS: Record<UsageDimension, Array<'publication' | 'file' | 'country'>> = {
  month: [],
  year: [],
  publication: ['publication'],
  file: ['publication', 'file'],
  funder: ['publication'],
  project: ['publication'],
  topic: ['publication'],
  country: ['country'],
};

/** The rollup a query reads (the smallest with what the dimension and the scope need), its conditions and their values. */
export function usageSource(
  s: UsageScope,
  dimension?: UsageDimension,
): { table: string; where: string; params: unknown[] } {
  const params: unknown[] = [s.from, s.to];
  const where = [`d.month between date_trunc('month', $1::date) and $2::date`];
  const need = new Set(dimension ? NEEDS[dimension] : []);
  const add = (condition: (n: string) => string, value: unknown, column: 'publication' | 'country') => {
    if (value === null || value === undefined) return;
    params.push(value);
    where.push(condition(`$${params.length}`));
    need.add(column);
  };
  add(
    (n) =>
      `d.publication_id in (select publication_id from publication_organisations where organisation_id = ${n}::int and role = 'funder')`,
    s.funder,
    'publication',
  );
  add(
    (n) => `d.publication_id in (select publication_id from publication_projects where project_id = ${n}::int)`,
    s.project,
    'publication',
  );
  add((n) => `d.publication_id = ${n}::int`, s.publication, 'publication');
  add((n) => `d.country = ${n}::text`, s.country, 'country');
  const rollup = ROLLUPS.find((r) => [...need].every((c) => r.by.includes(c)));
  if (!rollup) throw new Error('usage by file is not kept by country');
  return { table: rollup.table, where: where.join(' and '), params };
}

/** The counts of a period by one dimension, the largest first (periods in order); at most `limit` rows. */
export async function usageBy(db: Db, dimension: UsageDimension, scope: UsageScope, limit = 1000): Promise<UsageRow[]> {
  const by = BY[dimension];
  const { table, where, params } = usageSource(scope, dimension);
  const order = by.period ? 'id' : 'requests desc, investigations desc, id';
  return db.query<UsageRow>(
    `with s as (
       select ${by.id} as id, ${SUMS}
         from ${table} d ${by.join ?? ''}
        where ${where} ${by.where ? `and ${by.where}` : ''}
        group by 1 order by ${order} limit $${params.length + 1}
     )
     select ${by.key} as key, ${by.label} as label, s.investigations, s.unique_investigations, s.requests, s.unique_requests
       from s ${by.outer ?? ''}
      order by ${by.period ? 's.id' : 's.requests desc, s.investigations desc, key'}`,
    [...params, limit],
  );
}

/** The counts of a period altogether. */
export async function usageTotals(db: Db, scope: UsageScope): Promise<UsageCounts> {
  const { table, where, params } = usageSource(scope);
  return (await db.one<UsageCounts>(`select ${SUMS} from ${table} d where ${where}`, params))!;
}

/** The counts of one publication since the start: the "views · downloads" line of its page. */
export async function usageOfPublication(db: Db, publicationId: number): Promise<UsageCounts> {
  return (await db.one<UsageCounts>(`select ${SUMS} from stats_monthly_item d where d.publication_id = $1`, [
    publicationId,
  ]))!;
}

/** The first and last month with counts ('YYYY-MM-01'), or null before any. */
export async function usageSpan(db: Db): Promise<{ first: string; last: string } | null> {
  const row = await db.one<{ first: string | null; last: string | null }>(
    'select min(month) as first, max(month) as last from stats_monthly_platform',
  );
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

export interface ScopeOption {
  id: number;
  slug: string;
  name: Record<string, string>;
}

/** Organisations that fund a publication, for the reports' choice of funder. */
export async function funderOptions(db: Db): Promise<ScopeOption[]> {
  return db.query<ScopeOption>(
    `select distinct o.id, o.slug, o.name from organisations o
       join publication_organisations po on po.organisation_id = o.id and po.role = 'funder' order by o.slug`,
  );
}

/** Projects with a publication, for the reports' choice of project. */
export async function projectOptions(db: Db): Promise<ScopeOption[]> {
  return db.query<ScopeOption>(
    'select distinct j.id, j.slug, j.name from projects j join publication_projects pj on pj.project_id = j.id order by j.slug',
  );
}

/** What a funder funded: slug, title, year, newest first. */
export async function publicationsOfFunder(
  db: Db,
  funderId: number,
): Promise<Array<{ slug: string; title: Record<string, string>; original_language: string; year: number | null }>> {
  return db.query(
    `select p.slug, p.title, p.original_language, p.year from publications p
       join publication_organisations po on po.publication_id = p.id and po.role = 'funder' and po.organisation_id = $1
      where p.status = 'published' order by p.year desc nulls last, p.slug`,
    [funderId],
  );
}
