// Issue 20 end to end on both databases: documents found by what their pages say, however the query is typed —
// partial matches ranked by the weight of their words, Latin typing of Russian and Kazakh, English ↔ Russian
// through the installed dictionary, each page in its own language, and the page that covers the query best.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { z } from 'zod';
import { BACKENDS, makePublication, openTestApp, type TestApp } from '../../test/helpers.ts';
import { publicationList, type searchItem } from '../api/schemas.ts';
import type { Db } from '../db/db.ts';
import { publicationIdBySlug, refreshSearch } from '../store/publications.ts';
import { dictionary } from './dictionary.ts';
import { skeleton } from './translit.ts';

/** A publication with a neutral title and one file whose pages say the rest. */
async function withPages(
  db: Db,
  slug: string,
  language: string,
  pages: Record<number, string>,
  pageLanguage: Record<number, string> = {},
): Promise<void> {
  const id = await publicationIdBySlug(
    db,
    await makePublication(db, { slug, year: 2020, title: { en: `Document ${slug.length}` } }),
  );
  const file = await db.one<{ id: number }>(
    `insert into files (publication_id, sha256, original_name, media_type, size, pages, language) values ($1, $2, $3, 'application/pdf', 1000, 40, $4) returning id`,
    [id, slug.padEnd(64, '0').replace(/[^0-9a-f]/g, 'e'), `${slug}.pdf`, language],
  );
  for (const [page, text] of Object.entries(pages)) {
    await db.query('insert into file_pages (file_id, page, text, language) values ($1, $2, $3, $4)', [
      file!.id,
      Number(page),
      text,
      pageLanguage[Number(page)] ?? null,
    ]);
  }
  await refreshSearch(db, id!);
}

for (const backend of BACKENDS) {
  describe(`full-text search on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      const db = t.db;
      await withPages(db, 'typeface', 'en', {
        1: 'Contents and acknowledgements.',
        2: 'The typeface was drawn at a research institute in Novosibirsk in 1994.',
        3: 'Its foundry sold the typeface to printers.',
      });
      // "annual" is everywhere, "typeface" in one document: a query with both ranks that one first.
      for (const n of [1, 2, 3, 4, 5, 6])
        await withPages(db, `annual-${'x'.repeat(n)}`, 'en', { 1: 'The annual statement of accounts of the office.' });
      await withPages(db, 'resettlement-ru', 'ru', {
        4: 'Общие положения.',
        5: 'Объявление о переселении семьи публикуется в районной газете.',
        6: 'Цена жилья в районе и хлеб для переселенцев.',
      });
      await withPages(db, 'aul-kk', 'kk', {
        2: 'Өңірдегі ауыл шаруашылығы және жұмыс орындары туралы шешім қабылданды.',
      });
      // Two words a page apart: the document matches on its text, no single page holds both.
      await withPages(db, 'spread', 'en', {
        10: 'A long discussion of glaciers.',
        11: 'Then the moraines.',
        20: 'Glaciers again, and nothing more.',
      });
      // Coverage: page 3 has one word, page 4 both, page 5 the other.
      await withPages(db, 'coverage', 'en', {
        3: 'Pastures of the region.',
        4: 'Pastures and herders of the valley.',
        5: 'Herders move in spring.',
      });
      // An English file with a Russian page, marked as Russian on its own.
      await withPages(
        db,
        'manual',
        'en',
        { 1: 'Installation of the programme.', 2: 'Сотрудники заполняют анкеты вручную.' },
        { 2: 'ru' },
      );
      await withPages(db, 'founder-ru', 'ru', { 3: 'Основатель проекта умер в 2001 году.' });
      await withPages(db, 'founder-en', 'en', { 3: 'The founder of the association.' });
    });
    after(async () => t?.close());

    const search = async (q: string) => {
      const r = await t!.get(`/api/v1/publications?per_page=50&q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, q);
      return publicationList.parse(await r.json()).items as Array<z.infer<typeof searchItem>>;
    };
    const slugs = async (q: string) => (await search(q)).map((i) => i.slug);
    const pageOf = async (q: string, slug: string) =>
      (await search(q)).find((i) => i.slug === slug)?.page_hit?.page ?? null;

    test('a document that has most of the words is found, with its page; one with all of them stays first', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const found = await slugs('typeface research institute xylophone');
      assert.equal(found[0], 'typeface', 'three words of four, the rare ones');
      assert.equal(await pageOf('typeface research institute xylophone', 'typeface'), 2);
      assert.deepEqual(await slugs('xylophone quagmire'), [], 'words no document has find nothing');
      // Rare words weigh more: "typeface" alone outweighs "annual", which six documents have.
      const mixed = await slugs('typeface annual zeppelin');
      assert.equal(mixed[0], 'typeface');
      assert.ok(
        !mixed.some((s) => s.startsWith('annual')),
        `a common word alone is not most of the query: ${mixed.join(', ')}`,
      );
      // Stop words do not count as words the document lacks.
      assert.equal((await slugs('when was the typeface drawn'))[0], 'typeface');
      assert.deepEqual((await slugs('typeface foundry')).slice(0, 1), ['typeface']);
    });

    test('the page with the most of the query is the hit, and words on neighbouring pages still give one', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.equal(await pageOf('pastures herders', 'coverage'), 4);
      const spread = await pageOf('glaciers moraines', 'spread');
      assert.ok(spread === 10 || spread === 11, `a page next to the other word, not page 20: ${spread}`);
      const within = await (await t!.get('/publications?within=coverage&q=pastures%20herders')).text();
      assert.match(within, /coverage\.pdf, p\. 4/);
    });

    test('Russian typed in Latin letters finds the text of files, whatever the scheme', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const q of [
        'obyavlenie',
        'ob``yavlenie',
        "ob'yavleniye",
        'objavlenie',
        'obiavlenie',
        'pereselenii semji',
        'tsena zhilya',
        "cena zhil'ya",
        'xleb',
        'hleb',
        'khleb',
        'rajone',
        'rayone',
      ]) {
        assert.ok((await slugs(q)).includes('resettlement-ru'), q);
      }
      assert.equal(await pageOf('tsena khleb', 'resettlement-ru'), 6);
    });

    test('Kazakh typed in the 2021 Latin alphabet, its 2017/2018 variants and informally finds the Cyrillic text', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const q of [
        'öñırdegı',
        'óńirdegi',
        "o'n'irdegi",
        'onirdegi',
        'şeşım',
        'sheshim',
        'jūmys',
        'zhumys',
        'auyl',
        'aýyl',
      ]) {
        assert.ok((await slugs(q)).includes('aul-kk'), q);
      }
    });

    test('each page is stemmed in its own language', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      // The file is English; its Russian page is stemmed as Russian, so other forms of its words find it.
      assert.deepEqual(await slugs('анкета сотрудник'), ['manual']);
      assert.equal(await pageOf('анкетами', 'manual'), 2);
    });

    test('an English word finds a Russian text through the dictionary, below the English one', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      if (!dictionary().size)
        return ctx.skip('no English-Russian dictionary installed (mueller7-dict, dict-freedict-eng-rus)');
      const found = await slugs('founder');
      assert.deepEqual(found.slice(0, 2), ['founder-en', 'founder-ru']);
      assert.deepEqual((await slugs('основатель')).slice(0, 2), ['founder-ru', 'founder-en']);
      assert.equal(await pageOf('founder', 'founder-ru'), 3);
    });

    test('the database keys words as src/search/translit.ts does', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const words = [
        'миграция',
        'объявление',
        'щука',
        'жизнь',
        'цена',
        'хлеб',
        'район',
        'этаж',
        'юрист',
        'семья',
        'қазақстан',
        'өңірдегі',
        'ғылым',
        'үкімет',
        'kazakhstan',
        'shchuka',
        'tsena',
        'khleb',
        'rayon',
        'yurist',
        'semya',
        'qazaqstan',
        'zhumys',
        'dzhamilya',
        'xenophobia',
        'hadjiemmanuel',
        'berkovic',
      ];
      const rows = await t!.db.query<{ w: string; k: string }>(
        'select w, kitap_skeleton(w) as k from unnest($1::text[]) as w',
        [words],
      );
      for (const r of rows) assert.equal(r.k, skeleton(r.w), r.w);
    });
  });
}
