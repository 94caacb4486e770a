// The statistics pages, the donor report and the privacy page in a real browser (Debian's Chromium): no
// axe-core violations, no script, at most 15 KB gzipped with their stylesheets, no horizontal scroll at
// 320 px, the chart drawn, and the donor report printed to one clean A4 PDF.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { parseMapping } from '../src/stats/access-log.ts';
import { importAccessLog } from '../src/stats/import-log.ts';
import {
  axeViolations,
  launchChromium,
  MAX_PAGE_BYTES,
  pageWeight,
  serveApp,
  skipWithoutChromium,
  staffContext,
} from './browser-helpers.ts';
import type { TestApp } from './helpers.ts';
import { makeStatsCatalogue, OLD_ADDRESS, syntheticLog } from './stats-helpers.ts';
import { login, makeUser, openStaffApp } from './staff-helpers.ts';

describe('statistics pages in a browser', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  let base = '';
  let cookie = '';
  let pages: string[] = [];
  before(async () => {
    t = (await openStaffApp('pglite'))!;
    const c = await makeStatsCatalogue(t);
    async function* lines() {
      yield* syntheticLog(c);
    }
    await importAccessLog(t.db, lines(), parseMapping(`${OLD_ADDRESS} /publications/beta/files/${c.b1}/beta.pdf`));
    cookie = (await login(t, await makeUser(t, 'editor'))).cookie.split('=')[1]!;
    const funder = (await t.db.one<{ slug: string }>(
      "select o.slug from organisations o join publication_organisations po on po.organisation_id = o.id and po.role = 'funder' order by o.slug desc limit 1",
    ))!.slug;
    pages = [
      '/admin/stats?from=2023-04&to=2024-03',
      '/ru/admin/stats?from=2024-01&to=2024-03',
      `/kk/admin/stats/donor?funder=${funder}&from=2024-01&to=2024-06`,
      `/admin/stats/donor?funder=${funder}&from=2023-04&to=2024-03`,
      '/privacy',
      '/ru/privacy',
      '/kk/privacy',
    ];
    server = await serveApp(t.app);
    base = server.base;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await t?.close();
  });

  test('axe-clean, no script, within the page budget, no horizontal scroll at 320 px', async () => {
    const context = await staffContext(browser, base, cookie, {
      bypassCSP: true,
      viewport: { width: 320, height: 640 },
    });
    const page = await context.newPage();
    for (const path of pages) {
      const { status, bytes, scripts } = await pageWeight(page, base, path);
      assert.equal(status, 200, path);
      assert.ok(bytes <= MAX_PAGE_BYTES, `${path}: ${bytes} bytes gzipped`);
      assert.deepEqual(scripts, [], `${path} loads no script`);
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        `${path} scrolls sideways at 320 px`,
      );
      if (path.includes('/admin/stats')) {
        // The chart is drawn: a bar for March 2024's views, as tall as its share of the axis.
        assert.ok((await page.locator('svg[role=img] rect.bar-v').count()) >= 3, path);
        assert.ok(
          (await page
            .locator('svg[role=img] rect.bar-v >> nth=-1')
            .evaluate((r) => (r as SVGRectElement).getBBox().height)) >= 0,
        );
      }
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], path);
    }
    await context.close();
  });

  test('the donor report prints to one A4 page without the site navigation', async () => {
    const context = await staffContext(browser, base, cookie);
    const page = await context.newPage();
    await page.goto(base + pages[3]!);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header.site').isVisible(), false);
    assert.equal(await page.locator('nav.admin-nav').isVisible(), false);
    assert.equal(await page.locator('h1').isVisible(), true);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const text = pdf.toString('latin1');
    const pageCount = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    assert.ok(box, 'a MediaBox');
    // A4 is 595.28 × 841.89 points.
    assert.ok(
      Math.abs(Number(box[1]) - 595.28) < 2 && Math.abs(Number(box[2]) - 841.89) < 2,
      `page size ${box[1]} × ${box[2]}`,
    );
    assert.ok(pageCount >= 1 && pageCount <= 2, `${pageCount} pages`);
    await context.close();
  });
});
