// Search end to end on both databases: stemming per language, scripts, thesaurus, typos, full text by page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, openTestApp, type TestApp } from '../../test/helpers.ts';
import type { z } from 'zod';
import { publicationList, type searchItem } from '../api/schemas.ts';
import { publicationIdBySlug, refreshSearch } from '../store/publications.ts';
import { compileQuery, ensureSearchData } from '../store/search.ts';

for (const backend of BACKENDS) {
  describe(`search on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      const db = t.db;
      await makePublication(db, {
        slug: 'labour',
        year: 2017,
        title: { en: 'Labour Migration in Central Asia', ru: 'Трудовая миграция в Центральной Азии' },
        people: [{ name: 'Aigerim Sultanova', role: 'author' }],
        abstract: { en: 'Returning workers and <b>their</b> families & communities.' },
      });
      await makePublication(db, {
        slug: 'health-kk',
        year: 2019,
        original_language: 'kk',
        title: { kk: 'Мигранттардың денсаулығы туралы' },
        abstract: { kk: 'Баяндама еңбек мигранттарының денсаулығын сақтау туралы.' },
      });
      await makePublication(db, {
        slug: 'tip-kg',
        year: 2015,
        original_language: 'ru',
        title: { ru: 'Торговля людьми в Кыргызстане' },
      });
      await makePublication(db, { slug: 'xeno-title', year: 2010, title: { en: 'Xenophobia in the Region' } });
      await makePublication(db, {
        slug: 'xeno-abstract',
        year: 2011,
        title: { en: 'Annual Report' },
        abstract: { en: 'A chapter on xenophobia.' },
      });
      await makePublication(db, { slug: 'draft', status: 'draft', title: { en: 'Xenophobia draft' } });
      const slug = await makePublication(db, { slug: 'returnees', year: 2020, title: { en: 'Health of Returnees' } });
      const id = await publicationIdBySlug(db, slug);
      const file = await db.one<{ id: number }>(
        `insert into files (publication_id, sha256, original_name, media_type, size, pages) values ($1, $2, 'report.pdf', 'application/pdf', 1000, 40) returning id`,
        [id, 'a'.repeat(64)],
      );
      await db.query(
        `insert into file_pages (file_id, page, text) values ($1, 36, 'Nothing here.'), ($1, 37, 'Households depend on remittances sent from Russia by family members.')`,
        [file!.id],
      );
      // As ingest does after a file's pages (its words reach the lexicon with the publication's index).
      await refreshSearch(db, id!);
    });
    after(async () => t?.close());

    const slugs = async (q: string, extra = '') => {
      const r = await t!.get(`/api/v1/publications?per_page=100&q=${encodeURIComponent(q)}${extra}`);
      assert.equal(r.status, 200, q);
      return ((await r.json()) as { items: Array<{ slug: string }> }).items.map((i) => i.slug);
    };

    test('each language is stemmed: English, Russian, Kazakh', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.deepEqual(await slugs('migrations'), ['labour']);
      assert.deepEqual(await slugs('миграции'), ['labour']);
      assert.deepEqual(await slugs('мигранттар'), ['health-kk']);
      assert.ok((await slugs('денсаулыққа')).includes('health-kk'));
    });

    test('Latin and Cyrillic meet: places and people in either script', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.deepEqual(await slugs('Kyrgyzstan'), ['tip-kg']);
      assert.deepEqual(await slugs('Султанова'), ['labour']);
      assert.deepEqual(await slugs('Aigerim'), ['labour']);
    });

    test('the thesaurus carries a query into the other languages, and gives subject terms', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.deepEqual(await slugs('trafficking in persons'), ['tip-kg']);
      assert.deepEqual(await slugs('адам саудасы'), ['tip-kg']);
      assert.ok((await slugs('health')).includes('health-kk'), 'health finds денсаулығы');
      assert.deepEqual(
        await slugs('', '&topic=trafficking-in-persons'),
        ['tip-kg'],
        'a subject term filters like a topic',
      );
      const list = (await (await t!.get('/api/v1/publications')).json()) as {
        facets: { topic: Array<{ value: string; count: number; label?: string }> };
      };
      const tip = list.facets.topic.find((f) => f.value === 'trafficking-in-persons');
      assert.equal(tip?.count, 1);
      assert.equal(tip?.label, 'Trafficking in persons');
    });

    test('the title weighs more than the abstract; drafts never appear', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.deepEqual(await slugs('xenophobia'), ['xeno-title', 'xeno-abstract']);
    });

    test('a search sorts and pages like a browse: tiers first, then year; newest, oldest, title; pages add up', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const db = t!.db;
      // Six titles and one abstract that name the diaspora, and one publication whose file alone does.
      for (const [slug, year, title] of [
        ['dia-a', 2012, 'Diaspora and Development'],
        ['dia-b', 2018, 'Bonds of the Diaspora'],
        ['dia-c', null, 'Central Asian Diaspora'],
        ['dia-d', 2018, 'A Diaspora Survey'],
        ['dia-e', 2005, 'Early Diaspora Notes'],
        ['dia-f', 2021, 'The Diaspora Today'],
      ] as const) {
        await makePublication(db, { slug, year, title: { en: title } });
      }
      await makePublication(db, {
        slug: 'dia-abs',
        year: 2023,
        title: { en: 'Networks Abroad' },
        abstract: { en: 'Diaspora networks.' },
      });
      const fileOnly = await publicationIdBySlug(
        db,
        await makePublication(db, { slug: 'dia-file', year: 2024, title: { en: 'Annex Tables' } }),
      );
      const file = await db.one<{ id: number }>(
        `insert into files (publication_id, sha256, original_name, media_type, size, pages) values ($1, $2, 'annex.pdf', 'application/pdf', 10, 1) returning id`,
        [fileOnly, 'b'.repeat(64)],
      );
      await db.query(`insert into file_pages (file_id, page, text) values ($1, 1, 'Letters from the diaspora.')`, [
        file!.id,
      ]);
      await refreshSearch(db, fileOnly!);

      const all = await slugs('diaspora');
      assert.deepEqual(all.slice(-2), ['dia-abs', 'dia-file'], 'title matches, then other metadata, then file text');
      assert.deepEqual(new Set(all.slice(0, 6)), new Set(['dia-a', 'dia-b', 'dia-c', 'dia-d', 'dia-e', 'dia-f']));
      const paged: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const r = (await (await t!.get(`/api/v1/publications?q=diaspora&per_page=3&page=${page}`)).json()) as {
          total: number;
          items: Array<{ slug: string }>;
        };
        assert.equal(r.total, 8);
        paged.push(...r.items.map((i) => i.slug));
      }
      assert.deepEqual(paged, all, 'pages of three add up to the whole list');
      assert.deepEqual(
        await slugs('diaspora', '&sort=newest'),
        ['dia-file', 'dia-abs', 'dia-f', 'dia-d', 'dia-b', 'dia-a', 'dia-e', 'dia-c'],
        'newest first, no year last, a later id first in a year',
      );
      assert.deepEqual(
        await slugs('diaspora', '&sort=oldest'),
        ['dia-e', 'dia-a', 'dia-b', 'dia-d', 'dia-f', 'dia-abs', 'dia-file', 'dia-c'],
        'oldest first, no year last',
      );
      assert.deepEqual(await slugs('diaspora', '&sort=title'), [
        'dia-d',
        'dia-file',
        'dia-b',
        'dia-c',
        'dia-a',
        'dia-e',
        'dia-abs',
        'dia-f',
      ]);
      assert.deepEqual(await slugs('diaspora', '&year=2018&sort=newest'), ['dia-d', 'dia-b']);
      assert.deepEqual(await slugs('diaspora', '&year=2018&per_page=1&page=3'), [], 'past the end: nothing');
    });

    test('the search index stays narrow: the vectors of a record are stored out of line', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const db = t!.db;
      // An abstract of 50 distinct words: a vector of about 1.5 kB, five to a heap page if it stayed in the row
      // (PostgreSQL itself moves values out of line only from rows of 2 kB).
      const words = Array.from(
        { length: 50 },
        (_, i) => `lexicon${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}`,
      ).join(' ');
      const ids: number[] = [];
      for (let i = 0; i < 12; i++) {
        ids.push(
          (await publicationIdBySlug(
            db,
            await makePublication(db, {
              slug: `long-${i}`,
              year: 2000 + i,
              title: { en: `Record ${i}` },
              abstract: { en: words },
            }),
          ))!,
        );
      }
      for (const id of ids.slice(0, 6)) await refreshSearch(db, id); // an edit writes the row again
      const pages = await db.one<{ n: number }>(
        `select count(distinct (ctid::text::point)[0])::int as n from publication_search where id = any($1::int[])`,
        [ids],
      );
      assert.ok(pages!.n <= 2, `12 rows on ${pages!.n} heap pages`);
      assert.equal((await slugs('lexiconkb')).length, 12, 'and they are found');
    });

    test('a full-text hit names its page and links to it', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.deepEqual(await slugs('remittances'), ['returnees']);
      assert.deepEqual(await slugs('"sent from Russia"'), ['returnees'], 'a phrase is confirmed on a page');
      assert.deepEqual(
        await slugs('"Russia from sent"'),
        [],
        'the words of a page in another order are not the phrase',
      );
      const html = await (await t!.get('/publications?q=remittances')).text();
      assert.match(html, /href="\/publications\/returnees\/files\/\d+\/pages\/37\?q=remittances">p\. 37<\/a>/);
      assert.match(html, /<mark>remittances<\/mark>/);
      const within = await (await t!.get('/publications?within=returnees&q=remittance')).text();
      assert.match(within, /report\.pdf, p\. 37/);
      assert.match(within, /1 page matches/);
      assert.equal((await t!.get('/publications?within=draft&q=x')).status, 404);
    });

    test('snippets mark the matched words and escape the text', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const html = await (await t!.get('/publications?q=families')).text();
      // ts_headline drops tags itself; what is left is text, escaped by JSX.
      assert.match(html, /their\s+<mark>families<\/mark> &amp; communities/);
      assert.doesNotMatch(html, /<b>/);
    });

    test('a typo is corrected when the query finds nothing', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const html = await (await t!.get('/publications?q=xenofobia')).text();
      assert.match(html, /Showing the results for: <a href="\/publications\?q=xenophobia">xenophobia<\/a>/);
      assert.match(html, /Xenophobia in the Region/);
      assert.deepEqual(await slugs('xenofobia'), ['xeno-title', 'xeno-abstract'], 'the API searches the same way');
      assert.deepEqual(await slugs('remitances'), ['returnees'], 'a word only the text of a file has is known too');
    });

    test('the API says why each result matched: snippet, page hit, spelling', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = publicationList.parse(await (await t!.get('/api/v1/publications?q=remittances')).json());
      const hit = r.items[0] as z.infer<typeof searchItem>;
      assert.equal(hit.page_hit?.page, 37);
      assert.match(hit.page_hit!.url, /\/publications\/returnees\/files\/\d+\/report\.pdf#page=37$/);
      assert.deepEqual(
        hit.page_hit!.snippet.filter((p) => p.match).map((p) => p.text),
        ['remittances'],
      );
      const families = publicationList.parse(await (await t!.get('/api/v1/publications?q=families')).json());
      const parts = (families.items[0] as z.infer<typeof searchItem>).snippet!;
      assert.match(
        parts.map((p) => p.text).join(''),
        /^Returning workers and\s+their\s+families & communities/,
        'plain text, not HTML',
      );
      assert.deepEqual(
        parts.filter((p) => p.match).map((p) => p.text),
        ['families'],
      );
      const kk = publicationList.parse(await (await t!.get('/api/v1/publications?q=мигранттар')).json());
      const kkParts = (kk.items[0] as z.infer<typeof searchItem>).snippet!;
      assert.deepEqual(
        kkParts.filter((p) => p.match).map((p) => p.text),
        ['мигранттарының'],
        'Kazakh is highlighted by its own stemmer',
      );
      assert.match(
        await (await t!.get('/publications?q=мигранттар')).text(),
        /еңбек <mark>мигранттарының<\/mark> денсаулығын/,
      );
      const typo = publicationList.parse(await (await t!.get('/api/v1/publications?q=xenofobia')).json());
      assert.equal(typo.corrected, 'xenophobia');
      const plain = publicationList.parse(await (await t!.get('/api/v1/publications')).json());
      assert.ok(!('snippet' in plain.items[0]!), 'a list without q has no search fields');
    });

    test('a hyphenated word is its words, not a phrase; quoted text is a phrase', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const word = await compileQuery(t!.db, 'counter-trafficking');
      assert.match(word.tsquery!, /'counter-traffick'/);
      assert.doesNotMatch(word.tsquery!, /<->/, 'no positions to read for an unquoted word');
      assert.match((await compileQuery(t!.db, '"sent from Russia"')).tsquery!, /<->|<2>/);
    });

    test('bad queries: results or an empty list with a message, never an error', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const q of [
        '&',
        '|',
        '!',
        ':*',
        `"'\\`,
        `a & | ! :* ( ) <-> "'`,
        '!!!???',
        `'; drop table publications; --`,
        'labour:* & !migration',
      ]) {
        const r = await t!.get(`/api/v1/publications?q=${encodeURIComponent(q)}`);
        assert.equal(r.status, 200, q);
        assert.equal((await t!.get(`/publications?q=${encodeURIComponent(q)}`)).status, 200, q);
      }
      // A pasted paragraph: its first 200 characters are searched, and the reader is told.
      const long = `labour migration ${'and more words '.repeat(100)}`;
      const api = publicationList.parse(
        await (await t!.get(`/api/v1/publications?q=${encodeURIComponent(long)}`)).json(),
      );
      assert.ok(api.shortened_to && api.shortened_to.length <= 200 && long.startsWith(api.shortened_to));
      const page = await t!.get(`/publications?q=${encodeURIComponent(long)}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /only its first 200 characters were searched/);
    });

    test('facets count the matches and combine with the query', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = (await (await t!.get('/api/v1/publications?q=xenophobia&year=2011')).json()) as {
        total: number;
        items: Array<{ slug: string }>;
        facets: { year: Array<{ value: string; count: number }> };
      };
      assert.equal(r.total, 1);
      assert.deepEqual(r.facets.year, [{ value: '2011', count: 1 }]);
      const stop = await slugs('the');
      assert.deepEqual(stop, [], 'a stopword alone finds nothing rather than everything');
    });

    test('facet counts follow every write at once; the language of a file is a language of its publication', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      type List = {
        total: number;
        facets: { kind: Array<{ value: string; count: number }>; language: Array<{ value: string; count: number }> };
      };
      const list = async (query: string) => (await (await t!.get(`/api/v1/publications?${query}`)).json()) as List;
      const count = (r: List, facet: 'kind' | 'language', value: string) =>
        r.facets[facet].find((f) => f.value === value)?.count ?? 0;
      const before = await list('q=xenophobia');
      const posters = count(await list(''), 'kind', 'poster');
      await makePublication(t!.db, {
        slug: 'xeno-poster',
        kind: 'poster',
        year: 2012,
        title: { en: 'Xenophobia poster' },
      });
      const after = await list('q=xenophobia');
      assert.equal(after.total, before.total + 1);
      assert.equal(
        count(after, 'kind', 'poster'),
        count(before, 'kind', 'poster') + 1,
        'the new publication is counted',
      );
      assert.equal(count(await list(''), 'kind', 'poster'), posters + 1, 'without a query too');
      assert.equal(count(await list('q=xenophobia&kind=poster'), 'kind', 'poster'), count(after, 'kind', 'poster'));
      // The returnees publication is English; its file, in Russian, makes it a Russian one too.
      assert.equal((await list('q=remittances&language=ru')).total, 0);
      await t!.db.query(`update files set language = 'ru' where sha256 = $1`, ['a'.repeat(64)]);
      await refreshSearch(t!.db, (await publicationIdBySlug(t!.db, 'returnees'))!);
      assert.equal((await list('q=remittances&language=ru')).total, 1);
    });

    test('missing thesaurus labels are loaded again at start (issue 21: a restore or a partial copy can lack them)', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await t.db.query('delete from search_concept_labels');
      // Until then a concept's labels are stemmed in the query itself (kitap_concepts_tsquery).
      const missing = await compileQuery(t.db, 'Trafficking in Persons');
      assert.match(missing.textQuery ?? '', /'торговл'/, 'the Russian label is in the text query');
      assert.equal(await ensureSearchData(t.db), true, 'the version alone does not say the labels are there');
      assert.ok((await t.db.one<{ n: number }>('select count(*)::int as n from search_concept_labels'))!.n > 100);
      assert.equal(await ensureSearchData(t.db), false, 'and once there, nothing is done again');
      assert.deepEqual(await slugs('trafficking in persons'), ['tip-kg']);
    });
  });
}
