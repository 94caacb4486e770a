// Reading on a phone (Debian's Chromium): no page wider than a 320 px screen in any interface language,
// results before filters on a phone, filters open beside them on a wide screen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadCatalogue, readCatalogue } from '../src/demo/load.ts';
import { UI_LANGUAGES } from '../src/i18n/i18n.ts';
import { href } from '../src/views/href.ts';
import { axeViolations, launchChromium, serveApp, skipWithoutChromium } from './browser-helpers.ts';
import { openTestApp, type TestApp } from './helpers.ts';

describe('on a phone', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  let slug = '';
  before(async () => {
    t = (await openTestApp('pglite'))!;
    await loadCatalogue(t.db, readCatalogue());
    // The record with the most text: long titles and abstracts are where a page grows too wide.
    slug = (await t.db.one<{ slug: string }>(
      "select slug from publications where status = 'published' order by length(abstract::text) + length(title::text) desc limit 1",
    ))!.slug;
    server = await serveApp(t.app);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await t?.close();
  });

  test('no page is wider than a 320 px screen, in any interface language', async () => {
    const org = (await t.db.one<{ slug: string }>(
      'select slug from organisations order by length(name::text) desc limit 1',
    ))!.slug;
    const topic = (await t.db.one<{ slug: string }>('select slug from topics limit 1'))!.slug;
    const paths = [
      '/',
      '/publications',
      '/publications?q=migration',
      '/publications?language=ru&kind=report',
      `/publications/${slug}`,
      `/publications/${slug}/order`,
      `/publications/${slug}/contact`,
      '/organisations',
      `/organisations/${org}`,
      `/topics/${topic}`,
      '/login',
      '/no-such-page',
    ];
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const wide: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const p of paths) {
        await page.goto(server.base + href(lang, p));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) wide.push(`${href(lang, p)}: ${width}px`);
      }
    }
    await context.close();
    assert.deepEqual(wide, []);
  });

  test('on a 390 × 844 screen the count and the first results come before the filters, which are one folded line', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.base}/publications?language=en`);
    assert.equal(await page.locator('details.facets').getAttribute('open'), null);
    assert.equal(await page.locator('.facets fieldset a').first().isVisible(), false);
    const count = await page.locator('#results [role=status]').boundingBox();
    const firstCard = await page.locator('#results .card').first().boundingBox();
    assert.ok(count && count.y < 844, `the count is on the first screen (${count?.y})`);
    assert.ok(firstCard && firstCard.y < 844, `the first result starts on the first screen (${firstCard?.y})`);
    // The chosen filter is a chip that removes it, and a filter link brings the reader back to the results.
    const chip = page.locator('.chips a').first();
    assert.match(await chip.innerText(), /English/);
    assert.equal(new URL((await chip.getAttribute('href')) ?? '', server.base).searchParams.get('language'), null);
    await page.locator('details.facets > summary').click();
    const link = page.locator('#f-kind a').first();
    assert.match((await link.getAttribute('href')) ?? '', /#results$/);
    await context.close();
  });

  test('on a wide screen the filters stand open beside the results', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/publications`);
    assert.equal(await page.locator('.facets fieldset a').first().isVisible(), true);
    assert.equal(await page.locator('details.facets > summary').isVisible(), false);
    await context.close();
  });

  test('the browse page with chosen filters, a year range and every group open passes axe-core', async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/ru/publications?language=ru&year_from=2010&year_to=2020`);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
});
