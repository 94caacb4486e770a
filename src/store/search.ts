// The SQL of search: the index of a publication, the thesaurus in the database, a reader's query as a
// tsquery, spelling suggestions, and the pages of files that match. The design is in src/search/plan.ts.
import type { Db } from '../db/db.ts';
import { indexDocument, type IndexedRecord } from '../search/document.ts';
import { dictionary } from '../search/dictionary.ts';
import { planQuery, planSql, termTsquery, type SearchPlan, type TermPlan } from '../search/plan.ts';
import { fold, isStopword, wordsOf } from '../search/normalize.ts';
import { skeletonCandidates } from '../search/translit.ts';
import { markQuery, turkicSnippet } from '../search/snippet.ts';
import { thesaurus } from '../search/thesaurus.ts';
import { READABLE_FILE, readablePublicationSql } from './visibility.ts';
import { stateValue } from './state.ts';

const labelWords = (label: string) => wordsOf(label).filter((w) => !isStopword(w)).length;

/** Bumped when what indexDocument produces changes: every publication is then indexed again. */
// 4: the lexicon holds only what readers see (migration 0016), built again from publication_words.
// 5: pages in their own language, words with their script-neutral keys (migration 0080).
const INDEX_VERSION = 5;

/** Publications indexed per statement when everything is indexed again. */
const REINDEX_BATCH = 500;

/**
 * A reader's query ready for SQL, as tsquery texts (null when no word of it can be searched): `tsquery`
 * for the catalogue's index, where a thesaurus concept is one lexeme, and `textQuery` for plain text —
 * the pages of files and the snippets — where a concept is all its labels.
 */
export interface CompiledQuery {
  tsquery: string | null;
  textQuery: string | null;
  plan: SearchPlan;
  /**
   * Each group of the query that a document should match (not an excluded one), as tsquery texts: `index` for
   * the catalogue, `text` for pages, and `cross` its translations into the other language (null: none known).
   * A document matching only some of them, or some only through a translation, ranks below one matching
   * the whole query (src/store/browse.ts), and pages are chosen by how many of them they hold.
   */
  groups: GroupQuery[];
}
export interface GroupQuery {
  index: string;
  text: string;
  cross: string | null;
}

/** Spellings of one word the lexicon may add to a query (another script's, another romanisation's). */
const LEXICON_SPELLINGS = 6;
/** Skeletons shorter than this match too much by chance to be looked up. */
const LEXICON_MIN_SKELETON = 4;

/**
 * The words of the library (search_words) that are spellings of a query's words in another script or
 * romanisation: the same script-neutral key (src/search/translit.ts). "migratsii", "migracii" and "migratsiyi"
 * find миграции, "Abai" finds Абай, where the text has them. One round trip for the whole query.
 */
async function lexiconSpellings(db: Db, words: string[]): Promise<Map<string, string[]>> {
  const keysOf = new Map(words.map((w) => [w, skeletonCandidates(w).filter((k) => k.length >= LEXICON_MIN_SKELETON)]));
  const keys = [...new Set([...keysOf.values()].flat())];
  if (!keys.length) return new Map();
  const rows = await db.query<{ skel: string; word: string }>(
    `select skel, word from (select skel, word, row_number() over (partition by skel order by length(word), word) as n
       from search_words where skel = any($1::text[])) x where n <= $2`,
    [keys, LEXICON_SPELLINGS],
  );
  const bySkel = new Map<string, string[]>();
  for (const r of rows) bySkel.set(r.skel, [...(bySkel.get(r.skel) ?? []), r.word]);
  const out = new Map<string, string[]>();
  for (const [w, ks] of keysOf) {
    const found = [...new Set(ks.flatMap((k) => bySkel.get(k) ?? []))]
      .filter((x) => x !== fold(w))
      .slice(0, LEXICON_SPELLINGS);
    if (found.length) out.set(w, found);
  }
  return out;
}

/** A term with the spellings the lexicon knows of its word added (a single word, not a phrase). */
function withSpellings(t: TermPlan, spellings: Map<string, string[]>): TermPlan {
  if (t.term.phrase) return t;
  const more = spellings.get(t.term.text.toLowerCase()) ?? [];
  return more.length ? { ...t, variants: [...new Set([...t.variants, ...more])] } : t;
}

/** The translations of a group's words (English ↔ Russian), when it is not a thesaurus concept (those have their labels). */
function translationsOf(terms: TermPlan[]): string[] {
  const dict = dictionary();
  if (!dict.size) return [];
  const words = terms
    .filter((t) => !t.term.phrase)
    .flatMap((t) => wordsOf(t.term.text))
    .filter((w) => w.length >= 3 && !isStopword(w));
  return [...new Set(words.flatMap((w) => dict.translate(fold(w))))];
}
/** Expands and compiles a query in one round trip (the stemming happens in the database). */
export async function compileQuery(db: Db, q: string): Promise<CompiledQuery> {
  const th = thesaurus();
  const key = `${th.hash}\u0000${q}`;
  const known = compiled.get(key);
  if (known) {
    compiled.delete(key); // most recently used last
    compiled.set(key, known);
    return known;
  }
  const planned = planQuery(q, th);
  // As typed, signs and all (ž, ý, y' are letters of their own in some romanisations).
  const single = planned.groups
    .flatMap((g) => g.terms)
    .filter((t) => !t.term.phrase && !t.term.negated && wordsOf(t.term.text).length === 1)
    .map((t) => t.term.text.toLowerCase())
    .filter((w) => w.length >= 4 && !isStopword(fold(w)));
  const spellings = single.length ? await lexiconSpellings(db, [...new Set(single)]) : new Map<string, string[]>();
  const plan: SearchPlan = {
    ...planned,
    groups: planned.groups.map((g) => ({ ...g, terms: g.terms.map((t) => withSpellings(t, spellings)) })),
  };
  const params: unknown[] = [];
  // Each term is stemmed once (the costly part), then used by every query: `offset 0` keeps PostgreSQL from pulling
  // the subquery up, which would stem a term again wherever a query uses it.
  const terms = plan.groups.flatMap((g) => g.terms);
  const termSql = termTsquery(params);
  const columns = terms.map((t, i) => `${termSql(t)} as t${i}`);
  const ref = (t: TermPlan) => `t.t${terms.indexOf(t)}`;
  const index = planSql(plan, params, 'index', ref);
  const text = planSql(plan, params, 'text', ref);
  const wanted = plan.groups.filter((g) => !g.negated);
  const one = (g: SearchPlan['groups'][number], target: 'index' | 'text') =>
    `(${planSql({ terms: plan.terms, groups: [{ ...g, or: false }] }, params, target, ref)})::text`;
  const cross = (g: SearchPlan['groups'][number]) => {
    const words = g.concepts.length ? [] : translationsOf(g.terms);
    return words.length ? `nullif(kitap_labels_tsquery($${params.push(words)}::text[])::text, '')` : 'null::text';
  };
  const groupsSql = wanted.map((g) => `json_build_array(${one(g, 'index')}, ${one(g, 'text')}, ${cross(g)})`);
  const row = await db.one<{ q: string; t: string; g: Array<[string, string, string | null]> }>(
    `select (${index})::text as q, (${text})::text as t, json_build_array(${groupsSql.join(', ')}) as g
     from (select ${columns.join(', ') || '1'} offset 0) t`,
    params,
  );
  const groups = (row?.g ?? []).filter(([i]) => i).map(([i, tx, c]) => ({ index: i, text: tx, cross: c }));
  const result = { tsquery: row?.q ? row.q : null, textQuery: row?.t ? row.t : null, plan, groups };
  compiled.set(key, result);
  if (compiled.size > COMPILED_CACHE) compiled.delete(compiled.keys().next().value!);
  return result;
}

/**
 * Queries compiled lately: paging through results and clicking facets repeat the same query. A query's
 * tsquery depends only on its text, the thesaurus (in the key) and the SQL functions, which a migration
 * can change only with a restart.
 */
const compiled = new Map<string, CompiledQuery>();
const COMPILED_CACHE = 500;

// A person is found by the name as catalogued and as written in each language (issue 18); an organisation or
// project by its abbreviation in every language.
const ALL_NAMES = `(select string_agg(distinct v, ' ') from (select e.name as v union select value from jsonb_each_text(e.names)) x)`;
const ALL_ABBREVIATIONS = `(select string_agg(distinct v, ' ') from (select e.abbreviation as v union select value from jsonb_each_text(e.abbreviations)) x where v is not null)`;

/** Rebuilds a publication's search vector, its subject terms and its words in the lexicon. */
export async function indexPublication(db: Db, id: number): Promise<void> {
  await indexPublications(db, [id]);
}

/**
 * Rebuilds the search index of many publications in a few statements (a bulk load or a new thesaurus
 * indexes thousands at once): each one's weighted vector, plus a lexeme for every thesaurus concept a
 * label of which it contains ('#labour-migration', weighted by the best field that names it), its
 * subject terms (a label in its title, subtitle or topics; or a label of several words in its abstract),
 * and its words for spelling suggestions.
 */
export async function indexPublications(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const records = await db.query<IndexedRecord & { id: number }>(
    `select p.id, p.title, p.subtitle, p.abstract, p.series,
       coalesce((select json_agg(${ALL_NAMES} order by l.position) from publication_people l join people e on e.id = l.person_id where l.publication_id = p.id), '[]') as people,
       coalesce((select json_agg(json_build_object('name', e.name, 'abbreviation', ${ALL_ABBREVIATIONS}) order by l.position)
         from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id), '[]') as organisations,
       coalesce((select json_agg(json_build_object('name', e.name, 'abbreviation', ${ALL_ABBREVIATIONS}))
         from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id), '[]') as projects,
       coalesce((select json_agg(e.label) from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id), '[]') as topics,
       coalesce((select json_agg(i.value) from publication_identifiers i where i.publication_id = p.id), '[]') as identifiers
     from publications p where p.id = any($1::int[])`,
    [ids],
  );
  const seg = {
    id: [] as number[],
    lang: [] as string[],
    text: [] as string[],
    weight: [] as string[],
    subject: [] as string[],
  };
  const skel = { id: [] as number[], key: [] as string[], title: [] as boolean[] };
  const words = { id: [] as number[], word: [] as string[] };
  for (const r of records) {
    const doc = indexDocument(r);
    for (const s of doc.segments) {
      seg.id.push(r.id);
      seg.lang.push(s.lang);
      seg.text.push(s.text);
      seg.weight.push(s.weight);
      seg.subject.push(s.subject ?? '');
    }
    const inTitle = new Set(doc.titleSkeletons);
    for (const k of doc.skeletons) {
      skel.id.push(r.id);
      skel.key.push(k);
      skel.title.push(inTitle.has(k));
    }
    for (const w of doc.words) {
      words.id.push(r.id);
      words.word.push(w);
    }
  }
  await db.query('delete from publication_subjects where publication_id = any($1::int[])', [ids]);
  await db.query(
    `with v as (
       select s.id, s.weight, s.subject, s.n, kitap_tsvector(s.lang, s.txt) as tv
       from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) with ordinality as s(id, lang, txt, weight, subject, n)),
     doc as (
       select id,
         kitap_tsvector_agg(setweight(tv, weight::"char") order by n) as vec,
         coalesce(kitap_tsvector_agg(tv order by n) filter (where weight = 'A'), '') as a,
         coalesce(kitap_tsvector_agg(tv order by n) filter (where weight in ('A', 'B')), '') as ab,
         coalesce(kitap_tsvector_agg(tv order by n) filter (where subject = 'strong'), '') as strong,
         coalesce(kitap_tsvector_agg(tv order by n) filter (where subject = 'weak'), '') as weak
       from v group by id),
     labels as (
       select d.id, c.concept, c.subject and (d.strong @@ c.query or (c.words > 1 and d.weak @@ c.query)) as is_subject,
         case when d.a @@ c.query then 'A' when d.ab @@ c.query then 'B' else 'C' end as weight
       from doc d join search_concept_labels c on d.vec @@ c.query),
     concepts as (
       select id, string_agg(format('%L:1%s', '#' || concept, weight), ' ')::tsvector as tv,
         coalesce(string_agg(format('%L:1A', '#' || concept), ' ') filter (where weight = 'A'), '')::tsvector as title
       from (select id, concept, min(weight) as weight from labels group by id, concept) x group by id),
     skeletons as (
       select id, array_to_tsvector(array_agg(key)) as tv, coalesce(array_to_tsvector(array_agg(key) filter (where title)), '') as title
       from unnest($7::int[], $8::text[], $9::boolean[]) as k(id, key, title) group by id),
     subjects as (
       insert into publication_subjects (publication_id, concept)
       select distinct id, concept from labels where is_subject
       on conflict do nothing),
     vectors as (
       insert into publication_search (id, search, title)
       select x.id, coalesce(d.vec, '') || coalesce(c.tv, '') || coalesce(k.tv, ''),
         setweight(coalesce(d.a, ''), 'A') || coalesce(c.title, '') || coalesce(k.title, '')
       from unnest($1::int[]) as x(id) join publications p on p.id = x.id
         left join doc d on d.id = x.id left join concepts c on c.id = x.id left join skeletons k on k.id = x.id
       -- The padding afresh, so that the vectors go out of line (migration 0013 says why).
       on conflict (id) do update set search = excluded.search, title = excluded.title, pad = excluded.pad)
     update publications p set
       facet_keys = array(select distinct f from (
           select 'year:' || p.year where p.year is not null
           union all select 'kind:' || p.kind
           union all select 'language:' || l from unnest(p.languages) l
           union all select 'language:' || f.language from files f where f.publication_id = p.id and ${READABLE_FILE} and f.language is not null
           union all select 'country:' || c from unnest(p.countries) c
           union all select 'topic:' || e.slug from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id
           union all select 'topic:' || s.concept from labels s where s.id = p.id and s.is_subject
           union all select 'funder:' || e.slug from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id and l.role = 'funder'
           union all select 'project:' || e.slug from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id
         ) k(f) order by f)
     from unnest($1::int[]) as x(id)
     where p.id = x.id`,
    [ids, seg.id, seg.lang, seg.text, seg.weight, seg.subject, skel.id, skel.key, skel.title],
  );
  // The text the staff list searches with ILIKE (migration 0025).
  await db.query(
    `insert into publication_staff_text (id, text) select id, kitap_staff_text(id) from publications where id = any($1::int[])
     on conflict (id) do update set text = excluded.text`,
    [ids],
  );
  await db.query(
    // The words each publication readers see gives "did you mean": its metadata's and its readable files'
    // (migration 0016). Triggers on publication_words keep search_words their union; a row is written only
    // when its words changed, so that an edit which changes no word costs no lexicon write.
    `with meta as (select m.id, m.w from unnest($2::int[], $3::text[]) as m(id, w)),
     fresh as (
       select p.id,
         array(select distinct u.w from (
             select m.w from meta m where m.id = p.id
             union all select unnest(fw.words) from files f join file_words fw on fw.file_id = f.id where f.publication_id = p.id and ${READABLE_FILE}
           ) u(w) order by u.w) as words,
         (select min(f.embargo_until) from files f where f.publication_id = p.id and f.embargo_until > current_date) as renew_on
       from publications p where p.id = any($1::int[]) and ${readablePublicationSql('p')}),
     gone as (delete from publication_words pw where pw.publication_id = any($1::int[]) and pw.publication_id not in (select id from fresh))
     insert into publication_words (publication_id, words, renew_on) select id, words, renew_on from fresh
     on conflict (publication_id) do update set words = excluded.words, renew_on = excluded.renew_on
       where publication_words.words is distinct from excluded.words or publication_words.renew_on is distinct from excluded.renew_on`,
    [ids, words.id, words.word],
  );
}

/**
 * Indexes again the publications a file of which came out of its embargo since they were indexed, so that
 * the lexicon and the facets take it in (no write happens on the day an embargo ends). Every search and
 * browse asks first: usually one empty scan of a small partial index.
 */
export async function renewEmbargoEnded(db: Db): Promise<void> {
  const due = await db.query<{ id: number }>(
    'select publication_id as id from publication_words where renew_on <= current_date',
  );
  if (due.length)
    await db.tx((t) =>
      indexPublications(
        t,
        due.map((r) => r.id),
      ),
    );
}

/** Indexes every publication again, REINDEX_BATCH a statement (a new thesaurus, a restored archive). */
export async function indexAllPublications(db: Db): Promise<void> {
  const ids = (await db.query<{ id: number }>('select id from publications order by id')).map((r) => r.id);
  for (let i = 0; i < ids.length; i += REINDEX_BATCH) await indexPublications(db, ids.slice(i, i + REINDEX_BATCH));
}

/**
 * Brings the database's copy of the thesaurus and the index up to date with this code: when
 * concepts.json or INDEX_VERSION changed, reloads the concepts and indexes every publication again.
 */
export async function ensureSearchData(db: Db): Promise<boolean> {
  const th = thesaurus();
  const version = `${INDEX_VERSION}:${th.hash}`;
  // The labels are checked too: a database whose version says "done" but whose labels are gone (a table
  // emptied by hand, a partial copy) is filled again rather than searched without its thesaurus.
  const current = async (d: Db) =>
    (await stateValue(d, 'version')) === version &&
    (await d.one('select 1 from search_concept_labels limit 1')) !== null;
  if (await current(db)) return false;
  return db.tx(async (t) => {
    // Two servers on one PostgreSQL: the second waits, then finds the work done.
    if (t.kind === 'postgres') await t.query('select pg_advisory_xact_lock(7164)');
    if (await current(t)) return false;
    await t.query('delete from search_concept_labels');
    const rows = th.concepts.flatMap((c) =>
      [...new Set(th.labelsOf(c))].map((label) => ({
        concept: c.id,
        subject: c.subject,
        label,
        words: labelWords(label),
      })),
    );
    await t.query(
      `insert into search_concept_labels (concept, subject, words, query)
       select r.concept, r.subject, r.words, q from jsonb_to_recordset($1::jsonb) as r(concept text, subject boolean, words int, label text),
         kitap_tsquery(r.label, false) as q
       where numnode(q) > 0`,
      [JSON.stringify(rows)],
    );
    await indexAllPublications(t);
    // Files mention concepts too (kitap_file_search); the thesaurus may have changed them.
    await t.query('update files f set search = kitap_file_search(f.id) where f.search is not null');
    await t.query(
      `insert into search_state (key, value) values ('version', $1) on conflict (key) do update set value = excluded.value`,
      [version],
    );
    return true;
  });
}

/**
 * For each word not in the lexicon, the closest word that is (pg_trgm similarity), if any is close. The lexicon
 * holds only words readers can see (migration 0016), so neither the suggestion nor its absence tells of others.
 */
export async function spellingSuggestions(db: Db, words: string[]): Promise<Map<string, string>> {
  if (!words.length) return new Map();
  const rows = await db.query<{ word: string; best: string | null }>(
    `select w.word, (select s.word from search_words s where s.word % w.word order by similarity(s.word, w.word) desc, abs(length(s.word) - length(w.word)), s.word limit 1) as best
     from unnest($1::text[]) as w(word)
     where not exists (select 1 from search_words s where s.word = w.word)`,
    [words],
  );
  return new Map(rows.filter((r) => r.best && r.best !== r.word).map((r) => [r.word, r.best!]));
}

/** A page of a file that matches, with its text around the match (\u0001…\u0002 mark the words). */
export interface PageHit {
  file_id: number;
  name: string;
  page: number;
  snippet: string;
}

// ts_headline marks matches with two control characters that stored text cannot contain (they are
// removed first); the view splits on them and renders <mark>, so no HTML comes from the database.
const HEADLINE_OPTIONS = `'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;

/** ts_headline of a text in its language (English, else Russian's stemmer) with a marking query (markQuery). */
export const headlineSql = (text: string, lang: string, query: string) =>
  `ts_headline(case ${lang} when 'en' then 'english' else 'russian' end::regconfig, translate(${text}, chr(1) || chr(2), ''), ${query}::tsquery, ${HEADLINE_OPTIONS})`;

/**
 * What choosing pages needs of a query: `any`, a tsquery text that a page holding any of its groups (or a
 * translation) matches; each group as one tsquery text; and their weights (equal when not known).
 */
export function pageQueries(
  query: CompiledQuery,
  weights: number[] | null,
): { any: string | null; groups: string[]; weights: number[] } {
  if (!query.groups.length)
    return { any: query.textQuery, groups: query.textQuery ? [query.textQuery] : [], weights: [1] };
  const groups = query.groups.map((g) => (g.cross ? `(${g.text}) | (${g.cross})` : g.text));
  return {
    any: groups.map((g) => `(${g})`).join(' | '),
    groups,
    weights: query.groups.map((_, i) => weights?.[i] ?? 1),
  };
}

/**
 * The SQL of a publication's best pages for a query (pageQueries as parameters, `count` groups): by coverage, the
 * weight of the query's groups the page holds, plus half the weight of those only a neighbouring page holds (a
 * sentence may run over the page break); then in page order. With `whole` (the text query), a page holding the
 * whole query comes first, by ts_rank. Columns: file_id, page, text, original_name, language.
 *
 * One pass over the publication's pages: each page's vector is read (decompressed) once into the fence (offset
 * 0) and then tested against every group there, and only the chosen pages' text is read.
 */
export function bestPagesSql(
  publication: string,
  any: string,
  groups: string,
  weights: string,
  count: number,
  limit: string,
  whole: string | null = null,
): string {
  const ks = Array.from({ length: Math.max(1, count) }, (_, i) => i + 1);
  const mask = ks
    .map((k) => `case when x.s @@ (${groups}::tsquery[])[${k}] then ${1 << (k - 1)} else 0 end`)
    .join(' + ');
  const score = ks
    .map(
      (k) => `case when c.mask & ${1 << (k - 1)} <> 0 then (${weights}::float8[])[${k}]
      when c.near & ${1 << (k - 1)} <> 0 then (${weights}::float8[])[${k}] / 2 else 0 end`,
    )
    .join(' + ');
  const rank = whole ? `case when x.s @@ ${whole}::tsquery then ts_rank(x.s, ${whole}::tsquery) end` : 'null::real';
  return `select c.file_id, c.page, (select t.text from file_pages t where t.file_id = c.file_id and t.page = c.page) as text,
      c.original_name, c.language from (
      select c.*, coalesce(case when lag(c.page) over w = c.page - 1 then lag(c.mask) over w end, 0)
          | coalesce(case when lead(c.page) over w = c.page + 1 then lead(c.mask) over w end, 0) as near
      from (select x.file_id, x.page, x.original_name, x.language, ${mask} as mask, ${rank} as whole
            from (select fp.file_id, fp.page, f.original_name, coalesce(fp.language, f.language) as language, fp.search || ''::tsvector as s
                  from file_pages fp join files f on f.id = fp.file_id
                  where f.publication_id = ${publication} and ${READABLE_FILE}
                    and (fp.search @@ ${any}::tsquery${whole ? ` or fp.search @@ ${whole}::tsquery` : ''})
                  offset 0) x) c
      window w as (partition by c.file_id order by c.page)) c
    order by c.whole desc nulls last, case when c.whole is null then ${score} else 0 end desc, c.file_id, c.page
    limit ${limit}`;
}

/** The pages of a publication's files that best match a query (bestPagesSql), in file and page order. */
export async function matchingPages(
  db: Db,
  publicationId: number,
  query: CompiledQuery,
  limit: number,
): Promise<PageHit[]> {
  const pages = pageQueries(query, null);
  if (!pages.any) return [];
  const rows = await db.query<PageHit & { language: string | null }>(
    `select h.file_id, h.original_name as name, h.page, h.language,
        case when h.language in ('kk', 'ky') then h.text
          else ${headlineSql('h.text', 'h.language', '$4')} end as snippet
     from (${bestPagesSql('$1', '$2', '$5', '$6', pages.groups.length, '$3')}) h
     order by h.file_id, h.page`,
    [publicationId, pages.any, limit, markQuery(pages.any), pages.groups, pages.weights],
  );
  // Kazakh and Kyrgyz are highlighted here: ts_headline has no stemmer for them (src/search/snippet.ts).
  return rows.map(({ language, ...hit }) =>
    language === 'kk' || language === 'ky'
      ? { ...hit, snippet: turkicSnippet(hit.snippet, language, pages.any!) ?? hit.snippet.slice(0, 200) }
      : hit,
  );
}
