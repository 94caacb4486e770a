// OCR of scanned pages (issue 14): a scan uploaded by staff is stored at once; without Tesseract its job
// says which Debian package to install and nothing fails; with it, a restart resumes the OCR and the
// scanned pages become searchable — in results, page hits and snippets — and staff see the confidence.
// Cancelling keeps what was read. Skipped, with a message, without Tesseract's Russian pack or the corpus.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { queueIngest, runIngestJob } from '../src/ingest/jobs.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { runQueuedJobs } from './ingest-helpers.ts';
import { login, makeUser, openStaffApp, type Agent } from './staff-helpers.ts';

const corpus = fileURLToPath(new URL('../../shared/fixtures/pdfs/', import.meta.url));
const SCAN = path.join(corpus, 'ru-scan-no-text-layer.pdf');
const skip = !fs.existsSync(SCAN)
  ? `no fixture corpus at ${corpus}`
  : !tesseractHas('rus')
    ? 'Tesseract with its Russian pack is not installed (apt-get install tesseract-ocr tesseract-ocr-rus)'
    : false;

function tesseractHas(code: string): boolean {
  try {
    return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).split('\n').includes(code);
  } catch {
    return false;
  }
}

for (const backend of BACKENDS) {
  describe(`OCR of scanned pages on ${backend}`, { skip }, () => {
    let t: TestApp | null;
    let editor: Agent;
    before(async () => {
      // As on a server without Tesseract: the program named is not there.
      t = await openStaffApp(backend, { OCR_TESSERACT: '/nonexistent/tesseract' });
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
    });
    after(async () => t?.close());

    test('without Tesseract the scan is stored and the job names the package; with it the OCR resumes and the pages are searchable', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, {
        slug: 'inspection-form',
        original_language: 'ru',
        title: { ru: 'Диагностическая карта' },
        languages: ['ru'],
      });
      const publicationId = (await t.db.one<{ id: number }>('select id from publications where slug = $1', [slug]))!.id;
      const jobId = await queueIngest(t.deps, fs.readFileSync(SCAN), { publicationId, originalName: 'scan.pdf' });

      const [job] = await runQueuedJobs(t);
      assert.equal(job!.state, 'done', 'the file is stored');
      assert.equal(job!.ocr_state, 'unavailable');
      assert.match(job!.ocr_note ?? '', /apt-get install tesseract-ocr\b/);
      const unavailable = await (await editor.get(`/admin/jobs/${jobId}`)).text();
      assert.match(unavailable, /no text found — OCR not installed/, 'said plainly, not done');
      assert.match(unavailable, /apt-get install tesseract-ocr/);
      assert.match(unavailable, /The file is stored; its scanned pages are not searchable/);
      assert.doesNotMatch(
        await (
          await t.get(
            '/publications?q=%D0%B4%D0%B8%D0%B0%D0%B3%D0%BD%D0%BE%D1%81%D1%82%D0%B8%D1%87%D0%B5%D1%81%D0%BA%D0%B0%D1%8F%20%D0%BA%D0%B0%D1%80%D1%82%D0%B0%20%D1%80%D0%B5%D0%B3%D0%B8%D1%81%D1%82%D1%80%D0%B0%D1%86%D0%B8%D0%BE%D0%BD%D0%BD%D1%8B%D0%B9',
          )
        ).text(),
        /found in|p\. 1/,
      );

      // Tesseract installed; the OCR step left "running", as a process killed in the middle of it leaves it.
      await t.db.query(`update ingest_jobs set ocr_state = 'running', ocr_note = null where id = $1`, [jobId]);
      const withTesseract = { ...t.deps, config: { ...t.deps.config, OCR_TESSERACT: 'tesseract' } };
      const resumed = await runIngestJob(withTesseract, jobId);
      assert.equal(resumed.ocr_state, 'done', resumed.ocr_note ?? '');
      assert.equal(resumed.ocr_page, 2);
      assert.match(resumed.ocr_languages ?? '', /^rus/);

      const pages = await t.db.query<{
        page: number;
        text: string;
        ocr: boolean;
        ocr_confidence: number;
        has_text: boolean;
      }>('select page, text, ocr, ocr_confidence, has_text from file_pages where file_id = $1 order by page', [
        resumed.file_id,
      ]);
      assert.deepEqual(
        pages.map((p) => [p.page, p.ocr, p.has_text]),
        [
          [1, true, true],
          [2, true, true],
        ],
      );
      for (const p of pages)
        assert.ok(
          p.ocr_confidence > 50 && p.ocr_confidence <= 100,
          `confidence of page ${p.page}: ${p.ocr_confidence}`,
        );
      assert.match(pages[0]!.text, /Диагностическая карта/);
      assert.match(pages[0]!.text, /Регистрационный номер/);
      assert.match(pages[1]!.text, /Результаты диагностирования/);

      // Searched, with the page it is on and a snippet, like any text.
      const found = await (await t.get(`/publications?q=${encodeURIComponent('результаты диагностирования')}`)).text();
      assert.match(found, /href="\/publications\/inspection-form"/);
      assert.match(found, /p\. 2<\/a>/);
      assert.match(found, /<mark>Результаты<\/mark> <mark>диагностирования<\/mark>/);
      const within = await (
        await t.get(`/publications?within=inspection-form&q=${encodeURIComponent('регистрационный номер')}`)
      ).text();
      assert.match(within, /scan\.pdf, p\. 1/);

      const done = await (await editor.get(`/admin/jobs/${jobId}`)).text();
      assert.match(done, /OCR page 2 of 2/);
      assert.match(done, /<code>rus[^<]*<\/code>/);
      assert.match(done, /mean \d+(\.\d)? % over 2 pages read, lowest page \d+(\.\d)? %/);
      assert.doesNotMatch(done, /Cancel OCR/, 'nothing to cancel once done');
    });

    test('cancelling keeps what was read and the OCR does not start again', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, {
        slug: 'second-scan',
        original_language: 'ru',
        title: { ru: 'Скан' },
        languages: ['ru'],
      });
      const publicationId = (await t.db.one<{ id: number }>('select id from publications where slug = $1', [slug]))!.id;
      const bytes = Buffer.concat([fs.readFileSync(SCAN), Buffer.from('\n% another copy\n')]);
      const jobId = await queueIngest(t.deps, bytes, { publicationId, originalName: 'scan-2.pdf' });
      await runQueuedJobs(t);
      await t.db.query(`update ingest_jobs set ocr_state = 'pending', ocr_note = null where id = $1`, [jobId]);
      const waiting = await (await editor.get(`/admin/jobs/${jobId}`)).text();
      assert.match(waiting, /no text found — OCR pending/);
      assert.match(waiting, /<button type="submit">Cancel OCR<\/button>/);
      const r = await editor.post(`/admin/jobs/${jobId}/cancel-ocr`);
      assert.equal(r.status, 303);
      const cancelled = await runIngestJob(
        { ...t.deps, config: { ...t.deps.config, OCR_TESSERACT: 'tesseract' } },
        jobId,
      );
      assert.equal(cancelled.ocr_state, 'cancelled');
      assert.equal(cancelled.ocr_page, 0, 'not started again');
      assert.match(await (await editor.get(`/ru/admin/jobs/${jobId}`)).text(), /отменено/);
    });
  });
}
