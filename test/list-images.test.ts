// Covers at the size shown, measured as a phone loads them (Debian's Chromium, a 390 px screen at twice
// the pixel density, scrolled to the end so every lazy cover loads): a list of twenty publications whose
// covers were drawn from real PDFs (mostly text-dense first pages, the heaviest kind) of ../shared/fixtures/pdfs loads at most 40 KB of images.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { queueIngest } from '../src/ingest/jobs.ts';
import { publicationIdBySlug } from '../src/store/publications.ts';
import { launchChromium, serveApp, skipWithoutChromium } from './browser-helpers.ts';
import { makePublication, openTestApp, type TestApp } from './helpers.ts';
import { runQueuedJobs } from './ingest-helpers.ts';
import { CORPUS, corpusManifest, skipWithoutCorpus } from './pdf-corpus.ts';

const MAX_IMAGE_BYTES = 40 * 1024;

/** The corpus's PDFs that ingest (not the refused ones), small enough to keep the test quick. */
function ingestablePdfs(): string[] {
  return corpusManifest()
    .filter((r) => r.expected === 'ingest' && fs.statSync(CORPUS + r.file).size < 1_000_000)
    .map((r) => r.file!);
}

const skip = skipWithoutChromium || skipWithoutCorpus;

describe('images on list pages', { skip }, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  let covers = 0;
  before(async () => {
    t = (await openTestApp('pglite'))!;
    const pdfs = ingestablePdfs();
    for (let i = 0; i < 20; i++) {
      const name = pdfs[i % pdfs.length]!;
      const slug = await makePublication(t.db, {
        title: { en: `Publication ${i + 1}: ${name}` },
        year: 2000 + i,
        status: 'published',
      });
      await queueIngest(t.deps, fs.readFileSync(CORPUS + name), {
        publicationId: (await publicationIdBySlug(t.db, slug))!,
        originalName: name,
        language: 'en',
      });
    }
    await runQueuedJobs(t);
    covers = Number(
      (await t.db.one<{ n: string }>(
        'select count(distinct cover_sha256) as n from files where cover_sha256 is not null',
      ))!.n,
    );
    server = await serveApp(t.app);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await t?.close();
  });

  test('a list of twenty publications with covers loads at most 40 KB of images on a dense phone screen', async () => {
    assert.ok(covers >= 10, `only ${covers} different covers were drawn`);
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    const loaded: string[] = [];
    for (const path of ['/publications', '/ru/publications?sort=newest', '/publications?q=publication']) {
      const images = new Map<string, number>();
      const onResponse = async (r: import('playwright-core').Response) => {
        if (r.request().resourceType() === 'image') images.set(r.url(), (await r.body()).length);
      };
      page.on('response', onResponse);
      await page.goto(server.base + path);
      // Scroll to the end step by step so that every lazy cover is asked for.
      for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 400) {
        await page.mouse.wheel(0, 400);
        await page.waitForTimeout(50);
      }
      await page.waitForLoadState('networkidle');
      page.off('response', onResponse);
      const shown = new Set(
        await page.locator('main img').evaluateAll((ls) => ls.map((l) => (l as HTMLImageElement).currentSrc)),
      ).size;
      const bytes = [...images.values()].reduce((a, b) => a + b, 0);
      loaded.push(`${path}: ${images.size} images of ${shown} shown, ${bytes} bytes`);
      console.log(loaded.at(-1));
      assert.ok(shown >= 10, `${path} shows ${shown} different covers`);
      assert.equal(images.size, shown, `${path}: every cover loaded once scrolled (${loaded.at(-1)})`);
      assert.ok(bytes <= MAX_IMAGE_BYTES, loaded.at(-1));
    }
    await context.close();
  });
});
