// Usage by item and month, and by kind and month, for the COUNTER_SUSHI reports (src/sushi/).
import type { Db } from '../db/db.ts';
import type { UsageCounts } from './stats-reports.ts';

/** A publication with usage, and its counts by month ('YYYY-MM'). */
export interface ItemUsage {
  slug: string;
  title: Record<string, string>;
  original_language: string;
  kind: string;
  year: number | null;
  published_on: string | null;
  publisher: Record<string, string> | null;
  authors: string[] | null;
  doi: string | null;
  months: Array<UsageCounts & { month: string }>;
}

const SUMS = `sum(d.investigations)::int as investigations, sum(d.unique_investigations)::int as unique_investigations,
  sum(d.requests)::int as requests, sum(d.unique_requests)::int as unique_requests`;

/** Each publication's counts by month within the days, optionally for one country or one slug. */
export async function usageByItemMonth(
  db: Db,
  from: string,
  to: string,
  country: string | null,
  slug: string | null,
): Promise<ItemUsage[]> {
  // Two statements: the counts (one row per publication, its months as arrays of numbers), then each
  // publication's details once.
  const counts = await db.query<{ id: number; months: string[]; i: number[]; ui: number[]; r: number[]; ur: number[] }>(
    `select id, array_agg(to_char(month, 'YYYY-MM') order by month) as months, array_agg(investigations order by month) as i,
            array_agg(unique_investigations order by month) as ui, array_agg(requests order by month) as r, array_agg(unique_requests order by month) as ur
       from (select d.publication_id as id, d.month, ${SUMS}
               from ${country ? 'stats_monthly_country' : 'stats_monthly'} d
              where d.month between date_trunc('month', $1::date) and $2::date ${country ? 'and d.country = $3' : 'and $3::text is null'}
                and ($4::text is null or d.publication_id = (select id from publications where slug = $4))
              group by 1, 2) m
      group by id`,
    [from, to, country, slug],
  );
  const byId = new Map(
    counts.map((c) => [
      c.id,
      c.months.map((month, k) => ({
        month,
        investigations: c.i[k]!,
        unique_investigations: c.ui[k]!,
        requests: c.r[k]!,
        unique_requests: c.ur[k]!,
      })),
    ]),
  );
  const details = await db.query<Omit<ItemUsage, 'months'> & { id: number }>(
    `select p.id, p.slug, p.title, p.original_language, p.kind, p.year, p.published_on,
            (select o.name from publication_organisations po join organisations o on o.id = po.organisation_id
              where po.publication_id = p.id and po.role = 'publisher' order by po.position limit 1) as publisher,
            (select array_agg(pe.name order by pp.position) from publication_people pp join people pe on pe.id = pp.person_id
              where pp.publication_id = p.id and pp.role = 'author') as authors,
            (select min(i.value) from publication_identifiers i where i.publication_id = p.id and i.scheme = 'doi') as doi
       from publications p where p.id = any($1::int[]) order by p.slug`,
    [[...byId.keys()]],
  );
  return details.map(({ id, ...d }) => ({ ...d, months: byId.get(id)! }));
}

/** Counts by publication kind and month within the days (the Platform Report). */
export async function usageByKindMonth(
  db: Db,
  from: string,
  to: string,
  country: string | null,
): Promise<Array<UsageCounts & { kind: string; month: string }>> {
  return db.query(
    `select p.kind, to_char(d.month, 'YYYY-MM') as month, ${SUMS}
       from ${country ? 'stats_monthly_country' : 'stats_monthly'} d join publications p on p.id = d.publication_id
      where d.month between date_trunc('month', $1::date) and $2::date ${country ? 'and d.country = $3' : 'and $3::text is null'}
      group by 1, 2 order by 1, 2`,
    [from, to, country],
  );
}
