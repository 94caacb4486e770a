// Browsing and searching published publications: one filtered set, its page and its facet counts.
import { type Db, prepared } from '../db/db.ts';
import type { BrowseQuery, Facet, Facets } from '../domain/browse.ts';
import { FACETS, yearRange } from '../domain/browse.ts';
import type { EntityType, PublicationSummary } from '../domain/records.ts';
import { fold } from '../search/normalize.ts';
import { suggestableWords } from '../search/plan.ts';
import { markQuery, turkicSnippet } from '../search/snippet.ts';
import { formatQuery } from '../search/query.ts';
import { thesaurus } from '../search/thesaurus.ts';
import { currentFacetIndex, type FacetIndex, facetIndex } from './facet-index.ts';
import { coverSql, ENTITY_LINK, READABLE_FILE, readablePublicationSql } from './visibility.ts';
import {
  bestPagesSql,
  compileQuery,
  type CompiledQuery,
  headlineSql,
  pageQueries,
  renewEmbargoEnded,
  spellingSuggestions,
} from './search.ts';
import { stateValueSql } from './state.ts';

/** A full-text hit of a result: the best page of one of its files. */
export interface PageHitSummary {
  file_id: number;
  name: string;
  page: number;
  snippet: string;
}

/** A result of a search: the summary, the abstract around the matched words, the best page hit. */
export interface SearchItem extends PublicationSummary {
  /** Text with the matched words between \u0001 and \u0002 (see headlineSql); null without a match. */
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

/** The order of a title sort: the title in the reader's language, else the original's, else English. */
const titleOrderSql = (langParam: string) =>
  `lower(coalesce(p.title->>${langParam}, p.title->>p.original_language, p.title->>'en')), p.id`;

/**
 * How many of the best-tiered matches are ranked by ts_rank (title A 1.0, subtitle and people B 0.4,
 * abstract and the rest C 0.2): the first RANKED by tier and year, the rest follow in tier and year order.
 * Over a small result set this is plain relevance; over a huge one it bounds the vectors read.
 */
const RANKED = 200;

const SUMMARY_COLUMNS = `p.id, p.slug, p.kind, p.status, p.featured, p.title, p.subtitle, p.original_language, p.year, p.languages,
  p.created_at, p.updated_at,
  ${coverSql('p')} as cover_sha256`;

// The abstract in the reader's language, else the original's, else English, else any: for the snippet.
const ABSTRACT_LANG = (langParam: string) => `coalesce(case when p.abstract ? ${langParam} then ${langParam} end,
  case when p.abstract ? p.original_language then p.original_language end, case when p.abstract ? 'en' then 'en' end,
  (select min(k) from jsonb_object_keys(p.abstract) k))`;

/** One page of published publications matching the query, the total, and facet counts over all matches. */
export async function browsePublications(db: Db, q: BrowseQuery, lang: string): Promise<BrowseResult> {
  if (!q.q) {
    await renewEmbargoEnded(db);
    return runBrowse(db, q, lang);
  }
  const [, compiled] = await Promise.all([renewEmbargoEnded(db), compileQuery(db, q.q)]);
  const { strict, ...result } = await runSearch(db, q, lang, compiled);
  if (strict >= 3 || q.page > 1) return result;
  // Little found: correct the words the catalogue does not know ("did you mean").
  const fixes = await spellingSuggestions(db, suggestableWords(compiled.plan));
  if (!fixes.size) return result;
  const corrected = formatQuery(compiled.plan.terms.map((t) => ({ ...t, text: fixes.get(fold(t.text)) ?? t.text })));
  // Documents with every word: the correction is offered; with only some (partial matches), it is tried.
  if (strict > 0) return { ...result, suggestion: corrected };
  const { strict: fixed, ...retry } = await runSearch(db, q, lang, await compileQuery(db, corrected));
  return fixed > 0 ? { ...retry, corrected } : result;
}

// Browsing without a query: which publications are published and have the filters' values, their total,
// facet counts and order all come from memory (src/store/facet-index.ts); one statement reads the page.
async function runBrowse(db: Db, q: BrowseQuery, lang: string): Promise<BrowseResult> {
  const index = await currentFacetIndex(db);
  const matched = [...index.having(filterKeys(q), yearRange(q))];
  const facets = await facetValues(db, index.count(matched));
  const ids = await pageIds(db, q, lang, matched, index, null);
  const items = ids.length ? await db.query<PublicationSummary>(BROWSE_PAGE, [ids]) : [];
  return { total: matched.length, items, facets };
}

// Prepared (planned once per connection): on PGlite, planning these cost more than running them.
const BROWSE_PAGE = prepared(
  'browse_page',
  `select ${SUMMARY_COLUMNS} from unnest($1::int[]) with ordinality as ids(id, rn) join publications p on p.id = ids.id
     where ${readablePublicationSql('p')} order by ids.rn`,
);
const FACET_LABELS = prepared(
  'facet_labels',
  `select 'topic:' || slug as key, label from topics where slug = any($1::text[])
     union all select 'funder:' || slug, name from organisations where slug = any($2::text[])
     union all select 'project:' || slug, name from projects where slug = any($3::text[])`,
);

/**
 * The publications that match a search, by tier: 1 when the title matches, 2 when other metadata does,
 * 3 when only the text of a file does. The index query ($1) matches publications (publication_search) and
 * files whole (files.search, one row per file); a phrase is then confirmed on a page with the text query
 * ($2). Only ids are read: whether a match is published, its year and its facet values are in memory. A
 * publication with several matching files comes once a file (markTier does not mind; no sort to drop them).
 */
const MATCHES = {
  title: `select string_agg(id::text, ',') as ids from publication_search where title @@ $1::tsquery`,
  meta: `select string_agg(id::text, ',') as ids from publication_search where search @@ $1::tsquery`,
  files: `select string_agg(f.publication_id::text, ',') as ids from files f
    where f.search @@ kitap_without_phrases($1::tsquery) and ${READABLE_FILE}
      and (not kitap_has_phrase($1::tsquery) or exists (select 1 from file_pages fp where fp.file_id = f.id and fp.search @@ $2::tsquery))`,
};
// The planner prices @@ like an integer comparison and, for a broad query, would scan the whole table and
// test every row's vector; reading the GIN indexes' matches is far cheaper. Parallel workers only add
// start-up time to a statement this short.
const INDEX_ONLY =
  'set local enable_seqscan = off; set local enable_indexscan = off; set local max_parallel_workers_per_gather = 0';

async function matchIds(
  db: Db,
  query: CompiledQuery,
): Promise<{ generation: string; title: string | null; meta: string | null; files: string | null }> {
  const params = [query.tsquery, query.textQuery];
  if (db.kind === 'pglite') {
    // One connection: the three in one statement, with the generation they were read at.
    return db.tx(async (t) => {
      await t.exec(INDEX_ONLY);
      return (await t.one(
        `select ${stateValueSql('facets')} as generation, (${MATCHES.title}) as title, (${MATCHES.meta}) as meta, (${MATCHES.files}) as files`,
        params,
      ))!;
    });
  }
  // A server: the three at once on three connections (a broad query's metadata matches take most of the time, and
  // the titles' and files' come beside them). The generation first: the matches are at least as new as it.
  const generation = (await db.one<{ g: string }>(`select ${stateValueSql('facets')} as g`))!.g;
  const ids = (sql: string, n: number) =>
    db.tx(async (t) => {
      await t.exec(INDEX_ONLY);
      return (await t.one<{ ids: string | null }>(sql, params.slice(0, n)))!.ids;
    });
  const [title, meta, files] = await Promise.all([ids(MATCHES.title, 1), ids(MATCHES.meta, 1), ids(MATCHES.files, 2)]);
  return { generation, title, meta, files };
}

/** Ids split in two for a server's two connections at once (each row is worked on alone); whole on PGlite. */
function halves(db: Db, ids: number[]): number[][] {
  return db.kind === 'postgres' && ids.length > 1 ? [ids.slice(0, ids.length >> 1), ids.slice(ids.length >> 1)] : [ids];
}

/**
 * Gives the ids of a comma-separated list this tier (ids the array does not reach are not published). The
 * ids come as one text: pg's int[] parser takes ~6 µs an element; this reads the digits in place.
 */
function markTier(list: string | null, tier: Uint8Array, t: number): void {
  if (!list) return;
  let id = 0;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c !== 44) {
      id = id * 10 + c - 48;
      continue;
    }
    if (id < tier.length) tier[id] = t;
    id = 0;
  }
}

/**
 * The first `need` matches in the order of a sort: by a major key (tier and year, or year alone), then by
 * id. The majors are few (three tiers of a few dozen years), so counting the matches in each finds the
 * majors the first `need` fall in, and only those are sorted: a few thousand instead of tens of thousands.
 * `ids` ascend.
 */
function firstMatches(
  ids: number[],
  tier: Uint8Array,
  index: FacetIndex,
  sort: 'relevance' | 'newest' | 'oldest',
  need: number,
): number[] {
  const major = new Uint32Array(ids.length);
  // Counted in two typed histograms (the tier, then the year within the tier the cut falls in) rather than a Map:
  // a broad query has tens of thousands of matches.
  const high = new Uint32Array(256);
  for (let i = 0; i < ids.length; i++) {
    const year = index.year(ids[i]!); // 0: none, last either way
    const m = sort === 'oldest' ? year || 65535 : (sort === 'relevance' ? tier[ids[i]!]! * 65536 : 0) + 65535 - year;
    major[i] = m;
    high[m >>> 16]!++;
  }
  let cut = Infinity;
  let seen = 0;
  for (let h = 0; h < 256 && cut === Infinity; h++) {
    if (seen + high[h]! < need) {
      seen += high[h]!;
      continue;
    }
    const low = new Uint32Array(65536);
    for (let i = 0; i < major.length; i++) if (major[i]! >>> 16 === h) low[major[i]! & 65535]!++;
    for (let l = 0; l < 65536; l++) {
      seen += low[l]!;
      if (seen >= need) {
        cut = h * 65536 + l;
        break;
      }
    }
  }
  const chosen: number[] = [];
  for (let i = 0; i < ids.length; i++) if (major[i]! <= cut) chosen.push(i);
  // Newest and relevance list the higher id first within a major, oldest the lower.
  const idOrder = sort === 'oldest' ? 1 : -1;
  chosen.sort((x, y) => major[x]! - major[y]! || idOrder * (ids[x]! - ids[y]!));
  return chosen.slice(0, need).map((i) => ids[i]!);
}

/**
 * The ids on the page the query asks for, among the matches (ascending ids), in the order of its sort: by
 * relevance (a search's tiers, then ts_rank among the best RANKED), newest, oldest, or title.
 */
async function pageIds(
  db: Db,
  q: BrowseQuery,
  lang: string,
  matched: number[],
  index: FacetIndex,
  search: { tier: Uint8Array; tsquery: string } | null,
): Promise<number[]> {
  const offset = (q.page - 1) * q.per_page;
  // Without a query there is no relevance: newest first, as the browse page says.
  const sort = (q.sort ?? 'relevance') === 'relevance' ? (search ? 'relevance' : 'newest') : q.sort!;
  if (sort === 'title') {
    return (
      await db.query<{ id: number }>(
        `select p.id from publications p where p.id = any(string_to_array($1, ',')::int[])
       order by ${titleOrderSql('$2::text')} offset $3 limit $4`,
        [matched.join(','), lang, offset, q.per_page],
      )
    ).map((r) => r.id);
  }
  const tier = search?.tier ?? new Uint8Array(0);
  const ordered = firstMatches(
    matched,
    tier,
    index,
    sort,
    Math.max(offset + q.per_page, sort === 'relevance' ? RANKED : 0),
  );
  if (search && sort === 'relevance' && offset < RANKED && ordered.length > 1) {
    const best = ordered.slice(0, RANKED);
    // Each vector read and ranked on its own: on a server, two halves at once.
    const scored = await Promise.all(
      halves(db, best).map((part) =>
        db.query<{ id: number; score: number }>(
          `select id, ts_rank('{0.05,0.2,0.4,1}', search, $1::tsquery) as score from publication_search where id = any($2::int[])`,
          [search.tsquery, part],
        ),
      ),
    );
    const score = new Map(scored.flat().map((r) => [r.id, r.score]));
    // Stable: equal scores keep the tier, year and id order.
    best.sort((a, b) => tier[a]! - tier[b]! || (score.get(b) ?? 0) - (score.get(a) ?? 0));
    ordered.splice(0, best.length, ...best);
  }
  return ordered.slice(offset, offset + q.per_page);
}

// A search: the matching ids from the indexes, then filters, tiers, total, facets and order here, then one
// statement for the page (ranked by ts_rank among the best RANKED when sorted by relevance).
async function runSearch(
  db: Db,
  q: BrowseQuery,
  lang: string,
  query: CompiledQuery,
): Promise<BrowseResult & { strict: number }> {
  const none = { total: 0, strict: 0, items: [], facets: emptyFacets() };
  if (!query.tsquery) return none;
  const found = await matchIds(db, query);
  const index = await facetIndex(db, found.generation);
  const keep = index.filter(filterKeys(q), yearRange(q));
  if (!keep) return none;
  const tier = new Uint8Array(index.maxId + 1);
  for (const [list, t] of [
    [found.files, 3],
    [found.meta, 2],
    [found.title, 1],
  ] as const)
    markTier(list, tier, t);
  // Documents with every group of the query (in either language): fewer than three, and "did you mean" is tried.
  let matched = tiered(tier, keep);
  let strict = matched.length;
  // Few documents have every word: those that have most of them (by weight), or have them in the other language, follow.
  let weights: number[] | null = null;
  if (strict < PARTIAL_BELOW && (query.groups.length > 1 || query.groups.some((g) => g.cross))) {
    const partial = await partialMatches(db, query, index.maxId);
    weights = partial.weights;
    for (const [id, coverage] of partial.coverage) {
      if (id >= tier.length || tier[id] || !keep(id)) continue;
      tier[id] = PARTIAL_TIER + Math.round((1 - coverage) * PARTIAL_STEPS);
      if (partial.whole.has(id)) strict++;
    }
    matched = tiered(tier, keep);
  }
  // The page's statements first; the facets are counted here while the database works on them.
  const items = pageIds(db, q, lang, matched, index, { tier, tsquery: query.tsquery }).then((ids) =>
    ids.length ? searchItems(db, ids, lang, query, weights) : [],
  );
  const facets = await facetValues(db, index.count(matched));
  return { total: matched.length, strict, items: await items, facets };
}

/**
 * The ids with a tier that pass the filters, ascending. A function of its own, so that V8 optimises the loop
 * (tens of thousands of matches) rather than run it in the large async function around it.
 */
function tiered(tier: Uint8Array, keep: (id: number) => boolean): number[] {
  const out: number[] = [];
  for (let id = 1; id < tier.length; id++) if (tier[id] && keep(id)) out.push(id);
  return out;
}

/** Below this many documents with every word of a multi-word query, the partial matches are looked for. */
const PARTIAL_BELOW = 20;
/** The tier of a partial match: after the three of whole matches, by coverage in PARTIAL_STEPS steps. */
const PARTIAL_TIER = 4;
const PARTIAL_STEPS = 20;
/** The share of the query's weight a partial match must have. */
const MIN_COVERAGE = 0.5;
/** What a word found only through its translation counts for, against the word itself. */
const CROSS_WEIGHT = 0.8;

/**
 * The documents that match some of a query's groups (its words, phrases and concepts, or their translations),
 * with their coverage: the weight of the groups they match over the weight of all, a group weighing by how
 * rare it is (log(1 + N / (1 + documents with it)); 0 for a word no document has), a translation counting CROSS_WEIGHT. Only those
 * with MIN_COVERAGE or more; the weights are returned for choosing pages. One statement: each group's ids.
 */
async function partialMatches(
  db: Db,
  query: CompiledQuery,
  n: number,
): Promise<{ coverage: Map<number, number>; weights: number[]; whole: Set<number> }> {
  const crossAt: number[] = [];
  const queries = query.groups.map((g) => g.index);
  for (const g of query.groups) crossAt.push(g.cross ? queries.push(g.cross) - 1 : -1);
  const rows = await db.tx(async (t) => {
    await t.exec(INDEX_ONLY);
    return t.query<{ n: number; ids: string | null }>(
      `select g.n::int as n, (select string_agg(x.id::text, ',') from (
           select id from publication_search where search @@ g.q::tsquery
           union select f.publication_id from files f where f.search @@ kitap_without_phrases(g.q::tsquery) and ${READABLE_FILE}) x) as ids
       from unnest($1::text[]) with ordinality as g(q, n)`,
      [queries],
    );
  });
  const lists = new Map(rows.map((r) => [r.n - 1, r.ids ? r.ids.split(',').map(Number) : []]));
  const score = new Map<number, number>();
  const matched = new Map<number, number>(); // how many groups each document has
  const weights = query.groups.map((_, i) => {
    const same = new Set(lists.get(i) ?? []);
    const cross = (lists.get(crossAt[i]!) ?? []).filter((id) => !same.has(id));
    // A word no document has tells nothing about which documents are better: it weighs nothing.
    const df = same.size + cross.length;
    const w = df ? Math.log(1 + n / (1 + df)) : 0;
    for (const id of same) score.set(id, (score.get(id) ?? 0) + w);
    for (const id of cross) score.set(id, (score.get(id) ?? 0) + w * CROSS_WEIGHT);
    for (const id of [...same, ...cross]) matched.set(id, (matched.get(id) ?? 0) + 1);
    return w;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const coverage = new Map<number, number>();
  for (const [id, sc] of score) if (total > 0 && sc / total >= MIN_COVERAGE) coverage.set(id, Math.min(1, sc / total));
  // Those that have every group, some only in translation: as good as a whole match for "did you mean".
  const whole = new Set([...coverage.keys()].filter((id) => matched.get(id) === query.groups.length));
  return { coverage, weights, whole };
}

/** The results on a page, in this order: summaries, the abstract's snippet and the best page hit of each. */
async function searchItems(
  db: Db,
  ids: number[],
  lang: string,
  query: CompiledQuery,
  weights: number[] | null,
): Promise<SearchItem[]> {
  type Row = SearchItem & { abstract: Record<string, string>; abs_lang: string | null };
  const pages = pageQueries(query, weights);
  // Each result's snippets and page hit are its own (ts_headline, its pages' vectors: most of a search's time for
  // a question): on a server, the two halves of the page at once, on two connections.
  const results = await Promise.all(
    halves(db, ids).map((part) =>
      db.query<Row>(
        `with pg as (select ${SUMMARY_COLUMNS}, ids.rn, p.abstract, ${ABSTRACT_LANG('$3::text')} as abs_lang
       from unnest($1::int[]) with ordinality as ids(id, rn) join publications p on p.id = ids.id)
     select pg.*,
       case when pg.abs_lang not in ('kk', 'ky') then ${headlineSql('pg.abstract->>pg.abs_lang', 'pg.abs_lang', '$4')} end as snippet,
       case when ph.page is not null then json_build_object('file_id', ph.file_id, 'name', ph.original_name, 'page', ph.page, 'language', ph.language,
         'snippet', case when ph.language in ('kk', 'ky') then ph.text else ${headlineSql('ph.text', 'ph.language', '$4')} end) end as page_hit
     -- A page with the whole query is the best there is (by ts_rank); without one, pages are weighed by how much
     -- of the query they and their neighbours hold.
     from pg left join lateral (${bestPagesSql('pg.id', '$2', '$5', '$6', pages.groups.length, '1', '$7')}
       ) ph on true
     order by pg.rn`,
        [part, pages.any, lang, markQuery(pages.any ?? ''), pages.groups, pages.weights, query.textQuery],
      ),
    ),
  );
  const rows = results.flat();
  // Kazakh and Kyrgyz are highlighted here: ts_headline has no stemmer for them (src/search/snippet.ts).
  const turkic = (l: string | null | undefined): l is 'kk' | 'ky' => l === 'kk' || l === 'ky';
  return rows.map(({ abstract, abs_lang, rn: _r, ...rest }: Row & { rn?: number }) => {
    const text = turkic(abs_lang) ? turkicSnippet(abstract[abs_lang]!, abs_lang, pages.any ?? '') : rest.snippet;
    let hit: (PageHitSummary & { language?: string | null }) | null = rest.page_hit ?? null;
    if (hit && turkic(hit.language))
      hit = { ...hit, snippet: turkicSnippet(hit.snippet, hit.language, pages.any ?? '') ?? hit.snippet.slice(0, 200) };
    if (hit) delete hit.language;
    return { ...rest, snippet: text?.includes('\u0001') ? text : null, page_hit: hit };
  });
}

/** Facet counts ('kind:report' → 12) as facets with labels: entity names, thesaurus labels for subject terms. */
async function facetValues(db: Db, counts: Map<string, number>): Promise<Facets> {
  const facets = emptyFacets();
  const named = { topic: [] as string[], funder: [] as string[], project: [] as string[] };
  for (const k of counts.keys()) {
    const m = /^(topic|funder|project):(.*)$/.exec(k);
    if (m) named[m[1] as keyof typeof named].push(m[2]!);
  }
  const labels = new Map(
    (named.topic.length + named.funder.length + named.project.length
      ? await db.query<{ key: string; label: Record<string, string> }>(FACET_LABELS, [
          named.topic,
          named.funder,
          named.project,
        ])
      : []
    ).map((r) => [r.key, r.label]),
  );
  const th = thesaurus();
  for (const [key, count] of counts) {
    const cut = key.indexOf(':');
    const facet = key.slice(0, cut) as Facet;
    const value = key.slice(cut + 1);
    if (!facets[facet]) continue;
    const label =
      labels.get(key) ?? (facet === 'topic' && th.byId.has(value) ? th.prefLabels(th.byId.get(value)!) : null);
    facets[facet].push({ value, count, ...(label ? { label } : {}) });
  }
  for (const f of FACETS) {
    facets[f].sort(
      f === 'year'
        ? (a, b) => Number(b.value) - Number(a.value)
        : (a, b) => b.count - a.count || a.value.localeCompare(b.value),
    );
  }
  return facets;
}

function emptyFacets(): Facets {
  return Object.fromEntries(FACETS.map((f) => [f, [] as Facets[Facet]])) as Facets;
}

/** The newest published publications and the featured ones, for the home page. */
export async function homePublications(
  db: Db,
  limit: number,
): Promise<{ newest: PublicationSummary[]; featured: PublicationSummary[] }> {
  const [newest, featured] = await Promise.all([
    db.query<PublicationSummary>(
      `select ${SUMMARY_COLUMNS} from publications p where ${readablePublicationSql('p')}
      order by p.year desc nulls last, p.published_at desc nulls last, p.id desc limit $1`,
      [limit],
    ),
    db.query<PublicationSummary>(
      `select ${SUMMARY_COLUMNS} from publications p where ${readablePublicationSql('p')} and p.featured
      order by p.year desc nulls last, p.id desc limit $1`,
      [limit],
    ),
  ]);
  return { newest, featured };
}

/** A page of the published publications linked to an entity in any role, newest first. */
export async function publicationsOfEntity(
  db: Db,
  type: EntityType,
  entityId: number,
  page: number,
  perPage: number,
): Promise<{ items: PublicationSummary[]; total: number }> {
  const link = ENTITY_LINK[type];
  const rows = await db.query<PublicationSummary & { total: number }>(
    `select ${SUMMARY_COLUMNS}, count(*) over ()::int as total from publications p
      where ${readablePublicationSql('p')} and exists (select 1 from ${link.table} l where l.publication_id = p.id and l.${link.key} = $1)
      order by p.year desc nulls last, p.id desc limit $2 offset $3`,
    [entityId, perPage, (page - 1) * perPage],
  );
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...rest }) => rest) };
}

/** How many publications readers can see. */
export async function publishedCount(db: Db): Promise<number> {
  return (await db.one<{ n: number }>(
    `select count(*)::int as n from publications p where ${readablePublicationSql('p')}`,
  ))!.n;
}
