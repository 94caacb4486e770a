// Reading a PDF in the browser, page by page: the page image, its text as HTML, paging and search inside the file.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { queueIngest } from '../src/ingest/jobs.ts';
import { publicationIdBySlug } from '../src/store/publications.ts';
import {
  axeViolations,
  launchChromium,
  MAX_PAGE_BYTES,
  pageWeight,
  serveApp,
  skipWithoutChromium,
} from './browser-helpers.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';

for (const backend of BACKENDS) {
  describe(`the page reader on ${backend}`, () => {
    let t: TestApp | null;
    let base = '';
    let draftBase = '';
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      for (const [slug, status] of [
        ['open-report', 'published'],
        ['draft-report', 'draft'],
      ] as const) {
        await makePublication(t.db, { slug, title: { en: `Report ${slug}` }, status });
        await queueIngest(t.deps, reportPdf(`Report ${slug}`), {
          publicationId: (await publicationIdBySlug(t.db, slug))!,
          originalName: 'report.pdf',
          language: 'en',
        });
      }
      await runQueuedJobs(t);
      const id = async (slug: string) =>
        (await t!.db.one<{ id: number }>(
          'select f.id from files f join publications p on p.id = f.publication_id where p.slug = $1',
          [slug],
        ))!.id;
      base = `/publications/open-report/files/${await id('open-report')}/pages`;
      draftBase = `/publications/draft-report/files/${await id('draft-report')}/pages`;
    });
    after(() => t?.close());

    test('a page shows its image, its text as HTML, and the way to the next page', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const res = await t.get(`${base}/1`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<h1>Page 1 of 2<\/h1>/);
      assert.match(html, /A study of returning migrant workers/);
      assert.match(html, new RegExp(`<img src="${base}/1\\.webp\\?w=400" srcset="${base}/1\\.webp\\?w=400 400w, `));
      assert.match(html, new RegExp(`rel="next" href="${base}/2"`));
      assert.doesNotMatch(html, /rel="prev"/);
      assert.ok(gzipSync(html).length < 12 * 1024, 'within the page budget with room for the stylesheet');
      const image = await t.get(`${base}/1.webp?w=400`);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('Content-Type'), 'image/webp');
      assert.ok((await image.arrayBuffer()).byteLength <= 80 * 1024, 'a phone-width page image is at most 80 KB');
      const last = await (await t.get(`${base}/2`)).text();
      assert.match(last, new RegExp(`rel="prev" href="${base}/1"`));
      assert.doesNotMatch(last, /rel="next"/);
      assert.equal((await t.get(`${base}/3`)).status, 404);
    });

    test('search inside the file lists the pages with hits and marks the words on the page', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const html = await (await t.get(`${base}/2?q=remittances`)).text();
      assert.match(html, /<mark>Remittances<\/mark> sent home/);
      assert.match(html, new RegExp(`<a href="${base}/2\\?q=remittances" aria-current="page">p\\. 2</a>`));
      const go = await t.get(`${base}/1?goto=2&q=remittances`);
      assert.equal(go.status, 303);
      assert.equal(go.headers.get('Location'), `${base}/2?q=remittances`);
      const ru = await (await t.get(`/ru${base}/1`)).text();
      assert.match(ru, /Страница 1 из 2/);
    });

    test('a search result\'s page hit opens the reader at that page; the item page offers "Read online"', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const results = await (await t.get('/publications?q=remittances')).text();
      assert.match(results, new RegExp(`href="${base}/2\\?q=remittances"`));
      const item = await (await t.get('/publications/open-report')).text();
      assert.match(item, new RegExp(`<a href="${base}/1">Read online</a>`));
    });

    test("an unpublished record's pages are not there", async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.equal((await t.get(`${draftBase}/1`)).status, 404);
      assert.equal((await t.get(`${draftBase}/1.webp`)).status, 404);
    });
  });
}

describe('the page reader in a browser', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  let path = '';
  before(async () => {
    t = (await openTestApp('pglite'))!;
    await makePublication(t.db, { slug: 'read-me', title: { en: 'Read me' }, status: 'published' });
    await queueIngest(t.deps, reportPdf('Read me'), {
      publicationId: (await publicationIdBySlug(t.db, 'read-me'))!,
      originalName: 'read-me.pdf',
      language: 'en',
    });
    await runQueuedJobs(t);
    const id = (await t.db.one<{ id: number }>('select id from files'))!.id;
    path = `/publications/read-me/files/${id}/pages/2?q=remittances`;
    server = await serveApp(t.app);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await t?.close();
  });

  test('axe-clean, no script, within 15 KB, and no wider than a 320 px screen in every language', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const lang of ['', '/ru', '/kk', '/ky']) {
      await page.goto(server.base + lang + path);
      assert.deepEqual(await axeViolations(page), [], lang);
      assert.ok(
        (await page.evaluate(() => document.documentElement.scrollWidth)) <= 320,
        `${lang}: no sideways scroll`,
      );
    }
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const weight = await pageWeight(await plain.newPage(), server.base, path);
    assert.ok(weight.bytes <= MAX_PAGE_BYTES, `${weight.bytes} bytes`);
    assert.deepEqual(weight.scripts, []);
    await plain.close();
    await context.close();
  });
});
