// The staff page "Import" (issue 12 item 4), as staff use it with JavaScript off: upload or paste a page, see the
// proposed records as a table (uncertain first, unused lines with their reasons), correct a title, drop a row,
// merge two, import the ticked ones as drafts recorded in their history; a second import of the same page finds
// them in the library; bad sources are refused with a message and leave nothing behind; a batch is its owner's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, type TestApp } from './helpers.ts';
import { type Agent, location, login, makeUser, openStaffApp } from './staff-helpers.ts';

const PAGE = [
  'Publications',
  '',
  'Labour Migration and Remittances in Central Asia',
  'Bishkek, 2016',
  'Number of pages: 120',
  'Language: English, Russian',
  'Year of publication: 2016',
  '',
  'Return and Reintegration of Migrant Workers',
  'Almaty, 2018',
  'Number of pages: 64',
  'Language: Russian',
  'Year of publication: 2018',
  '',
  'Border Health in the Fergana Valley',
  'Year of publication: 2019',
  'Language: English',
  '',
  'A Guide for Migrant Families',
  'Language: Kyrgyz',
  'Number of pages: 24',
  '',
  'Showing 1–4 of 4',
].join('\n');

/** Windows-1251 bytes of a text in Russian (letters А–я, Ё, ё) and ASCII. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`not in the test's Windows-1251: ${ch}`);
    }),
  );
}

const batchPath = (r: Response) => location(r).replace(/\?.*$/, '');
const count = async (t: TestApp, sql: string, params: unknown[] = []) =>
  Number((await t.db.one<{ n: string }>(`select count(*) as n from (${sql}) x`, params))!.n);

/** The value of a named input (or the selected option) as the page shows it. */
function fieldValue(html: string, name: string): string | null {
  const m = new RegExp(`<input[^>]*name="${name.replace('.', '\\.')}"[^>]*value="([^"]*)"`).exec(html);
  return m
    ? m[1]!
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
    : null;
}
const ticked = (html: string, n: number) =>
  new RegExp(`<input[^>]*name="r${n}\\.include"[^>]*checked`).test(html) ||
  new RegExp(`<input[^>]*checked[^>]*name="r${n}\\.include"`).test(html);

for (const backend of BACKENDS) {
  describe(`staff import page on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    before(async () => {
      t = await openStaffApp(backend);
      if (t) editor = await login(t, await makeUser(t, 'editor'));
    });
    after(async () => t?.close());

    test('upload → preview → correct a title, drop a row, merge two → import drafts with history → re-import finds them', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const start = await editor.get('/admin/import');
      assert.equal(start.status, 200);
      assert.match(await start.text(), /<input[^>]*type="file"[^>]*name="file"/);

      const source = 'https://old.example.org/publications';
      const uploaded = await editor.upload(
        '/admin/import',
        { source },
        { name: 'publications.txt', bytes: PAGE, type: 'text/plain' },
      );
      assert.equal(uploaded.status, 303);
      const path = batchPath(uploaded);
      assert.match(path, /^\/admin\/import\/\d+$/);

      let html = await (await editor.get(path)).text();
      assert.match(html, /4 records proposed, 4 ticked for import, 0 already in the library, 1 uncertain/);
      // The record with no year is the uncertain one, and comes first; its year cell is marked.
      assert.ok(html.indexOf('A Guide for Migrant Families') < html.indexOf('Labour Migration and Remittances'));
      assert.match(html, /class="unsure-row"[\s\S]*?A Guide for Migrant Families/);
      assert.equal(fieldValue(html, 'r1.place'), 'Bishkek');
      assert.equal(fieldValue(html, 'r1.pages'), '120');
      assert.equal(fieldValue(html, 'r1.languages'), 'en ru');
      // The lines not used, with their line numbers and reasons.
      assert.match(html, /line 1: <q>Publications<\/q>/);
      assert.match(html, /line 23: <q>Showing 1–4 of 4<\/q> — <span lang="en">pagination<\/span>/);

      // Correct row 1's title, untick row 2 (dropped), keep 3 and 4; a bad year on row 3 is refused with its message.
      const rows = { shown: '4,1,2,3', page: '1', 'r1.include': '1', 'r3.include': '1', 'r4.include': '1' };
      const bad = await editor.post(path, { ...rows, 'r3.year': '19', action: 'preview' });
      assert.equal(bad.status, 422);
      const badHtml = await bad.text();
      assert.match(badHtml, /Rows to correct: 3/);
      assert.match(badHtml, /name="r3\.year"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="r3\.year"/);
      const refused = await editor.post(path, { ...rows, 'r3.year': '19', action: 'import' });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /Nothing was imported: correct the marked values/);
      assert.equal(await count(t, 'select 1 from publications'), 0);

      const saved = await editor.post(path, {
        ...rows,
        'r1.title': 'Labour Migration and Remittances in Central Asia: 2016 Edition',
        'r3.year': '2019',
        action: 'preview',
      });
      assert.equal(saved.status, 303);
      assert.equal(location(saved), `${path}?page=1&done=saved`);
      html = await (await editor.get(location(saved))).text();
      assert.equal(fieldValue(html, 'r1.title'), 'Labour Migration and Remittances in Central Asia: 2016 Edition');
      assert.ok(!ticked(html, 2), 'row 2 is unticked');
      assert.ok(ticked(html, 1) && ticked(html, 3));

      // Merge row 4 into row 3: one row left, which says so.
      const merged = await editor.post(path, { ...rows, merge_from: '4', merge_into: '3', action: 'merge' });
      assert.equal(merged.status, 303);
      html = await (await editor.get(location(merged))).text();
      assert.match(html, /The rows were merged/);
      assert.match(html, /3 records proposed, 2 ticked for import/);
      assert.match(html, /with rows 4/);
      assert.equal(fieldValue(html, 'r4.title'), null);
      const wrongMerge = await editor.post(path, { shown: '', merge_from: '3', merge_into: '3', action: 'merge' });
      assert.equal(wrongMerge.status, 422);

      const imported = await editor.post(path, {
        shown: '1,2,3',
        page: '1',
        'r1.include': '1',
        'r3.include': '1',
        action: 'import',
      });
      assert.equal(imported.status, 303);
      html = await (await editor.get(location(imported))).text();
      assert.match(html, /2 drafts imported from https:\/\/old\.example\.org\/publications/);
      const slugs = [...html.matchAll(/<li><a href="\/admin\/publications\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
      assert.equal(slugs.length, 2);

      const made = await t.db.query<{
        slug: string;
        status: string;
        title: Record<string, string>;
        place: Record<string, string>;
      }>('select slug, status, title, place from publications order by id');
      assert.deepEqual(
        made.map((p) => [p.status, p.title.en, p.place.en ?? null]),
        [
          ['draft', 'Labour Migration and Remittances in Central Asia: 2016 Edition', 'Bishkek'],
          ['draft', 'Border Health in the Fergana Valley', null],
        ],
      );
      assert.deepEqual(made.map((p) => p.slug).sort(), [...slugs].sort());
      // The history names the import: who, when, from what.
      const history = await (await editor.get(`/admin/publications/${made[0]!.slug}/history`)).text();
      assert.match(history, /Imported · editor\d+@staff\.test/);
      assert.match(history, /Source: https:\/\/old\.example\.org\/publications/);

      // Posting the import again makes nothing new.
      const again = await editor.post(path, { shown: '1,3', 'r1.include': '1', 'r3.include': '1', action: 'import' });
      assert.equal(again.status, 303);
      assert.equal(await count(t, 'select 1 from publications'), 2);

      // The same page once more: the imported records are already in the library, unticked; the others ticked.
      const second = await editor.upload(
        '/admin/import',
        {},
        { name: 'publications.txt', bytes: PAGE, type: 'text/plain' },
      );
      html = await (await editor.get(batchPath(second))).text();
      // Row 1 is found by the slug the first import gave it (its title was corrected), row 3 by title and year.
      assert.match(html, /4 records proposed, 2 ticked for import, 2 already in the library/);
      assert.ok(!ticked(html, 1), 'row 1 (imported, then corrected) is unticked');
      assert.match(
        html,
        /Already in the library: <a href="\/admin\/publications\/[a-z0-9-]+">Border Health in the Fergana Valley<\/a>/,
      );
      assert.ok(!ticked(html, 3), 'row 3 (already in the library) is unticked');
      assert.ok(ticked(html, 2), 'row 2 (not imported before) is ticked');
    });

    test('a long preview is paged; the form of a page changes only its own rows', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const cards = Array.from(
        { length: 35 },
        (_, i) => `Survey of Migrant Households Number ${i + 1}\nYear of publication: ${2000 + i}\nLanguage: English`,
      );
      const r = await editor.post('/admin/import', { text: `Publications\n\n${cards.join('\n\n')}\n` });
      const path = batchPath(r);
      let html = await (await editor.get(path)).text();
      assert.match(html, /Proposed records, page 1 of 2/);
      assert.equal((html.match(/name="r\d+\.title"/g) ?? []).length, 30);
      const next = await editor.post(path, { shown: '', page: '1', goto: '2', action: 'preview' });
      assert.equal(location(next), `${path}?page=2&done=saved`);
      html = await (await editor.get(location(next))).text();
      assert.deepEqual(
        [...html.matchAll(/name="r(\d+)\.title"/g)].map((m) => m[1]),
        ['31', '32', '33', '34', '35'],
      );
      const include = Object.fromEntries(['31', '32', '34', '35'].map((n) => [`r${n}.include`, '1']));
      await editor.post(path, { shown: '31,32,33,34,35', page: '2', ...include, action: 'preview' });
      html = await (await editor.get(path)).text();
      assert.match(html, /35 records proposed, 34 ticked for import/);
    });

    test('pasted text, in Russian, by a contributor', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const contributor = await login(t, await makeUser(t, 'contributor'));
      const r = await contributor.post('/ru/admin/import', {
        text: 'Публикации\n\nОбзор трудовой миграции в Центральной Азии\nАлматы, 2017\nКоличество страниц: 48\nЯзык: русский\n',
      });
      assert.equal(r.status, 303);
      assert.match(location(r), /^\/ru\/admin\/import\/\d+$/);
      const html = await (await contributor.get(location(r))).text();
      assert.match(html, /Импорт из вставленный текст/);
      assert.equal(fieldValue(html, 'r1.place'), 'Алматы');
      assert.equal(fieldValue(html, 'r1.languages'), 'ru');
    });

    test('bad sources: a clear message, the form again, nothing kept', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const user = await makeUser(t, 'editor');
      const a = await login(t, user);
      const before = await count(t, 'select 1 from publications');
      const cases: Array<[string, Promise<Response>, RegExp]> = [
        ['empty paste', a.post('/admin/import', { text: '  \n ' }), /There is nothing to import/],
        [
          'empty file',
          a.upload('/admin/import', {}, { name: 'page.html', bytes: '', type: 'text/html' }),
          /There is nothing to import/,
        ],
        [
          'binary',
          a.upload(
            '/admin/import',
            {},
            { name: 'page.html', bytes: fs.readFileSync('test/fixtures/import-page/binary.png'), type: 'text/html' },
          ),
          /looks like a binary file/,
        ],
        [
          'a PDF',
          a.upload('/admin/import', {}, { name: 'page.txt', bytes: '%PDF-1.7\n1 0 obj\n', type: 'text/plain' }),
          /This is a PDF file/,
        ],
        [
          'Latin-1',
          a.upload(
            '/admin/import',
            {},
            { name: 'page.txt', bytes: fs.readFileSync('test/fixtures/import-page/latin-1.txt'), type: 'text/plain' },
          ),
          /not UTF-8 text, nor Windows-1251/,
        ],
        [
          'nothing like publications',
          a.upload(
            '/admin/import',
            {},
            {
              name: 'page.txt',
              bytes: fs.readFileSync('test/fixtures/import-page/no-publications.txt'),
              type: 'text/plain',
            },
          ),
          /Nothing on this page looks like a publication/,
        ],
        [
          'another kind of file',
          a.upload(
            '/admin/import',
            {},
            { name: 'list.docx', bytes: 'PK\u0003\u0004', type: 'application/octet-stream' },
          ),
          /This kind of file cannot be imported here/,
        ],
      ];
      for (const [name, pending, message] of cases) {
        const r = await pending;
        assert.equal(r.status, 422, name);
        const html = await r.text();
        assert.match(html, message, name);
        assert.match(html, /role="alert"/, name);
      }
      const kept = await a.post('/admin/import', { text: 'Welcome to our library.', source: 'my notes' });
      assert.match(await kept.text(), /Welcome to our library\.<\/textarea>/, 'the pasted text is shown again');
      assert.equal(await count(t, 'select 1 from publications'), before);
      assert.equal(
        await count(t, 'select 1 from import_batches b join users u on u.id = b.user_id where u.email = $1', [user]),
        0,
      );
    });

    test('a Windows-1251 page is converted, and said so', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const page =
        'Публикации\n\nТрудовая миграция в Кыргызстане\nБишкек, 2015\nКоличество страниц: 80\nЯзык: русский\n';
      const r = await editor.upload(
        '/admin/import',
        {},
        { name: 'old-page.txt', bytes: cp1251(page), type: 'text/plain' },
      );
      assert.equal(r.status, 303);
      const html = await (await editor.get(location(r))).text();
      assert.match(html, /The file was in Windows-1251 \(Cyrillic\) and was converted to UTF-8/);
      assert.equal(fieldValue(html, 'r1.title'), 'Трудовая миграция в Кыргызстане');
      assert.equal(fieldValue(html, 'r1.place'), 'Бишкек');
    });

    test('a batch is its owner’s; without a session the page asks to log in', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await editor.post('/admin/import', { text: PAGE });
      const path = batchPath(r);
      const other = await login(t, await makeUser(t, 'admin'));
      assert.equal((await other.get(path)).status, 404);
      assert.equal((await other.get(`${path}/report`)).status, 404);
      const n = await count(t, 'select 1 from publications');
      const forged = await other.post(path, { shown: '1,2,3,4', 'r1.include': '1', action: 'import' });
      assert.equal(forged.status, 404);
      assert.equal(await count(t, 'select 1 from publications'), n);

      const anonymous = await t.get('/admin/import');
      assert.equal(anonymous.status, 303);
      assert.match(location(anonymous), /^\/login\?next=/);
      const post = await t.get('/admin/import', {
        method: 'POST',
        body: new URLSearchParams({ text: PAGE }),
        headers: { Origin: 'http://localhost' },
      });
      assert.equal(post.status, 401);
      // The owner's full report, as text.
      const report = await editor.get(`${path}/report`);
      assert.equal(report.status, 200);
      assert.match(await report.text(), /line 23: "Showing 1–4 of 4" — pagination/);
    });
  });
}
