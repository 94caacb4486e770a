// The staff desk's files (issue 18 item 6): the date a document states (its title pages, else its XMP; never the
// PDF's creation date) offered with where it was read, on real PDFs; a label per file in each language, shown to
// readers and in the API; the uploads list that updates itself (a script, a refresh link without it); and a scan
// with no text said plainly, not "done".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ADMIN_JOBS_SCRIPT_URL } from '../src/admin/static.ts';
import { isoOf, statedDate } from '../src/text/document-date.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';
import { login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

const corpus = fileURLToPath(new URL('../../shared/fixtures/pdfs/', import.meta.url));
const fixture = (name: string) => path.join(corpus, name);
const noCorpus = fs.existsSync(corpus) ? false : `no fixture corpus at ${corpus}: the real PDFs are skipped`;

test('the date a document states: imprint, title-page year, copyright, a date written out; never a wrapped line', () => {
  const now = new Date('2026-01-01');
  const one = (text: string, page = 1) => statedDate([{ page, text }], now);
  const cases: Array<[string, number | null, string | null, string | null]> = [
    ['ТРУДОВАЯ МИГРАЦИЯ\nДоклад\nБишкек 2016', 2016, null, 'Бишкек 2016'],
    ['Report\nАлматы, 2019', 2019, null, 'Алматы, 2019'],
    ['Нур-Султан – 2020 ж.', 2020, null, 'Нур-Султан – 2020 ж.'],
    ['A handbook\n2016\n', 2016, null, '2016'],
    ['© IOM 2018. All rights reserved.', 2018, null, '© IOM 2018'],
    ['Постановление\nот 24 сентября 2013 г. N 842', 2013, '2013-09-24', '24 сентября 2013'],
    ['Thursday, August 6, 2020', 2020, '2020-08-06', 'August 6, 2020'],
    ['PLDI’09, June 15–20, 2009, Dublin', 2009, null, 'June 15–20, 2009'],
    ['Астана, 5 желтоқсан 2019 ж. хаттама', 2019, '2019-12-05', '5 желтоқсан 2019'],
    ['ПЕРЕИЗДАНИЕ. Август 2003 г.', 2003, null, 'Август 2003 г.'],
    ['Marketing 2019 plan', null, null, null],
    ['Founded 1812', null, null, null],
    ['Report 2031', null, null, null],
    ['31 February 2019', 2019, null, '31 February 2019'],
  ];
  for (const [text, year, iso, excerpt] of cases) {
    const d = one(text);
    assert.equal(d?.year ?? null, year, text);
    if (d) {
      assert.equal(isoOf(d), iso, text);
      assert.equal(d.excerpt, excerpt, text);
    }
  }
  // "…введен в действие с 1 июля\n2001 г." on page 3 is the end of a sentence, not a title page's year; the
  // copyright of page 2 is the document's.
  assert.deepEqual(
    statedDate(
      [
        { page: 2, text: '© ИПК Издательство стандартов, 2000' },
        { page: 3, text: 'введен в действие с 1 июля\n2001 г.' },
      ],
      now,
    ),
    { year: 2000, month: null, day: null, page: 2, excerpt: '© ИПК Издательство стандартов, 2000' },
  );
  // A title page's imprint wins over a date further in; the last page (a colophon) is read when the front says nothing.
  assert.equal(
    statedDate(
      [
        { page: 1, text: 'Guide\nBishkek 2017' },
        { page: 3, text: 'Adopted on 3 March 2015' },
      ],
      now,
    )?.year,
    2017,
  );
  assert.deepEqual(
    statedDate(
      [
        { page: 1, text: 'Guide' },
        { page: 40, text: 'Подписано в печать\n2014' },
      ],
      now,
    ),
    { year: 2014, month: null, day: null, page: 40, excerpt: '2014' },
  );
});

for (const backend of BACKENDS) {
  describe(`the staff desk's files on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    before(async () => {
      // As on a server without Tesseract.
      t = await openStaffApp(backend, { OCR_TESSERACT: '/nonexistent/tesseract' });
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
    });
    after(async () => t?.close());
    const version = async (slug: string) =>
      /name="_version" value="([^"]+)"/.exec(await (await editor.get(`/admin/publications/${slug}`)).text())![1]!;
    const offered = (html: string) =>
      Object.fromEntries(
        [...html.matchAll(/name="field" value="([^"]+)"[\s\S]*?<\/span> <small>([^<]*)<\/small>/g)].map((m) => [
          m[1]!,
          m[2]!,
        ]),
      );
    const value = (html: string, field: string) =>
      new RegExp(`name="field" value="${field}"/>[\\s\\S]*?<strong>[^<]*</strong>: <span[^>]*>([^<]*)</span>`).exec(
        html,
      )?.[1];

    test('real PDFs: the date printed in the document is offered, with where it was read, not the file’s creation date', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      if (noCorpus) return ctx.skip(noCorpus);
      // [file, its Info CreationDate's year (what used to be offered), year, whole date, where]
      const cases: Array<[string, string, string, string | null, RegExp]> = [
        ['ru-government-decree-842.pdf', '2016', '2013', '2013-09-24', /from page 1 of [^:]+: “24 сентября 2013”/],
        [
          'ru-gost-scan-with-ocr-layer.pdf',
          '2013',
          '2000',
          null,
          /from page 2 of [^:]+: “© ИПК Издательство стандартов, 2000”/,
        ],
        ['en-federal-register-3col.pdf', '2020', '2020', '2020-08-06', /from page 1 of [^:]+: “August 6, 2020”/],
      ];
      for (const [name, created, year, iso, where] of cases) {
        const slug = name.replace(/\.pdf$/, '').toLowerCase();
        await editor.post('/admin/publications', publicationFields({ slug, year: '' }));
        const up = await editor.upload(
          `/admin/publications/${slug}/files`,
          {},
          { name, bytes: fs.readFileSync(fixture(name)) },
        );
        assert.equal(up.status, 303, name);
        await runQueuedJobs(t);
        const html = await (await editor.get(`/admin/publications/${slug}`)).text();
        const offers = offered(html);
        assert.equal(value(html, 'year'), year, `${name}: the year it states (the file was made in ${created})`);
        assert.match(offers.year ?? '', where, name);
        assert.equal(value(html, 'published_on'), iso ?? undefined, `${name}: a whole date only where it gives one`);
        if (year !== created) assert.doesNotMatch(offers.year ?? '', new RegExp(created));
        // Used, it is saved as the publication's year.
        const r = await editor.post(`/admin/publications/${slug}/suggestions`, {
          field: 'year',
          file: /name="file" value="(\d+)"/.exec(html)![1]!,
          _version: await version(slug),
        });
        assert.equal(r.status, 303);
        assert.equal(
          (await t.db.one<{ year: number }>('select year from publications where slug = $1', [slug]))!.year,
          Number(year),
        );
      }
    });

    test('a label per file in each language: edited by staff, shown to readers in their language, in the API and history', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, { slug: 'labelled', title: { en: 'Labelled' }, download: true });
      await editor.upload(
        `/admin/publications/${slug}/files`,
        { language: 'ru' },
        { name: 'IOM_final_v3.pdf', bytes: reportPdf() },
      );
      await runQueuedJobs(t);
      const fileId = (await t.db.one<{ id: number }>('select id from files order by id desc limit 1'))!.id;
      const admin = await (await editor.get(`/admin/publications/${slug}`)).text();
      for (const l of ['en', 'ru', 'kk', 'ky']) assert.match(admin, new RegExp(`name="label\\.${l}"`), l);
      const fields = (over: Record<string, string>) => ({ language: 'ru', ...over });
      const tooLong = await editor.post(
        `/admin/publications/${slug}/files/${fileId}`,
        fields({ 'label.en': 'x'.repeat(201) }),
      );
      assert.equal(tooLong.status, 422);
      assert.match(await tooLong.text(), /At most 200 characters/);
      const saved = await editor.post(
        `/admin/publications/${slug}/files/${fileId}`,
        fields({ 'label.en': 'Full report', 'label.ru': 'Полный отчёт <b>', 'label.kk': '' }),
      );
      assert.equal(saved.status, 303);

      const en = await (await t.get(`/publications/${slug}`)).text();
      assert.match(en, />Full report<\/a>/);
      assert.doesNotMatch(en, />IOM_final_v3\.pdf</, 'not the raw upload name');
      assert.match(
        en,
        /href="\/publications\/labelled\/files\/\d+\/IOM_final_v3\.pdf"/,
        'the download keeps its file name',
      );
      assert.match(await (await t.get(`/ru/publications/${slug}`)).text(), />Полный отчёт &lt;b&gt;<\/a>/);
      // No Kazakh label: the file's own language (Russian), marked as such.
      assert.match(
        await (await t.get(`/kk/publications/${slug}`)).text(),
        /<span lang="ru">Полный отчёт &lt;b&gt;<\/span>/,
      );

      const api = (await (await t.get(`/api/v1/publications/${slug}?lang=ru`)).json()) as {
        files: Array<{ name: string; label: string | null; labels: Record<string, string> }>;
      };
      assert.deepEqual(api.files[0], {
        ...api.files[0],
        name: 'IOM_final_v3.pdf',
        label: 'Полный отчёт <b>',
        labels: { en: 'Full report', ru: 'Полный отчёт <b>' },
      });
      const history = await (await editor.get(`/admin/publications/${slug}/history`)).text();
      assert.match(history, /File “IOM_final_v3\.pdf”<\/th><td><del>[^<]*<\/del><\/td><td><ins>Full report · /);
      // A new version keeps the label.
      await editor.upload(
        `/admin/publications/${slug}/files`,
        { replaces: String(fileId) },
        { name: 'IOM_final_v4.pdf', bytes: reportPdf() },
      );
      await runQueuedJobs(t);
      assert.match(
        await (await t.get(`/publications/${slug}`)).text(),
        /IOM_final_v4\.pdf" download="">Full report<\/a>|IOM_final_v4\.pdf"[^>]*>Full report<\/a>/,
      );
    });

    test('the uploads list updates itself: a script polls a fragment; without it a refresh link; each upload links to its job', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, { slug: 'live-list', title: { en: 'Live list' } });
      await editor.upload(`/admin/publications/${slug}/files`, {}, { name: 'being-read.pdf', bytes: reportPdf() });
      const page = await (await editor.get(`/admin/publications/${slug}`)).text();
      assert.ok(
        page.includes(`<script src="${ADMIN_JOBS_SCRIPT_URL}" defer="">`) ||
          page.includes(`<script src="${ADMIN_JOBS_SCRIPT_URL}" defer>`),
      );
      assert.match(page, /<div id="jobs" data-jobs-url="\/admin\/publications\/live-list\/jobs" data-live="1">/);
      assert.match(
        page,
        /<a href="\/admin\/jobs\/\d+">being-read\.pdf<\/a> · <span class="job job-queued">waiting<\/span>/,
      );
      assert.match(page, /this list updates itself\. <a href="\/admin\/publications\/live-list#files-h">Refresh<\/a>/);
      const script = await t.get(ADMIN_JOBS_SCRIPT_URL);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      assert.match(await script.text(), /data-jobs-url|jobsUrl/);
      assert.match(
        page.length ? ((await t.get(`/admin/publications/${slug}`)).headers.get('content-security-policy') ?? '') : '',
        /script-src 'self'/,
      );

      const before = await editor.get(`/admin/publications/${slug}/jobs`);
      assert.equal(before.status, 200);
      const fragment = await before.text();
      assert.match(fragment, /^<div id="jobs"[^>]*data-live="1"/);
      assert.doesNotMatch(fragment, /<html|<nav/, 'the list alone');
      await runQueuedJobs(t);
      const done = await (await editor.get(`/ru/admin/publications/${slug}/jobs`)).text();
      assert.doesNotMatch(done, /data-live/, 'nothing left to read: the script stops');
      assert.match(done, /data-jobs-url="\/ru\/admin\/publications\/live-list\/jobs"/);
      assert.match(done, /job-done/);
      assert.equal((await t.get(`/admin/publications/${slug}/jobs`)).status, 303, 'staff only');
      assert.equal((await editor.get('/admin/publications/no-such/jobs')).status, 404);
    });

    test('a scan with no text: “no text found — OCR not installed” or “— OCR pending”, never “done”', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      if (noCorpus) return ctx.skip(noCorpus);
      const slug = await makePublication(t.db, { slug: 'a-scan', title: { ru: 'Скан' }, original_language: 'ru' });
      await editor.upload(
        `/admin/publications/${slug}/files`,
        {},
        { name: 'scan.pdf', bytes: fs.readFileSync(fixture('ru-scan-no-text-layer.pdf')) },
      );
      const [job] = await runQueuedJobs(t);
      assert.equal(job!.ocr_state, 'unavailable');
      const page = await (await editor.get(`/admin/publications/${slug}`)).text();
      assert.match(page, /scan\.pdf<\/a> · <span class="job job-no-text">no text found — OCR not installed<\/span>/);
      const jobPage = await (await editor.get(`/admin/jobs/${job!.id}`)).text();
      assert.match(jobPage, /no text found — OCR not installed/);
      assert.doesNotMatch(jobPage, /class="job job-done"/);
      assert.match(
        await (await editor.get(`/ru/admin/jobs/${job!.id}`)).text(),
        /текст не найден — распознавание \(OCR\) не установлено/,
      );
      await t.db.query(`update ingest_jobs set ocr_state = 'pending', ocr_note = null where id = $1`, [job!.id]);
      const pending = await (await editor.get(`/admin/publications/${slug}/jobs`)).text();
      assert.match(pending, /no text found — OCR pending/);
      assert.match(pending, /data-live="1"/, 'OCR to come: the list keeps looking');
      await t.db.query(`update ingest_jobs set ocr_state = 'unavailable' where id = $1`, [job!.id]);
      // A PDF with text stays "done".
      await editor.upload(`/admin/publications/${slug}/files`, {}, { name: 'text.pdf', bytes: reportPdf() });
      await runQueuedJobs(t);
      assert.match(
        await (await editor.get(`/admin/publications/${slug}`)).text(),
        /text\.pdf<\/a> · <span class="job job-done">done<\/span>/,
      );
    });
  });
}
