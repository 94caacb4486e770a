// The staff import pages in a real browser: axe-core finds nothing, a preview of a typical page (30 cards with
// authors, places and file links) weighs at most 15 KB gzipped without JavaScript, and nothing scrolls sideways
// at 320 px but the table, inside its own region.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  axeViolations,
  launchChromium,
  MAX_PAGE_BYTES,
  pageWeight,
  serveApp,
  skipWithoutChromium,
  staffContext as signedIn,
} from './browser-helpers.ts';
import type { TestApp } from './helpers.ts';
import { location, login, makeUser, openStaffApp } from './staff-helpers.ts';

const TOPICS = ['Labour Migration', 'Remittances', 'Border Health', 'Return and Reintegration', 'Migrant Children'];
const PLACES = ['Bishkek', 'Almaty', 'Astana', 'Dushanbe', 'Tashkent'];

/** A page of 30 cards as an office's old site lists them, with its menu and pagination. */
function typicalPage(): string {
  const cards = Array.from({ length: 30 }, (_, i) =>
    [
      `${TOPICS[i % 5]} in Central Asia: Findings of Survey ${i + 1}`,
      `${PLACES[i % 5]}, ${2010 + (i % 14)}`,
      'Author: Aigerim Sultanova; Daniyar Abdrakhmanov',
      `Number of pages: ${20 + i * 3}`,
      'Language: English, Russian',
      `Year of publication: ${2010 + (i % 14)}`,
      `https://old-site.example.org/images/docs/publications/survey-${i + 1}.pdf`,
    ].join('\n'),
  );
  return [
    'Home | About us | Publications | Contacts',
    '',
    'Publications',
    '',
    cards.join('\n\n'),
    '',
    'Showing 1–30 of 30',
  ].join('\n');
}

describe('staff import pages in a browser', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  let base = '';
  let cookie = '';
  let batch = '';
  before(async () => {
    t = (await openStaffApp('pglite'))!;
    const staff = await login(t, await makeUser(t, 'editor'));
    cookie = staff.cookie.split('=')[1]!;
    const r = await staff.upload(
      '/admin/import',
      {},
      { name: 'publications.txt', bytes: typicalPage(), type: 'text/plain' },
    );
    assert.equal(r.status, 303);
    batch = location(r);
    server = await serveApp(t.app);
    base = server.base;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await t?.close();
  });

  const staffContext = (opts: Parameters<Browser['newContext']>[0] = {}) => signedIn(browser, base, cookie, opts);

  test('the preview holds the whole page of 30 records; a longer one is paged', async () => {
    const html = await (await t.get(batch, { headers: { Cookie: `kitap_session=${cookie}` } })).text();
    assert.match(html, /30 records proposed, 30 ticked/);
    assert.equal((html.match(/name="r\d+\.title"/g) ?? []).length, 30, 'one page of the table');
    assert.match(html, /value="https:\/\/old-site\.example\.org\/images\/docs\/publications\/survey-1\.pdf"/);
  });

  test('axe-core finds no violation on the form, the preview (in Russian too) and a refused source', async () => {
    const context = await staffContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of ['/admin/import', batch, `/ru${batch}`, `/kk${batch}?page=2`]) {
      const res = await page.goto(base + path);
      assert.equal(res!.status(), 200, path);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    await page.goto(`${base}/admin/import`);
    await page.fill('#f-text', 'Welcome to our library.');
    await Promise.all([page.waitForNavigation(), page.click('form.stack button[type=submit]')]);
    assert.match(await page.content(), /Nothing on this page looks like a publication/);
    assert.deepEqual(await axeViolations(page), [], 'the refused source');
    await context.close();
  });

  test('without JavaScript: at most 15 KB gzipped, no script, one h1', async () => {
    const context = await staffContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of ['/admin/import', batch, `/ru${batch}`]) {
      const { status, bytes, scripts, h1s } = await pageWeight(page, base, path);
      assert.equal(status, 200, path);
      assert.ok(bytes <= MAX_PAGE_BYTES, `${path}: ${bytes} bytes gzipped`);
      if (process.env.SHOW_WEIGHT) console.log(path, bytes);
      assert.deepEqual(scripts, [], path);
      assert.equal(h1s, 1, path);
    }
    await context.close();
  });

  test('at 320 px the page does not scroll sideways; the table scrolls in its own region', async () => {
    const context = await staffContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of ['/admin/import', batch]) {
      await page.goto(base + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path}: ${width} px wide`);
    }
    const region = await page.locator('.table-scroll').evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(region[0]! > region[1]!, `the table scrolls inside its region: ${region.join(' > ')}`);
    await context.close();
  });
});
