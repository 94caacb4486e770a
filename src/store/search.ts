// The SQL of search: the index of a publication, the thesaurus in the database, a reader's query as a
// tsquery, spelling suggestions, and the pages of files that match. The design is in src/search/plan.ts.
import type { Db } from '../db/db.ts';
import { indexDocument, type IndexedRecord } from '../search/document.ts';
import { planQuery, planSql, type SearchPlan } from '../search/plan.ts';
import { isStopword, wordsOf } from '../search/normalize.ts';
import { thesaurus } from '../search/thesaurus.ts';

const labelWords = (label: string) => wordsOf(label).filter((w) => !isStopword(w)).length;

/** Bumped when what indexDocument produces changes: every publication is then indexed again. */
const INDEX_VERSION = 1;

/** A reader's query ready for SQL: the tsquery as text (null when no word of it can be searched). */
export interface CompiledQuery { tsquery: string | null; plan: SearchPlan }

/** Expands and compiles a query in one round trip (the stemming happens in the database). */
export async function compileQuery(db: Db, q: string): Promise<CompiledQuery> {
  const plan = planQuery(q, thesaurus());
  const params: unknown[] = [];
  const expr = planSql(plan, params);
  const row = await db.one<{ q: string }>(`select (${expr})::text as q`, params);
  return { tsquery: row?.q ? row.q : null, plan };
}

/** Rebuilds a publication's search vector, its subject terms and its words in the lexicon. */
export async function indexPublication(db: Db, id: number): Promise<void> {
  const record = await db.one<IndexedRecord>(
    `select p.title, p.subtitle, p.abstract, p.series,
       coalesce((select json_agg(e.name order by l.position) from publication_people l join people e on e.id = l.person_id where l.publication_id = p.id), '[]') as people,
       coalesce((select json_agg(json_build_object('name', e.name, 'abbreviation', e.abbreviation) order by l.position)
         from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id), '[]') as organisations,
       coalesce((select json_agg(json_build_object('name', e.name, 'abbreviation', e.abbreviation))
         from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id), '[]') as projects,
       coalesce((select json_agg(e.label) from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id), '[]') as topics,
       coalesce((select json_agg(i.value) from publication_identifiers i where i.publication_id = p.id), '[]') as identifiers
     from publications p where p.id = $1`,
    [id],
  );
  if (!record) return;
  const doc = indexDocument(record);
  const s = doc.segments;
  await db.query(
    `with v as (select kitap_tsvector(lang, txt) as tv, w, n from unnest($2::text[], $3::text[], $4::text[]) with ordinality as s(lang, txt, w, n))
     update publications set search =
         (select coalesce(kitap_tsvector_agg(setweight(tv, w::"char") order by n), '') from v)
       || array_to_tsvector($5::text[])
     where id = $1`,
    [id, s.map((x) => x.lang), s.map((x) => x.text), s.map((x) => x.weight), doc.skeletons],
  );
  const subj = s.filter((x) => x.subject);
  await db.query('delete from publication_subjects where publication_id = $1', [id]);
  await db.query(
    `insert into publication_subjects (publication_id, concept)
     select distinct $1::int, c.concept from search_concept_labels c,
       (select kitap_tsvector_agg(kitap_tsvector(lang, txt)) filter (where strong) as strong,
               kitap_tsvector_agg(kitap_tsvector(lang, txt)) filter (where not strong) as weak
        from unnest($2::text[], $3::text[], $4::boolean[]) as s(lang, txt, strong)) d
     where c.subject and (d.strong @@ c.query or (c.words > 1 and d.weak @@ c.query))
     on conflict do nothing`,
    [id, subj.map((x) => x.lang), subj.map((x) => x.text), subj.map((x) => x.subject === 'strong')],
  );
  if (doc.words.length) {
    await db.query(
      // Known words are left alone: an update would write a new row version and new trigram entries each time.
      `insert into search_words (word) select distinct unnest($1::text[]) on conflict (word) do nothing`,
      [doc.words],
    );
  }
}

/**
 * Brings the database's copy of the thesaurus and the index up to date with this code: when
 * concepts.json or INDEX_VERSION changed, reloads the concepts and indexes every publication again.
 */
export async function ensureSearchData(db: Db): Promise<boolean> {
  const th = thesaurus();
  const version = `${INDEX_VERSION}:${th.hash}`;
  const current = await db.one<{ value: string }>(`select value from search_state where key = 'version'`);
  if (current?.value === version) return false;
  return db.tx(async (t) => {
    // Two servers on one PostgreSQL: the second waits, then finds the work done.
    if (t.kind === 'postgres') await t.query('select pg_advisory_xact_lock(7164)');
    const again = await t.one<{ value: string }>(`select value from search_state where key = 'version'`);
    if (again?.value === version) return false;
    await t.query('delete from search_concept_labels');
    const rows = th.concepts.flatMap((c) => [...new Set(th.labelsOf(c))].map((label) => ({ concept: c.id, subject: c.subject, label, words: labelWords(label) })));
    await t.query(
      `insert into search_concept_labels (concept, subject, words, query)
       select r.concept, r.subject, r.words, q from jsonb_to_recordset($1::jsonb) as r(concept text, subject boolean, words int, label text),
         kitap_tsquery(r.label, false) as q
       where numnode(q) > 0`,
      [JSON.stringify(rows)],
    );
    const ids = await t.query<{ id: number }>('select id from publications order by id');
    for (const { id } of ids) await indexPublication(t, id);
    await t.query(
      `insert into search_state (key, value) values ('version', $1) on conflict (key) do update set value = excluded.value`,
      [version],
    );
    return true;
  });
}

/** For each word not in the lexicon, the closest word that is (pg_trgm similarity), if any is close. */
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
export interface PageHit { file_id: number; name: string; page: number; snippet: string }

// ts_headline marks matches with two control characters that stored text cannot contain (they are
// removed first); the view splits on them and renders <mark>, so no HTML comes from the database.
export const HEADLINE_OPTIONS = `'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;
export const headlineText = (expr: string) => `translate(${expr}, chr(1) || chr(2), '')`;

/** The pages of a publication's files that match a query, best first. */
export async function matchingPages(db: Db, publicationId: number, tsquery: string, limit: number): Promise<PageHit[]> {
  return db.query<PageHit>(
    `select h.file_id, h.name, h.page,
        ts_headline(case when h.language = 'en' then 'english' else 'russian' end::regconfig, ${headlineText('h.text')}, $2::tsquery, ${HEADLINE_OPTIONS}) as snippet
     from (select fp.file_id, f.original_name as name, f.language, fp.page, fp.text
           from file_pages fp join files f on f.id = fp.file_id
           where f.publication_id = $1 and fp.search @@ $2::tsquery
           order by ts_rank(fp.search, $2::tsquery) desc, fp.file_id, fp.page limit $3) h
     order by h.file_id, h.page`,
    [publicationId, tsquery, limit],
  );
}
