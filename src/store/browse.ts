// Browsing and searching published publications: one filtered set, its page and its facet counts.
import type { Db } from '../db/db.ts';
import type { BrowseQuery, Facet, Facets } from '../domain/browse.ts';
import { FACETS } from '../domain/browse.ts';
import type { EntityType, PublicationSummary } from '../domain/records.ts';
import { fold } from '../search/normalize.ts';
import { suggestableWords } from '../search/plan.ts';
import { formatQuery } from '../search/query.ts';
import { thesaurus } from '../search/thesaurus.ts';
import { compileQuery, HEADLINE_OPTIONS, headlineText, spellingSuggestions } from './search.ts';

/** A full-text hit of a result: the best page of one of its files. */
export interface PageHitSummary { file_id: number; name: string; page: number; snippet: string }

/** A result of a search: the summary, the abstract around the matched words, the best page hit. */
export interface SearchItem extends PublicationSummary {
  /** Text with the matched words between \u0001 and \u0002 (see HEADLINE_OPTIONS); null without a match. */
  snippet?: string | null;
  page_hit?: PageHitSummary | null;
}

export interface BrowseResult {
  total: number;
  items: SearchItem[];
  facets: Facets;
  /** A spelling correction of the query that finds more ("did you mean"). */
  suggestion?: string;
  /** The query whose results are shown instead of the typed one, which found nothing. */
  corrected?: string;
}

/** Builds the WHERE clause of a query's filters; params collects the values. A search joins `m` (the matches). */
function filterSql(q: BrowseQuery, params: unknown[]): string {
  const where = ["p.status = 'published'"];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (q.year !== undefined) where.push(`p.year = ${add(q.year)}`);
  // @> (not = any) so the GIN indexes on the arrays serve the filter.
  if (q.language) where.push(`p.languages @> array[${add(q.language)}]::text[]`);
  if (q.kind) where.push(`p.kind = ${add(q.kind)}`);
  if (q.country) where.push(`p.countries @> array[${add(q.country)}]::text[]`);
  if (q.topic) {
    // A topic is an editor's topic or a subject term the thesaurus gave (the same slug when both).
    const t = add(q.topic);
    where.push(`(exists (select 1 from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id and e.slug = ${t})
      or exists (select 1 from publication_subjects s where s.publication_id = p.id and s.concept = ${t}))`);
  }
  if (q.funder) where.push(`exists (select 1 from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id and l.role = 'funder' and e.slug = ${add(q.funder)})`);
  if (q.project) where.push(`exists (select 1 from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id and e.slug = ${add(q.project)})`);
  return where.join(' and ');
}

function orderSql(q: BrowseQuery, lang: string, params: unknown[], searching: boolean): string {
  const sort = q.sort ?? (searching ? 'relevance' : 'newest');
  switch (sort) {
    case 'relevance':
      return searching ? 'm.rank desc, p.year desc nulls last, p.id desc' : 'p.year desc nulls last, p.id desc';
    case 'oldest':
      return 'p.year asc nulls last, p.id asc';
    case 'title':
      return `lower(coalesce(p.title->>$${params.push(lang)}, p.title->>p.original_language, p.title->>'en')), p.id`;
    default:
      return 'p.year desc nulls last, p.id desc';
  }
}

/**
 * The publications a tsquery ($1) matches among those the filters keep, with their rank: title A (1.0)
 * above subtitle and people B (0.4) above abstract C (0.2), and a file whose text matches (0.05) below
 * all of them. Files are matched whole (files.search, one row per file); a phrase is then confirmed on
 * a page. Ranking every matching page of a large library would read all their vectors.
 */
const matchesSql = (where: string) => `m as materialized (
  select id, sum(r) as rank from (
    select p.id, ts_rank('{0.05,0.2,0.4,1}', p.search, $1::tsquery) as r from publications p where p.search @@ $1::tsquery and ${where}
    union all
    select p.id, 0.05 from files f join publications p on p.id = f.publication_id
      where f.search @@ kitap_without_phrases($1::tsquery) and ${where}
        and (not kitap_has_phrase($1::tsquery) or exists (select 1 from file_pages fp where fp.file_id = f.id and fp.search @@ $1::tsquery))
  ) x group by id)`;

const SUMMARY_COLUMNS = `p.id, p.slug, p.kind, p.status, p.featured, p.title, p.subtitle, p.original_language, p.year, p.languages,
  p.created_at, p.updated_at,
  (select f.cover_sha256 from files f where f.publication_id = p.id and f.cover_sha256 is not null order by f.position, f.id limit 1) as cover_sha256`;

// Each facet's values over the filtered set, with labels where the value is a slug.
const FACET_SQL: Record<Facet, string> = {
  year: `select 'year' as facet, p.year::text as value, null::jsonb as label, count(*)::int as count from hits p where p.year is not null group by p.year`,
  language: `select 'language', l, null::jsonb, count(*)::int from hits p, unnest(p.languages) l group by l`,
  kind: `select 'kind', p.kind, null::jsonb, count(*)::int from hits p group by p.kind`,
  country: `select 'country', c, null::jsonb, count(*)::int from hits p, unnest(p.countries) c group by c`,
  // Editors' topics and the thesaurus's subject terms together; a subject's label comes from the thesaurus.
  topic: `select 'topic', s.slug, (select e.label from topics e where e.slug = s.slug), count(*)::int from (
      select p.id, e.slug from hits p join publication_topics l on l.publication_id = p.id join topics e on e.id = l.topic_id
      union select p.id, ps.concept from hits p join publication_subjects ps on ps.publication_id = p.id) s
    group by s.slug`,
  funder: `select 'funder', e.slug, e.name, count(distinct p.id)::int from hits p join publication_organisations l on l.publication_id = p.id and l.role = 'funder' join organisations e on e.id = l.organisation_id group by e.slug, e.name`,
  project: `select 'project', e.slug, e.name, count(*)::int from hits p join publication_projects l on l.publication_id = p.id join projects e on e.id = l.project_id group by e.slug, e.name`,
};

// The abstract in the reader's language, else the original's, else English, else any: for the snippet.
const ABSTRACT_LANG = (langParam: string) => `coalesce(case when p.abstract ? ${langParam} then ${langParam} end,
  case when p.abstract ? p.original_language then p.original_language end, case when p.abstract ? 'en' then 'en' end,
  (select min(k) from jsonb_object_keys(p.abstract) k))`;

/** One page of published publications matching the query, the total, and facet counts over all matches. */
export async function browsePublications(db: Db, q: BrowseQuery, lang: string): Promise<BrowseResult> {
  if (!q.q) return runBrowse(db, q, lang, null);
  const compiled = await compileQuery(db, q.q);
  const result = await runBrowse(db, q, lang, compiled.tsquery);
  if (result.total >= 3 || q.page > 1) return result;
  // Little found: correct the words the catalogue does not know ("did you mean").
  const fixes = await spellingSuggestions(db, suggestableWords(compiled.plan));
  if (!fixes.size) return result;
  const corrected = formatQuery(compiled.plan.terms.map((t) => ({ ...t, text: fixes.get(fold(t.text)) ?? t.text })));
  if (result.total > 0) return { ...result, suggestion: corrected };
  const retry = await runBrowse(db, q, lang, (await compileQuery(db, corrected)).tsquery);
  return retry.total > 0 ? { ...retry, corrected } : result;
}

// One statement: the matches (m) once, then the filtered hits, their facets, and the page of results.
async function runBrowse(db: Db, q: BrowseQuery, lang: string, tsquery: string | null): Promise<BrowseResult> {
  const searching = q.q !== undefined;
  if (searching && tsquery === null) return { total: 0, items: [], facets: emptyFacets() };
  const params: unknown[] = searching ? [tsquery] : [];
  const where = filterSql(q, params);
  const order = orderSql(q, lang, params, searching);
  const n = params.length;
  params.push(q.per_page, (q.page - 1) * q.per_page, lang);
  const headline = (expr: string, langExpr: string) =>
    `ts_headline(case ${langExpr} when 'en' then 'english' else 'russian' end::regconfig, ${headlineText(expr)}, $1::tsquery, ${HEADLINE_OPTIONS})`;
  const sql = `with ${searching ? `${matchesSql(where)},` : ''}
    hits as materialized (select p.id, p.year, p.languages, p.kind, p.countries${searching ? ', m.rank' : ''}
      from publications p ${searching ? 'join m on m.id = p.id' : `where ${where}`}),
    fc as (select coalesce(json_agg(json_build_object('facet', facet, 'value', value, 'label', label, 'count', count)), '[]') as facets
      from (${FACETS.map((f) => FACET_SQL[f]).join(' union all ')}) u(facet, value, label, count)),
    pg as (select ${SUMMARY_COLUMNS}${searching ? `, p.abstract, ${ABSTRACT_LANG(`$${n + 3}::text`)} as abs_lang` : ''},
        row_number() over (order by ${order}) as rn
      from publications p join hits m on m.id = p.id order by ${order} limit $${n + 1} offset $${n + 2})
    select fc.facets, (select count(*) from hits)::int as total, x.* from fc left join (
      select pg.*${searching ? `,
        case when pg.abs_lang is not null then ${headline('pg.abstract->>pg.abs_lang', 'pg.abs_lang')} end as snippet,
        case when ph.page is not null then json_build_object('file_id', ph.file_id, 'name', ph.original_name, 'page', ph.page,
          'snippet', ${headline('ph.text', 'ph.language')}) end as page_hit` : ''}
      from pg ${searching ? `left join lateral (select fp.file_id, fp.page, fp.text, f.original_name, f.language
          from file_pages fp join files f on f.id = fp.file_id where f.publication_id = pg.id and fp.search @@ $1::tsquery
          order by ts_rank(fp.search, $1::tsquery) desc, fp.file_id, fp.page limit 1) ph on true` : ''}) x on true
    order by x.rn`;
  type Row = SearchItem & { facets: Array<{ facet: Facet; value: string; label: Record<string, string> | null; count: number }>; total: number; abstract?: unknown; abs_lang?: string | null; rn: number | null };
  if (!searching) params.pop(); // the reader's language is only used by the snippet
  const rows = await db.query<Row>(sql, params);
  const first = rows[0]!;
  const th = thesaurus();
  const facets = emptyFacets();
  for (const r of first.facets) {
    const label = r.label ?? (r.facet === 'topic' && th.byId.has(r.value) ? th.prefLabels(th.byId.get(r.value)!) : null);
    facets[r.facet].push({ value: r.value, count: r.count, ...(label ? { label } : {}) });
  }
  for (const f of FACETS) {
    facets[f].sort(f === 'year' ? (a, b) => Number(b.value) - Number(a.value) : (a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  const items = rows.filter((r) => r.rn !== null).map(({ facets: _f, total: _t, abstract: _a, abs_lang: _l, rn: _r, ...rest }) => ({
    ...rest,
    ...(searching ? { snippet: rest.snippet?.includes('\u0001') ? rest.snippet : null, page_hit: rest.page_hit ?? null } : {}),
  }));
  return { total: first.total, items, facets };
}

function emptyFacets(): Facets {
  return Object.fromEntries(FACETS.map((f) => [f, [] as Facets[Facet]])) as Facets;
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
