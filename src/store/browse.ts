// Browsing and searching published publications: one filtered set, its page and its facet counts.
import type { Db } from '../db/db.ts';
import type { BrowseQuery, Facet, Facets } from '../domain/browse.ts';
import { FACETS } from '../domain/browse.ts';
import type { EntityType, PublicationSummary } from '../domain/records.ts';
import { fold } from '../search/normalize.ts';
import { suggestableWords } from '../search/plan.ts';
import { turkicSnippet } from '../search/snippet.ts';
import { formatQuery } from '../search/query.ts';
import { thesaurus } from '../search/thesaurus.ts';
import { FACET_GENERATION_SQL, facetIndex } from './facet-index.ts';
import { PUBLIC_FILE } from './files.ts';
import { compileQuery, type CompiledQuery, HEADLINE_OPTIONS, headlineText, spellingSuggestions } from './search.ts';

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

/** The facet values a query filters on, as publications.facet_keys holds them ('kind:report'). */
function filterKeys(q: BrowseQuery): string[] {
  return FACETS.filter((f) => q[f] !== undefined).map((f) => `${f}:${q[f]}`);
}

/**
 * The WHERE clause of a query's filters: one array containment, which the GIN index on facet_keys serves.
 * In a search the text index must find the rows: the status is then tested in a form no index serves,
 * or the planner, which prices @@ like an integer comparison, reads every published row's vector instead.
 */
function filterSql(q: BrowseQuery, params: unknown[], searching: boolean): string {
  const keys = filterKeys(q);
  const status = searching ? `coalesce(p.status, '') = 'published'` : `p.status = 'published'`;
  return keys.length ? `${status} and p.facet_keys @> $${params.push(keys)}::text[]` : status;
}

function orderSql(q: BrowseQuery, langParam: string): string {
  switch (q.sort) {
    case 'oldest':
      return 'p.year asc nulls last, p.id asc';
    case 'title':
      return `lower(coalesce(p.title->>${langParam}, p.title->>p.original_language, p.title->>'en')), p.id`;
    default:
      return 'p.year desc nulls last, p.id desc';
  }
}

/**
 * The publications a query matches among those the filters keep, each with its tier: 1 when the title
 * matches, 2 when other metadata does, 3 when only the text of a file does. The index query ($1) matches
 * publications and files whole (files.search, one row per file); a phrase is then confirmed on a page
 * with the text query ($2). No vector of a publication is read here unless a phrase needs checking: a
 * broad query over a large catalogue matches tens of thousands, and reading all their vectors is what
 * would make it slow.
 */
const matchesSql = (where: string) => `fm as materialized (
    select distinct f.publication_id as id from files f
    where f.search @@ kitap_without_phrases($1::tsquery) and ${PUBLIC_FILE}
      and (not kitap_has_phrase($1::tsquery) or exists (select 1 from file_pages fp where fp.file_id = f.id and fp.search @@ $2::tsquery))),
  m as materialized (
    select id, min(year) as year, min(tier) as tier from (
      select p.id, p.year, case when p.search_title @@ $1::tsquery then 1 else 2 end as tier
      from publications p where p.search @@ $1::tsquery and ${where}
      union all
      -- offset 0 keeps this a lookup by id per matched file: flattened, the planner hashes every publication.
      select p.id, p.year, 3 from fm cross join lateral (select p.id, p.year from publications p where p.id = fm.id and ${where} offset 0) p
    ) x group by id)`;

/**
 * How many of the best-tiered matches are ranked by ts_rank (title A 1.0, subtitle and people B 0.4,
 * abstract and the rest C 0.2): the first RANKED by tier and year, the rest follow in tier and year order.
 * Over a small result set this is plain relevance; over a huge one it bounds the vectors read.
 */
const RANKED = 200;

const SUMMARY_COLUMNS = `p.id, p.slug, p.kind, p.status, p.featured, p.title, p.subtitle, p.original_language, p.year, p.languages,
  p.created_at, p.updated_at,
  (select f.cover_sha256 from files f where f.publication_id = p.id and f.cover_sha256 is not null order by f.position, f.id limit 1) as cover_sha256`;

// The abstract in the reader's language, else the original's, else English, else any: for the snippet.
const ABSTRACT_LANG = (langParam: string) => `coalesce(case when p.abstract ? ${langParam} then ${langParam} end,
  case when p.abstract ? p.original_language then p.original_language end, case when p.abstract ? 'en' then 'en' end,
  (select min(k) from jsonb_object_keys(p.abstract) k))`;

/** One page of published publications matching the query, the total, and facet counts over all matches. */
export async function browsePublications(db: Db, q: BrowseQuery, lang: string): Promise<BrowseResult> {
  if (!q.q) return runBrowse(db, q, lang, null);
  const compiled = await compileQuery(db, q.q);
  const result = await runBrowse(db, q, lang, compiled);
  if (result.total >= 3 || q.page > 1) return result;
  // Little found: correct the words the catalogue does not know ("did you mean").
  const fixes = await spellingSuggestions(db, suggestableWords(compiled.plan));
  if (!fixes.size) return result;
  const corrected = formatQuery(compiled.plan.terms.map((t) => ({ ...t, text: fixes.get(fold(t.text)) ?? t.text })));
  if (result.total > 0) return { ...result, suggestion: corrected };
  const retry = await runBrowse(db, q, lang, await compileQuery(db, corrected));
  return retry.total > 0 ? { ...retry, corrected } : result;
}

// One statement: the matches (m) once, their total and facet counts, and the page of results.
async function runBrowse(db: Db, q: BrowseQuery, lang: string, query: CompiledQuery | null): Promise<BrowseResult> {
  const searching = q.q !== undefined;
  if (searching && !query?.tsquery) return { total: 0, items: [], facets: emptyFacets() };
  const params: unknown[] = searching ? [query!.tsquery, query!.textQuery] : [];
  const where = filterSql(q, params, searching);
  const offset = (q.page - 1) * q.per_page;
  const off = `$${params.push(offset)}::int`;
  const lim = `$${params.push(q.per_page)}::int`;
  const langParam = `$${params.push(lang)}::text`;
  const byRelevance = searching && (q.sort ?? 'relevance') === 'relevance';
  // The ids of the page, in order (rn).
  const page = byRelevance
    ? `cand as (select id, tier, year from m order by tier, year desc nulls last, id desc limit ${RANKED}),
       ranked as (
         select c.id, 0 as part, c.tier, ts_rank('{0.05,0.2,0.4,1}', p.search, $1::tsquery) as score, c.year
           from cand c join publications p on p.id = c.id
         union all
         select r.id, 1, r.tier, 0, r.year from (select id, tier, year from m order by tier, year desc nulls last, id desc
           offset ${RANKED} limit greatest(${off} + ${lim} - ${RANKED}, 0)) r),
       ids as (select id, row_number() over (order by part, tier, score desc, year desc nulls last, id desc) as rn
         from ranked order by rn offset ${off} limit ${lim})`
    : `ids as (select p.id, row_number() over (order by ${orderSql(q, langParam)}) as rn
         from publications p join m on m.id = p.id order by rn offset ${off} limit ${lim})`;
  const headline = (expr: string, langExpr: string) =>
    `ts_headline(case ${langExpr} when 'en' then 'english' else 'russian' end::regconfig, ${headlineText(expr)}, $2::tsquery, ${HEADLINE_OPTIONS})`;
  const sql = `with ${searching ? matchesSql(where) : `m as materialized (select p.id, p.year from publications p where ${where})`},
    ${page},
    pg as (select ${SUMMARY_COLUMNS}, ids.rn${searching ? `, p.abstract, ${ABSTRACT_LANG(langParam)} as abs_lang` : ''}
      from ids join publications p on p.id = ids.id)
    select ${FACET_GENERATION_SQL} as generation, (select count(*) from m)::int as total${searching ? `, (select string_agg(id::text, ',') from m) as ids` : ''}, x.*
    from (select 1) one left join (
      select pg.*${searching ? `,
        case when pg.abs_lang not in ('kk', 'ky') then ${headline('pg.abstract->>pg.abs_lang', 'pg.abs_lang')} end as snippet,
        case when ph.page is not null then json_build_object('file_id', ph.file_id, 'name', ph.original_name, 'page', ph.page, 'language', ph.language,
          'snippet', case when ph.language in ('kk', 'ky') then ph.text else ${headline('ph.text', 'ph.language')} end) end as page_hit` : ''}
      from pg ${searching ? `left join lateral (select fp.file_id, fp.page, fp.text, f.original_name, f.language
          from file_pages fp join files f on f.id = fp.file_id where f.publication_id = pg.id and ${PUBLIC_FILE} and fp.search @@ $2::tsquery
          order by ts_rank(fp.search, $2::tsquery) desc, fp.file_id, fp.page limit 1) ph on true` : ''}) x on true
    order by x.rn`;
  type Row = SearchItem & { generation: string | null; total: number; ids?: string | null; abstract?: unknown; abs_lang?: string | null; rn: number | null };
  if (!searching && q.sort !== 'title') params.pop(); // the reader's language is only used by the snippet and the title sort
  const rows = searching
    // The planner prices @@ like an integer comparison and scans the whole table (or all of an index)
    // when a query is broad; reading the GIN index's matches is far cheaper than testing every row's
    // vector. Parallel workers only add start-up time to a statement this short.
    ? await db.tx(async (t) => { await t.exec('set local enable_seqscan = off; set local enable_indexscan = off; set local max_parallel_workers_per_gather = 0'); return t.query<Row>(sql, params); })
    : await db.query<Row>(sql, params);
  const first = rows[0]!;
  const index = await facetIndex(db, first.generation);
  // The matches' ids come as one text: pg's parser takes ~6 µs per element of an int[], split() a tenth of that.
  const matched = searching ? (first.ids ? first.ids.split(',').map(Number) : []) : index.having(filterKeys(q));
  const facets = await facetValues(db, index.count(matched));
  const items = rows.filter((r) => r.rn !== null).map(({ generation: _g, total: _t, ids: _i, abstract, abs_lang, rn: _r, ...rest }) => {
    if (!searching) return rest;
    // Kazakh and Kyrgyz are highlighted here: ts_headline has no stemmer for them (src/search/snippet.ts).
    const turkic = (lang: string | null | undefined): lang is 'kk' | 'ky' => lang === 'kk' || lang === 'ky';
    const text = turkic(abs_lang) ? turkicSnippet((abstract as Record<string, string>)[abs_lang]!, abs_lang, query!.textQuery ?? '') : rest.snippet;
    let hit: (PageHitSummary & { language?: string | null }) | null = rest.page_hit ?? null;
    if (hit && turkic(hit.language)) hit = { ...hit, snippet: turkicSnippet(hit.snippet, hit.language, query!.textQuery ?? '') ?? hit.snippet.slice(0, 200) };
    if (hit) delete hit.language;
    return { ...rest, snippet: text?.includes('\u0001') ? text : null, page_hit: hit };
  });
  return { total: first.total, items, facets };
}

/** Facet counts ('kind:report' → 12) as facets with labels: entity names, thesaurus labels for subject terms. */
async function facetValues(db: Db, counts: Map<string, number>): Promise<Facets> {
  const facets = emptyFacets();
  const named = [...counts.keys()].filter((k) => /^(topic|funder|project):/.test(k));
  const labels = new Map((named.length ? await db.query<{ key: string; label: Record<string, string> }>(
    `select 'topic:' || slug as key, label from topics where 'topic:' || slug = any($1::text[])
     union all select 'funder:' || slug, name from organisations where 'funder:' || slug = any($1::text[])
     union all select 'project:' || slug, name from projects where 'project:' || slug = any($1::text[])`, [named]) : []).map((r) => [r.key, r.label]));
  const th = thesaurus();
  for (const [key, count] of counts) {
    const cut = key.indexOf(':');
    const facet = key.slice(0, cut) as Facet;
    const value = key.slice(cut + 1);
    if (!facets[facet]) continue;
    const label = labels.get(key) ?? (facet === 'topic' && th.byId.has(value) ? th.prefLabels(th.byId.get(value)!) : null);
    facets[facet].push({ value, count, ...(label ? { label } : {}) });
  }
  for (const f of FACETS) {
    facets[f].sort(f === 'year' ? (a, b) => Number(b.value) - Number(a.value) : (a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return facets;
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
