// The demo catalogue in a real browser (Debian's Chromium): accessibility (axe-core), keyboard use,
// and the weight of each page on the wire — HTML and CSS, gzip-compressed, at most 15 KB, no script.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { loadCatalogue, readCatalogue } from '../src/demo/load.ts';
import { openTestApp, type TestApp } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MAX_PAGE_BYTES = 15 * 1024;

describe('in a browser', { skip: fs.existsSync(CHROMIUM) ? false : `no ${CHROMIUM}: install Debian's chromium to run the browser tests` }, () => {
  let t: TestApp;
  let server: ServerType;
  let browser: Browser;
  let base = '';
  let itemPath = '';
  before(async () => {
    t = (await openTestApp('pglite'))!;
    await loadCatalogue(t.db, readCatalogue());
    const featured = await t.db.one<{ slug: string }>("select slug from publications where status = 'published' order by length(abstract::text) desc limit 1");
    itemPath = `/publications/${featured!.slug}`;
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await t?.close();
  });

  const pages = () => ['/', '/publications', '/publications?q=migration', '/ru/publications?q=%D1%82%D1%80%D1%83%D0%B4%D0%BE%D0%B2%D0%B0%D1%8F+%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D1%8F', '/publications?language=ru&sort=title', itemPath, `/ru${itemPath}`, `/kk${itemPath}`, '/kk/publications', '/organisations', '/topics/trafficking-in-persons', '/publications/no-such-page'];

  test('every page passes axe-core with no violations', async () => {
    // The pages' own CSP forbids injected scripts, axe's included: let the test through.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of pages()) {
      await page.goto(base + path);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, [], `${path}`);
    }
    await context.close();
  });

  test('pages work with JavaScript off and weigh at most 15 KB gzipped, stylesheet included', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of pages()) {
      const scripts: string[] = [];
      let bytes = 0;
      page.on('response', async (r) => {
        if (r.request().resourceType() === 'script') scripts.push(r.url());
      });
      const res = await page.goto(base + path);
      const html = await res!.body();
      const cssHref = await page.getAttribute('link[rel=stylesheet]', 'href');
      const css = await (await fetch(base + cssHref)).arrayBuffer();
      bytes = gzipSync(html).length + gzipSync(Buffer.from(css)).length;
      assert.ok(bytes <= MAX_PAGE_BYTES, `${path}: ${bytes} bytes gzipped`);
      assert.deepEqual(scripts, [], `${path} loads no script`);
      assert.ok(await page.locator('main h1').count() === 1, `${path} has one h1 in main`);
      page.removeAllListeners('response');
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
