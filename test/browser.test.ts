// The demo catalogue in a real browser (Debian's Chromium): accessibility (axe-core), keyboard use,
// and the weight of each page on the wire — HTML and CSS, gzip-compressed, at most 15 KB, no script.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadCatalogue, readCatalogue } from '../src/demo/load.ts';
import {
  axeViolations,
  launchChromium,
  MAX_PAGE_BYTES,
  pageWeight,
  serveApp,
  skipWithoutChromium,
} from './browser-helpers.ts';
import { openTestApp, type TestApp } from './helpers.ts';

describe('in a browser', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  let base = '';
  let itemPath = '';
  before(async () => {
    t = (await openTestApp('pglite'))!;
    await loadCatalogue(t.db, readCatalogue());
    const featured = await t.db.one<{ slug: string }>(
      "select slug from publications where status = 'published' order by length(abstract::text) desc limit 1",
    );
    itemPath = `/publications/${featured!.slug}`;
    server = await serveApp(t.app);
    base = server.base;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await t?.close();
  });

  const pages = () => [
    '/',
    '/publications',
    '/publications?q=migration',
    '/ru/publications?q=%D1%82%D1%80%D1%83%D0%B4%D0%BE%D0%B2%D0%B0%D1%8F+%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D1%8F',
    '/publications?language=ru&sort=title',
    itemPath,
    `/ru${itemPath}`,
    `/kk${itemPath}`,
    '/kk/publications',
    '/organisations',
    '/topics/trafficking-in-persons',
    '/publications/no-such-page',
  ];

  test('every page passes axe-core with no violations', async () => {
    // The pages' own CSP forbids injected scripts, axe's included: let the test through.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of pages()) {
      await page.goto(base + path);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `${path}`);
    }
    await context.close();
  });

  test('pages work with JavaScript off and weigh at most 15 KB gzipped, stylesheet included', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of pages()) {
      const { bytes, scripts, h1s } = await pageWeight(page, base, path);
      assert.ok(bytes <= MAX_PAGE_BYTES, `${path}: ${bytes} bytes gzipped`);
      assert.deepEqual(scripts, [], `${path} loads no script`);
      assert.equal(h1s, 1, `${path} has one h1 in main`);
    }
    await context.close();
  });

  test('keyboard: the first Tab reaches the skip link, and browsing by filter works by keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/publications`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#main');
    await page.focus('#q');
    await page.keyboard.type('migration');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=migration/);
    assert.match(await page.locator('h1').innerText(), /migration/);
    await page.close();
  });
});
