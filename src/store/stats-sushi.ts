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

const COUNTS = 'd.investigations, d.unique_investigations, d.requests, d.unique_requests';

/** The rollup with one row per publication and month: all countries, or one (then by its country). */
const byItem = (country: string | null) =>
  country
    ? { table: 'stats_monthly_country', where: 'and d.country = $3::text' }
    : { table: 'stats_monthly_item', where: 'and $3::text is null' };

/** Each publication's counts by month within the days, optionally for one country or one slug. */
export async function usageByItemMonth(
  db: Db,
  from: string,
  to: string,
  country: string | null,
  slug: string | null,
): Promise<ItemUsage[]> {
  // Two statements, at once on a server (two connections): the counts (one row per publication and month, in
  // one JSON value, which is read far faster than as as many rows), and the details of each publication with
  // counts, joined as sets (not a subquery per publication).
  const { table, where } = byItem(country);
  const scope = `d.month between date_trunc('month', $1::date) and $2::date ${where}
        and ($4::text is null or d.publication_id = (select id from publications where slug = $4))`;
  const params = [from, to, country, slug];
  const [counts, details] = await Promise.all([
    db.one<{ rows: Array<[number, string, number, number, number, number]> }>(
      `select coalesce(json_agg(json_build_array(d.publication_id, d.month, ${COUNTS}) order by d.publication_id, d.month), '[]') as rows
         from ${table} d where ${scope}`,
      params,
    ),
    db.query<Omit<ItemUsage, 'months'> & { id: number }>(
      `with ids as (select distinct d.publication_id as id from ${table} d where ${scope})
       select p.id, p.slug, p.title, p.original_language, p.kind, p.year, p.published_on,
              pub.name as publisher, au.authors, doi.doi
         from publications p
         left join (select distinct on (po.publication_id) po.publication_id, o.name
                      from publication_organisations po join organisations o on o.id = po.organisation_id
                     where po.role = 'publisher' and po.publication_id in (select id from ids)
                     order by po.publication_id, po.position) pub on pub.publication_id = p.id
         left join (select pp.publication_id, array_agg(pe.name order by pp.position) as authors
                      from publication_people pp join people pe on pe.id = pp.person_id
                     where pp.role = 'author' and pp.publication_id in (select id from ids)
                     group by 1) au on au.publication_id = p.id
         left join (select publication_id, min(value) as doi from publication_identifiers
                     where scheme = 'doi' and publication_id in (select id from ids) group by 1) doi on doi.publication_id = p.id
        where p.id in (select id from ids) order by p.slug`,
      params,
    ),
  ]);
  const byId = new Map<number, ItemUsage['months']>();
  for (const [id, month, investigations, unique_investigations, requests, unique_requests] of counts!.rows) {
    let months = byId.get(id);
    if (!months) byId.set(id, (months = []));
    months.push({ month: month.slice(0, 7), investigations, unique_investigations, requests, unique_requests });
  }
  // A rollup between the two statements may add a publication to one of them only: it waits for the next report.
  return details.flatMap(({ id, ...d }) => {
    const months = byId.get(id);
    return months ? [{ ...d, months }] : [];
  });
}

/** Counts by publication kind and month within the days (the Platform Report). */
export async function usageByKindMonth(
  db: Db,
  from: string,
  to: string,
  country: string | null,
): Promise<Array<UsageCounts & { kind: string; month: string }>> {
  const { table, where } = byItem(country);
  // The month is written out after the sums: to_char on every row costs more than the rest of the statement.
  return db.query(
    `select kind, to_char(month, 'YYYY-MM') as month, investigations, unique_investigations, requests, unique_requests
       from (select p.kind, d.month, sum(d.investigations)::int as investigations,
                    sum(d.unique_investigations)::int as unique_investigations, sum(d.requests)::int as requests,
                    sum(d.unique_requests)::int as unique_requests
               from ${table} d join publications p on p.id = d.publication_id
              where d.month between date_trunc('month', $1::date) and $2::date ${where}
              group by 1, 2) k
      order by 1, 2`,
    [from, to, country],
  );
}
