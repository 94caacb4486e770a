// Browsing and searching published publications: one filtered set, its page and its facet counts.
import type { Db } from '../db/db.ts';
import type { BrowseQuery, Facet, Facets } from '../domain/browse.ts';
import { FACETS } from '../domain/browse.ts';
import type { EntityType, PublicationSummary } from '../domain/records.ts';

export interface BrowseResult { total: number; items: PublicationSummary[]; facets: Facets }

/** Builds the WHERE clause of a query's filters; params collects the values. */
function filterSql(q: BrowseQuery, params: unknown[]): string {
  const where = ["p.status = 'published'"];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (q.q) where.push(`p.search @@ websearch_to_tsquery('simple', unaccent(${add(q.q)}))`);
  if (q.year !== undefined) where.push(`p.year = ${add(q.year)}`);
  if (q.language) where.push(`${add(q.language)} = any(p.languages)`);
  if (q.kind) where.push(`p.kind = ${add(q.kind)}`);
  if (q.country) where.push(`${add(q.country)} = any(p.countries)`);
  if (q.topic) where.push(`exists (select 1 from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id and e.slug = ${add(q.topic)})`);
  if (q.funder) where.push(`exists (select 1 from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id and l.role = 'funder' and e.slug = ${add(q.funder)})`);
  if (q.project) where.push(`exists (select 1 from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id and e.slug = ${add(q.project)})`);
  return where.join(' and ');
}

function orderSql(q: BrowseQuery, lang: string, params: unknown[]): string {
  const sort = q.sort ?? (q.q ? 'relevance' : 'newest');
  switch (sort) {
    case 'relevance':
      return q.q ? `ts_rank(p.search, websearch_to_tsquery('simple', unaccent($${params.indexOf(q.q) + 1}))) desc, p.year desc nulls last, p.id desc` : 'p.year desc nulls last, p.id desc';
    case 'oldest':
      return 'p.year asc nulls last, p.id asc';
    case 'title':
      return `lower(coalesce(p.title->>$${params.push(lang)}, p.title->>p.original_language, p.title->>'en')), p.id`;
    default:
      return 'p.year desc nulls last, p.id desc';
  }
}

const SUMMARY_COLUMNS = `p.id, p.slug, p.kind, p.status, p.featured, p.title, p.subtitle, p.original_language, p.year, p.languages,
  p.created_at, p.updated_at,
  (select f.sha256 from files f where f.publication_id = p.id and f.media_type = 'application/pdf' order by f.position, f.id limit 1) as cover_sha256`;

// Each facet's values over the filtered set, with labels where the value is a slug.
const FACET_SQL: Record<Facet, string> = {
  year: `select 'year' as facet, p.year::text as value, null::jsonb as label, count(*)::int as count from hits p where p.year is not null group by p.year`,
  language: `select 'language', l, null::jsonb, count(*)::int from hits p, unnest(p.languages) l group by l`,
  kind: `select 'kind', p.kind, null::jsonb, count(*)::int from hits p group by p.kind`,
  country: `select 'country', c, null::jsonb, count(*)::int from hits p, unnest(p.countries) c group by c`,
  topic: `select 'topic', e.slug, e.label, count(*)::int from hits p join publication_topics l on l.publication_id = p.id join topics e on e.id = l.topic_id group by e.slug, e.label`,
  funder: `select 'funder', e.slug, e.name, count(distinct p.id)::int from hits p join publication_organisations l on l.publication_id = p.id and l.role = 'funder' join organisations e on e.id = l.organisation_id group by e.slug, e.name`,
  project: `select 'project', e.slug, e.name, count(*)::int from hits p join publication_projects l on l.publication_id = p.id join projects e on e.id = l.project_id group by e.slug, e.name`,
};

/** One page of published publications matching the query, the total, and facet counts over all matches. */
export async function browsePublications(db: Db, q: BrowseQuery, lang: string): Promise<BrowseResult> {
  const params: unknown[] = [];
  const where = filterSql(q, params);
  const order = orderSql(q, lang, params);
  const listParams = [...params, q.per_page, (q.page - 1) * q.per_page];
  const n = params.length;
  const [items, facetRows] = await Promise.all([
    db.query<PublicationSummary & { total: number }>(
      `select ${SUMMARY_COLUMNS}, count(*) over ()::int as total from publications p where ${where}
       order by ${order} limit $${n + 1} offset $${n + 2}`,
      listParams,
    ),
    db.query<{ facet: Facet; value: string; label: Record<string, string> | null; count: number }>(
      `with hits as materialized (select p.id, p.year, p.languages, p.kind, p.countries from publications p where ${where})
       ${FACETS.map((f) => FACET_SQL[f]).join(' union all ')}`,
      params.slice(0, countFilterParams(q)),
    ),
  ]);
  let total = items[0]?.total ?? 0;
  if (items.length === 0 && q.page > 1) {
    total = (await db.one<{ n: number }>(`select count(*)::int as n from publications p where ${where}`, params.slice(0, countFilterParams(q))))!.n;
  }
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as Facets[Facet]])) as Facets;
  for (const r of facetRows) facets[r.facet].push({ value: r.value, count: r.count, ...(r.label ? { label: r.label } : {}) });
  for (const f of FACETS) {
    facets[f].sort(f === 'year' ? (a, b) => Number(b.value) - Number(a.value) : (a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return { total, items: items.map(({ total: _t, ...rest }) => rest), facets };
}

/** How many of the collected parameters belong to the filters (the title sort may add one after them). */
function countFilterParams(q: BrowseQuery): number {
  return [q.q, q.year, q.language, q.kind, q.country, q.topic, q.funder, q.project].filter((v) => v !== undefined).length;
}

/** The newest published publications and the featured ones, for the home page. */
export async function homePublications(db: Db, limit: number): Promise<{ newest: PublicationSummary[]; featured: PublicationSummary[] }> {
  const [newest, featured] = await Promise.all([
    db.query<PublicationSummary>(`select ${SUMMARY_COLUMNS} from publications p where p.status = 'published'
      order by p.year desc nulls last, p.published_at desc nulls last, p.id desc limit $1`, [limit]),
    db.query<PublicationSummary>(`select ${SUMMARY_COLUMNS} from publications p where p.status = 'published' and p.featured
      order by p.year desc nulls last, p.id desc limit $1`, [limit]),
  ]);
  return { newest, featured };
}

const ENTITY_LINK: Record<EntityType, { table: string; key: string }> = {
  organisations: { table: 'publication_organisations', key: 'organisation_id' },
  people: { table: 'publication_people', key: 'person_id' },
  projects: { table: 'publication_projects', key: 'project_id' },
  topics: { table: 'publication_topics', key: 'topic_id' },
};

/** A page of the published publications linked to an entity in any role, newest first. */
export async function publicationsOfEntity(db: Db, type: EntityType, entityId: number, page: number, perPage: number): Promise<{ items: PublicationSummary[]; total: number }> {
  const link = ENTITY_LINK[type];
  const rows = await db.query<PublicationSummary & { total: number }>(
    `select ${SUMMARY_COLUMNS}, count(*) over ()::int as total from publications p
      where p.status = 'published' and exists (select 1 from ${link.table} l where l.publication_id = p.id and l.${link.key} = $1)
      order by p.year desc nulls last, p.id desc limit $2 offset $3`,
    [entityId, perPage, (page - 1) * perPage],
  );
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...rest }) => rest) };
}
