// `npm run bench:search [-- --db pglite|postgres|both --pglite 20000 --postgres 100000 --pages 2 --queries 300 --no-write]`
// (`--keep` keeps the databases it builds; `--reuse-pglite DIR` and `--reuse-postgres URL` query kept ones again):
// search at scale. A synthetic catalogue is loaded in bulk (plain SQL, no index), then the search index is
// built the way Kitap builds it (indexPublications in batches, the file_pages trigger, the GIN indexes)
// and timed; then `--queries` mixed queries run through browsePublications (what the page and the API call).
// Prints p50/p95 by kind of query, the build time and the index size, and appends a section to bench/RESULTS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDb, type Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { readCatalogue } from '../src/demo/load.ts';
import { browseQuery, type BrowseQuery } from '../src/domain/browse.ts';
import { wordsOf } from '../src/search/normalize.ts';
import { thesaurus } from '../src/search/thesaurus.ts';
import { cyrillicToLatin } from '../src/search/translit.ts';
import { browsePublications } from '../src/store/browse.ts';
import { ensureSearchData, indexPublications } from '../src/store/search.ts';
import { createPgDatabase, postgresAvailable } from '../test/helpers.ts';
import { prng, syntheticCatalogue } from './synthetic.ts';
import { ORGANISATIONS, PEOPLE, PLACES, THEMES, TOPICS } from './vocabulary.ts';

const { values: opt } = parseArgs({
  strict: false,
  allowPositionals: true,
  options: {
    db: { type: 'string', default: 'both' },
    pglite: { type: 'string', default: '20000' },
    postgres: { type: 'string', default: '100000' },
    pages: { type: 'string', default: '2' },
    queries: { type: 'string', default: '300' },
    'no-write': { type: 'boolean', default: false },
    // For working on the queries: keep the built databases, and later query them again without building.
    keep: { type: 'boolean', default: false },
    'reuse-pglite': { type: 'string' },
    'reuse-postgres': { type: 'string' },
  },
});
const PAGES_PER_FILE = 20;
const LANGS = ['en', 'ru', 'kk', 'ky'] as const;
type Lang = (typeof LANGS)[number];

/** Word pools for page text, per language: the thesaurus's labels and the demo catalogue's abstracts. */
function wordPools(): Record<Lang, string[]> {
  const th = thesaurus();
  const pools = Object.fromEntries(LANGS.map((l) => [l, new Set<string>()])) as Record<Lang, Set<string>>;
  for (const c of th.concepts)
    for (const l of LANGS) for (const label of c[l]) for (const w of wordsOf(label)) pools[l].add(w);
  for (const p of readCatalogue().publications) {
    for (const l of ['en', 'ru'] as const) for (const w of wordsOf(p.abstract[l] ?? '')) pools[l].add(w);
  }
  return Object.fromEntries(LANGS.map((l) => [l, [...pools[l]]])) as Record<Lang, string[]>;
}

/** A page of text: words drawn with a Zipf-like law (a few very common, most rare), about `words` long. */
function pageText(r: () => number, pool: string[], words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pool[Math.floor(pool.length * r() ** 2.5)]!);
  return out.join(' ');
}

interface Built {
  publications: number;
  pages: number;
  loadS: number;
  metadataS: number;
  pagesS: number;
  ginS: number;
  lexiconS: number;
  vacuumS: number;
  sizes: Record<string, number>;
}

/** Loads n publications and about pagesPer × n pages in bulk, then builds and times the search index. */
export async function build(db: Db, n: number, pagesPer: number, log: (s: string) => void): Promise<Built> {
  await migrate(db);
  const r = prng(7);
  const t0 = performance.now();
  // The thesaurus first: publications loaded after it are indexed once, below.
  await ensureSearchData(db);
  const catalogue = syntheticCatalogue(n);
  await db.query(
    `insert into topics (slug, label) select slug, label from jsonb_to_recordset($1::jsonb) as t(slug text, label jsonb) on conflict do nothing`,
    [JSON.stringify(TOPICS)],
  );
  await db.query(
    `insert into people (slug, name) select distinct on (s) s, name from unnest($1::text[]) as name, lower(regexp_replace(name, '[^[:alnum:]]+', '-', 'g')) as s on conflict do nothing`,
    [PEOPLE],
  );
  await db.query(
    `insert into organisations (slug, name, abbreviation) select lower(regexp_replace(coalesce(a, n), '[^[:alnum:]]+', '-', 'g')), jsonb_build_object('en', n), a
    from jsonb_to_recordset($1::jsonb) as o(name text, abbreviation text), coalesce(o.name) as n, nullif(o.abbreviation, '') as a on conflict do nothing`,
    [JSON.stringify(ORGANISATIONS)],
  );
  const BATCH = 2000;
  for (let from = 0; from < n; from += BATCH) {
    const rows = catalogue.slice(from, from + BATCH).map(({ input: p }, k) => ({
      slug: `bench-${from + k}`,
      kind: p.kind,
      status: p.status,
      title: p.title,
      subtitle: p.subtitle,
      abstract: p.abstract,
      original_language: p.original_language,
      year: p.year,
      languages: p.languages,
      countries: p.countries,
      people: p.people.map((x) => x.name),
      funders: p.organisations.filter((o) => o.role !== 'publisher').map((o) => o.name),
      topics: p.topics,
    }));
    await db.tx(async (t) => {
      await t.query(
        `insert into publications (slug, kind, status, title, subtitle, abstract, original_language, year, languages, countries, published_at)
        select slug, kind, status, title, subtitle, abstract, original_language, year, languages, countries, now()
        from jsonb_to_recordset($1::jsonb) as x(slug text, kind text, status text, title jsonb, subtitle jsonb, abstract jsonb, original_language text, year int, languages text[], countries text[])`,
        [JSON.stringify(rows)],
      );
      await t.query(
        `insert into publication_people (publication_id, person_id, role, position)
        select p.id, e.id, 'author', 0 from jsonb_to_recordset($1::jsonb) as x(slug text, people text[]) join publications p on p.slug = x.slug, unnest(x.people) as u(nm) join people e on e.name = u.nm
        on conflict do nothing`,
        [JSON.stringify(rows)],
      );
      await t.query(
        `insert into publication_organisations (publication_id, organisation_id, role, position)
        select p.id, e.id, 'funder', 0 from jsonb_to_recordset($1::jsonb) as x(slug text, funders text[]) join publications p on p.slug = x.slug, unnest(x.funders) as u(nm) join organisations e on e.name->>'en' = u.nm
        on conflict do nothing`,
        [JSON.stringify(rows)],
      );
      await t.query(
        `insert into publication_topics (publication_id, topic_id)
        select p.id, e.id from jsonb_to_recordset($1::jsonb) as x(slug text, topics text[]) join publications p on p.slug = x.slug, unnest(x.topics) as u(s) join topics e on e.slug = u.s
        on conflict do nothing`,
        [JSON.stringify(rows)],
      );
    });
    if ((from + BATCH) % 20000 === 0) log(`${from + BATCH} `);
  }
  const loadS = (performance.now() - t0) / 1000;

  // The metadata index: what refreshSearch does on every write, here for every publication.
  const t1 = performance.now();
  const ids = (await db.query<{ id: number }>('select id from publications order by id')).map((x) => x.id);
  const workers = db.kind === 'postgres' ? 2 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < ids.length) {
        const chunk = ids.slice(next, next + 500);
        next += 500;
        await db.tx((t) => indexPublications(t, chunk));
        if (next % 20000 === 0) log(`i${next} `);
      }
    }),
  );
  const metadataS = (performance.now() - t1) / 1000;

  // Full text: one file of PAGES_PER_FILE pages for every (pagesPer / PAGES_PER_FILE)-th publication, in its language.
  const pools = wordPools();
  const withFiles = ids.filter((_, i) => i % Math.round(PAGES_PER_FILE / pagesPer) === 0);
  await db.exec('drop index file_pages_search');
  const t2 = performance.now();
  let pageCount = 0;
  for (let from = 0; from < withFiles.length; from += 100) {
    const chunk = withFiles.slice(from, from + 100);
    await db.tx(async (t) => {
      const files = await t.query<{ id: number; language: Lang }>(
        `insert into files (publication_id, sha256, original_name, media_type, size, pages, language, text_status)
         select p.id, lpad(to_hex(p.id), 64, '0'), 'report.pdf', 'application/pdf', 100000, ${PAGES_PER_FILE},
           case when p.original_language in ('en', 'ru', 'kk', 'ky') then p.original_language else 'en' end, 'extracted'
         from publications p where p.id = any($1::int[]) returning id, language`,
        [chunk],
      );
      const fileIds: number[] = [];
      const pageNos: number[] = [];
      const texts: string[] = [];
      for (const f of files) {
        for (let pg = 1; pg <= PAGES_PER_FILE; pg++) {
          fileIds.push(f.id);
          pageNos.push(pg);
          texts.push(pageText(r, pools[f.language], 180));
        }
      }
      await t.query(
        'insert into file_pages (file_id, page, text) select * from unnest($1::int[], $2::int[], $3::text[])',
        [fileIds, pageNos, texts],
      );
      pageCount += texts.length;
    });
    if (pageCount % 40000 === 0) log(`p${pageCount} `);
  }
  const pagesS = (performance.now() - t2) / 1000;
  const t3 = performance.now();
  await db.exec('create index file_pages_search on file_pages using gin (search)');
  const ginS = (performance.now() - t3) / 1000;
  // A file's words reach the lexicon when its publication is indexed after its pages, as ingest does
  // (refreshSearch after the pages): here for every publication with a file, 500 a statement.
  const t5 = performance.now();
  for (let from = 0; from < withFiles.length; from += 500)
    await db.tx((t) => indexPublications(t, withFiles.slice(from, from + 500)));
  const lexiconS = (performance.now() - t5) / 1000;
  const t4 = performance.now();
  await db.exec('vacuum analyze');
  const vacuumS = (performance.now() - t4) / 1000;

  return {
    publications: n,
    pages: pageCount,
    loadS,
    metadataS,
    pagesS,
    ginS,
    lexiconS,
    vacuumS,
    sizes: await sizesOf(db),
  };
}

async function sizesOf(db: Db): Promise<Record<string, number>> {
  return (await db.one<Record<string, number>>(`select
      pg_relation_size('publication_search_search') as publications_gin,
      pg_relation_size('file_pages_search') as pages_gin,
      pg_relation_size('search_words_trgm') as words_trgm,
      pg_total_relation_size('publication_words') as publication_words,
      pg_total_relation_size('file_words') as file_words,
      (select sum(pg_column_size(search)) from publication_search)::bigint as publications_vectors,
      (select sum(pg_column_size(search)) from file_pages)::bigint as pages_vectors,
      pg_total_relation_size('file_pages') as pages_table_total`))!;
}

interface Q {
  kind: string;
  query: Partial<BrowseQuery> & { q: string };
}

/** The mixed query set: single words, phrases, typos, Cyrillic and Latin spellings, with and without filters. */
export function querySet(count: number): Q[] {
  const r = prng(99);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const th = thesaurus();
  const pools = wordPools();
  const typo = (w: string) => {
    const i = 1 + Math.floor(r() * (w.length - 2));
    return w.slice(0, i) + w.slice(i + 1);
  };
  const makers: Array<() => Q> = [
    () => ({ kind: 'word (en)', query: { q: pick(pools.en.filter((w) => w.length > 4)) } }),
    () => ({ kind: 'word (ru/kk)', query: { q: pick([...pools.ru, ...pools.kk].filter((w) => w.length > 4)) } }),
    () => ({ kind: 'phrase', query: { q: `"${pick(th.concepts)[pick(LANGS)][0]}"` } }),
    () => ({ kind: 'concept words', query: { q: pick(th.concepts)[pick(LANGS)][0]! } }),
    () => ({ kind: 'title words', query: { q: `${pick(THEMES)[pick(LANGS)]} ${pick(PLACES)[pick(LANGS)]}` } }),
    () => ({ kind: 'typo', query: { q: typo(pick(pools.en.filter((w) => w.length > 6))) } }),
    () => ({ kind: 'Latin for Cyrillic', query: { q: cyrillicToLatin(pick(PLACES).ru).toLowerCase() } }),
    () => ({ kind: 'name', query: { q: pick(PEOPLE).split(' ')[1]! } }),
    () => ({
      kind: 'with filters',
      query: {
        q: pick(THEMES)[pick(LANGS)],
        year: 2015 + Math.floor(r() * 10),
        ...(r() < 0.5 ? { language: pick(['en', 'ru'] as const) } : { kind: 'report' as const }),
      },
    }),
    // A reader's question: four words few documents have all of (issue 20: partial matches are ranked).
    () => {
      const pool = pick([pools.en, pools.ru]).filter((w) => w.length > 3);
      return { kind: 'question (4 words)', query: { q: [pick(pool), pick(pool), pick(pool), pick(pool)].join(' ') } };
    },
    () => ({
      kind: 'Latin for Russian words',
      query: {
        q: `${cyrillicToLatin(pick(pools.ru.filter((w) => w.length > 5)))} ${cyrillicToLatin(pick(pools.ru.filter((w) => w.length > 5)))}`,
      },
    }),
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!());
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

interface Timed {
  kind: string;
  ms: number;
  total: number;
}
export async function runQueries(db: Db, qs: Q[]): Promise<Timed[]> {
  for (const q of qs.slice(0, 30)) await browsePublications(db, browseQuery.parse(q.query), 'en');
  const out: Timed[] = [];
  for (const q of qs) {
    const started = performance.now();
    const res = await browsePublications(db, browseQuery.parse(q.query), 'en');
    out.push({ kind: q.kind, ms: performance.now() - started, total: res.total });
  }
  return out;
}

/** Seconds, or a dash for a database built by an earlier run (--reuse-…). */
const sec = (s: number) => (Number.isNaN(s) ? '– (built by an earlier run)' : s.toFixed(1));
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

function report(kind: string, b: Built, timed: Timed[]): string {
  const kinds = [...new Set(timed.map((t) => t.kind))];
  const row = (name: string, ts: Timed[]) =>
    `| ${name} | ${ts.length} | ${pct(
      ts.map((t) => t.ms),
      50,
    ).toFixed(1)} | ${pct(
      ts.map((t) => t.ms),
      95,
    ).toFixed(
      1,
    )} | ${Math.max(...ts.map((t) => t.ms)).toFixed(0)} | ${Math.round(ts.reduce((s, t) => s + t.total, 0) / ts.length)} |`;
  return `### ${kind}: ${b.publications.toLocaleString('en')} publications, ${b.pages.toLocaleString('en')} pages

| build step | seconds |
|---|---|
| bulk load of the records (not search) | ${sec(b.loadS)} |
| metadata index (indexPublications, 500 a statement: vectors, concepts, subjects, lexicon) | ${sec(b.metadataS)} |
| page vectors (file_pages trigger on insert) | ${sec(b.pagesS)} |
| GIN index on file_pages.search | ${sec(b.ginS)} |
| files' words into the lexicon (indexPublications of each publication with a file, as ingest does) | ${sec(b.lexiconS)} |
| vacuum analyze | ${sec(b.vacuumS)} |

Index size: publications GIN ${mb(b.sizes.publications_gin!)}, publication vectors ${mb(b.sizes.publications_vectors!)}; file_pages GIN ${mb(b.sizes.pages_gin!)}, page vectors ${mb(b.sizes.pages_vectors!)} (file_pages with text and TOAST ${mb(b.sizes.pages_table_total!)}); lexicon trigram index ${mb(b.sizes.words_trgm!)} (publication_words with its GIN index ${mb(b.sizes.publication_words!)}, file_words ${mb(b.sizes.file_words!)}).

| queries | n | p50 ms | p95 ms | max ms | mean results |
|---|---|---|---|---|---|
${kinds
  .map((k) =>
    row(
      k,
      timed.filter((t) => t.kind === k),
    ),
  )
  .join('\n')}
${row('**all**', timed)}

`;
}

async function benchOne(kind: 'pglite' | 'postgres', n: number): Promise<string> {
  const given = opt[kind === 'pglite' ? 'reuse-pglite' : 'reuse-postgres'];
  const reuse = typeof given === 'string' ? given : null;
  const dir = reuse && kind === 'pglite' ? reuse : fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-bench-search-'));
  const pgDb = kind === 'postgres' ? (reuse ? { url: reuse, drop: async () => {} } : await createPgDatabase()) : null;
  const db = await openDb(pgDb ? { databaseUrl: pgDb.url } : { pgliteDir: path.join(dir, 'pglite') });
  const keep = opt.keep || reuse;
  try {
    let built: Built;
    if (reuse) {
      await migrate(db);
      if (await ensureSearchData(db)) await db.exec('vacuum analyze');
      const count = async (sql: string) => (await db.one<{ n: number }>(sql))!.n;
      built = {
        publications: await count('select count(*)::int as n from publications'),
        pages: await count('select count(*)::int as n from file_pages'),
        loadS: NaN,
        metadataS: NaN,
        pagesS: NaN,
        ginS: NaN,
        lexiconS: NaN,
        vacuumS: NaN,
        sizes: await sizesOf(db),
      };
      console.log(`${kind}: reusing ${reuse} (${built.publications} publications)`);
    } else {
      process.stdout.write(`${kind}: ${n} publications… `);
      built = await build(db, n, Number(opt.pages), (s) => process.stdout.write(s));
      console.log(
        `built (load ${built.loadS.toFixed(0)} s, metadata ${built.metadataS.toFixed(0)} s, pages ${built.pagesS.toFixed(0)} s, GIN ${built.ginS.toFixed(0)} s)`,
      );
      if (keep) console.log(`${kind}: kept for --reuse-${kind} ${pgDb ? pgDb.url : dir}`);
    }
    const timed = await runQueries(db, querySet(Number(opt.queries)));
    const all = timed.map((t) => t.ms);
    console.log(
      `${kind}: p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms over ${timed.length} queries`,
    );
    const section = report(kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL 15 server', built, timed);
    console.log(section);
    return section;
  } finally {
    await db.close();
    if (!keep) {
      await pgDb?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();

async function main() {
  const sections: string[] = [];
  if (opt.db === 'pglite' || opt.db === 'both') sections.push(await benchOne('pglite', Number(opt.pglite)));
  if ((opt.db === 'postgres' || opt.db === 'both') && (await postgresAvailable()))
    sections.push(await benchOne('postgres', Number(opt.postgres)));

  if (!opt['no-write'] && sections.length) {
    // bench/RESULTS.md is shared: only the part between these markers is ours, replaced or appended.
    const file = new URL('./RESULTS.md', import.meta.url);
    const [start, end] = ['<!-- search-bench:start -->', '<!-- search-bench:end -->'];
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const body = `${start}
## Search (\`npm run bench:search\`)

${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}. Synthetic
catalogue (bench/synthetic.ts) loaded in bulk; one file of ${PAGES_PER_FILE} pages (about 180 words each, in the publication's
language, words drawn Zipf-like from the thesaurus and the demo abstracts) per ${Math.round(PAGES_PER_FILE / Number(opt.pages))} publications.
Queries run one at a time through \`browsePublications\` (list, total, facets, snippets, page hits; the same call as
\`/publications\` and \`GET /api/v1/publications?q=\`), after 30 warm-up queries; "mean results" is the mean total.

${sections.join('\n')}
${end}`;
    const i = old.indexOf(start);
    const j = old.indexOf(end);
    const next =
      i >= 0 && j > i
        ? old.slice(0, i) + body + old.slice(j + end.length)
        : `${old.trimEnd()}${old ? '\n\n' : ''}${body}\n`;
    fs.writeFileSync(file, next);
    console.log('bench/RESULTS.md: search section written');
  }
}
