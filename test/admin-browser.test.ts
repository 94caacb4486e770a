// The staff pages and the readers' request forms in a real browser (Debian's Chromium): no axe-core
// violations, no script, at most 15 KB gzipped with their stylesheets, and usable by keyboard alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { setupLink } from '../src/auth/setup-link.ts';
import { checkFileStore } from '../src/backup/fixity.ts';
import { loadCatalogue, readCatalogue } from '../src/demo/load.ts';
import type { LocalFileStore } from '../src/files/store.ts';
import { createUser } from '../src/store/users.ts';
import {
  axeViolations,
  launchChromium,
  MAX_PAGE_BYTES,
  pageWeight,
  serveApp,
  skipWithoutChromium,
  staffContext as signedIn,
} from './browser-helpers.ts';
import { makePublication, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';
import { login, makeUser, openStaffApp, PASSWORD } from './staff-helpers.ts';

describe('staff pages in a browser', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  let base = '';
  let cookie = '';
  let staffPages: string[] = [];
  let publicPages: string[] = [];
  let editSlug = '';
  before(async () => {
    t = (await openStaffApp('pglite'))!;
    await loadCatalogue(t.db, readCatalogue());
    const email = await makeUser(t, 'admin');
    const admin = await login(t, email);
    cookie = admin.cookie.split('=')[1]!;
    // The richest record of the demo: the heaviest edit page.
    const slug = (await t.db.one<{ slug: string }>(
      "select slug from publications where status = 'published' order by length(abstract::text) + length(title::text) desc limit 1",
    ))!.slug;
    await t.db.query('update publications set print_on_request = true where slug = $1', [slug]);
    // Ingest jobs in each state the pages show: done (a file), failed (a reason), and one still waiting.
    await admin.upload(
      `/admin/publications/${slug}/files`,
      { language: 'en' },
      { name: 'report.pdf', bytes: reportPdf('A report', { Title: 'A report', Author: 'A. Author' }) },
    );
    await admin.upload(
      `/admin/publications/${slug}/files`,
      {},
      { name: 'page.pdf', bytes: '<!doctype html><p>not a PDF</p>' },
    );
    await runQueuedJobs(t);
    await admin.upload(`/admin/publications/${slug}/files`, {}, { name: 'waiting.pdf', bytes: reportPdf('Waiting') });
    const [done, failed, waiting] = (await t.db.query<{ id: number }>('select id from ingest_jobs order by id')).map(
      (j) => j.id,
    );
    await t.get(`/publications/${slug}/order`, {
      method: 'POST',
      body: new URLSearchParams({
        name: 'A Reader',
        email: 'a@reader.test',
        quantity: '3',
        postal_address: 'Somewhere 1',
      }),
      headers: { Origin: 'http://localhost' },
    });
    const request = (await t.db.one<{ id: number }>('select id from reader_requests'))!.id;
    // Issue 18: a request with a note and a reply that could not be sent (no mail server here) shows its thread.
    await admin.post(`/admin/requests/${request}/notes`, { note: 'Three copies are in the store room.' });
    await admin.post(`/admin/requests/${request}/reply`, { subject: 'Your order', body: 'Sent today.' });
    editSlug = slug;
    // Issue 16: the file checks page with a clean check and one that found a damaged file.
    await checkFileStore(t.db, t.deps.files, 'command');
    const rotten = (await t.db.one<{ sha256: string }>('select sha256 from files order by id limit 1'))!.sha256;
    fs.writeFileSync((t.deps.files as LocalFileStore).pathOf(rotten), 'a failing disk');
    await checkFileStore(t.db, t.deps.files, 'schedule');
    const user = (await createUser(t.db, { email: 'newcomer@staff.test', role: 'editor' }))!;
    const setup = new URL(await setupLink(t.db, user.id, 'http://localhost')).pathname;
    staffPages = [
      '/admin',
      '/admin/publications/new',
      `/admin/publications/${slug}`,
      `/ru/admin/publications/${slug}`,
      `/admin/publications/${slug}/history`,
      '/admin/requests',
      `/admin/requests/${request}`,
      `/ky/admin/requests/${request}`,
      '/admin/users',
      '/admin/users/new',
      '/kk/admin',
      // A waiting job's page refreshes itself only on request (?refresh=1, which axe's meta-refresh rule
      // would count against it): test/admin-ingest.test.ts checks that.
      `/admin/jobs/${done}`,
      `/ru/admin/jobs/${failed}`,
      `/admin/jobs/${waiting}`,
      // Issue 18: finding work and translations.
      '/admin?q=USAID&sort=title',
      '/ru/admin?missing=kk&status=published',
      '/admin/translations',
      `/admin/publications/${slug}/translate?field=abstract`,
      `/ky/admin/publications/${slug}/translate?field=title&lang=ky`,
      '/admin/fixity',
      '/ky/admin/fixity',
    ];
    // Issue 18: the entity lists and the most used entity of each type.
    for (const [type, table, lang] of [
      ['organisations', 'organisations', ''],
      ['people', 'people', '/ru'],
      ['projects', 'projects', '/kk'],
      ['topics', 'topics', ''],
    ] as const) {
      const id = (await t.db.one<{ id: number }>(
        `select e.id from ${table} e order by (select count(*) from publication_${table === 'people' ? 'people' : table} l where l.${table === 'people' ? 'person' : table.slice(0, -1)}_id = e.id) desc, e.id limit 1`,
      ))!.id;
      staffPages.push(`${lang}/admin/${type}`, `${lang}/admin/${type}/${id}`);
    }
    publicPages = [
      '/login',
      '/ru/login',
      setup,
      `/publications/${slug}/order`,
      `/ru/publications/${slug}/contact`,
      `/publications/${slug}/order?sent=1`,
      `/publications/${slug}`,
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

  const staffContext = (opts: Parameters<Browser['newContext']>[0] = {}) => signedIn(browser, base, cookie, opts);

  test('every staff and request page passes axe-core with no violations', async () => {
    const context = await staffContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of [...staffPages, ...publicPages]) {
      const res = await page.goto(base + path);
      assert.equal(res!.status(), 200, path);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], path);
    }
    await context.close();
  });

  test('they work without JavaScript and weigh at most 15 KB gzipped, stylesheets included', async () => {
    const context = await staffContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of [...staffPages, ...publicPages]) {
      const { bytes, scripts, h1s } = await pageWeight(page, base, path);
      assert.ok(bytes <= MAX_PAGE_BYTES, `${path}: ${bytes} bytes gzipped`);
      assert.deepEqual(scripts, [], `${path} loads no script`);
      assert.equal(h1s, 1, `${path} has one h1 in main`);
    }
    await context.close();
  });

  test('the uploads list updates itself while a file is read (static/jobs.js under the CSP), within the budget', async () => {
    const context = await staffContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const path = `/admin/publications/${editSlug}`;
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.url());
    });
    const res = await page.goto(base + path);
    assert.equal(res!.status(), 200);
    assert.equal(await page.locator('#jobs[data-live]').count(), 1, 'an upload is waiting');
    assert.match((await page.locator('#jobs').textContent()) ?? '', /waiting\.pdf · waiting/);
    assert.equal(scripts.length, 1, 'one small script');
    const script = await (await fetch(scripts[0]!)).arrayBuffer();
    const { bytes } = await pageWeight(page, base, path);
    const total = bytes + gzipSync(Buffer.from(script)).length;
    assert.ok(total <= MAX_PAGE_BYTES, `${path} with its script: ${total} bytes gzipped`);
    // The job runs on the server; the list on the open page follows without a reload.
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await runQueuedJobs(t);
    await page.waitForSelector('#jobs:not([data-live])');
    assert.match((await page.locator('#jobs').textContent()) ?? '', /waiting\.pdf · done/);
    assert.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 1, 'not reloaded');
    assert.deepEqual(errors, [], 'no CSP or script error');
    await context.close();
  });

  test('the staff list fits a 320 px screen; without script, rows are checked and sent to review', async () => {
    const context = await staffContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of ['/admin?missing=ru', '/admin/translations', '/ru/admin/translations']) {
      await page.goto(base + path);
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        `${path} scrolls sideways at 320 px`,
      );
    }
    for (const title of ['Bulk one', 'Bulk two'])
      await makePublication(t.db, {
        status: 'draft',
        slug: title.toLowerCase().replace(' ', '-'),
        title: { en: title },
      });
    const drafts = await t.db.query<{ id: number }>("select id from publications where slug like 'bulk-%'");
    await page.goto(`${base}/admin?status=draft&q=bulk`);
    for (const d of drafts) await page.check(`#c-${d.id}`);
    await page.selectOption('#b-action', 'review');
    await page.locator('fieldset button[type=submit]').click();
    await page.waitForURL(/\/admin\/bulk$/);
    assert.match((await page.locator('main').textContent()) ?? '', /2 changed/);
    const statuses = await t.db.query<{ status: string }>("select status from publications where slug like 'bulk-%'");
    assert.deepEqual(
      statuses.map((r) => r.status),
      ['in_review', 'in_review'],
    );
    await context.close();
  });

  test('keyboard alone: log in, create a draft, and see it saved', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const email = await makeUser(t, 'contributor');
    await page.goto(`${base}/login`);
    await page.focus('#email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin$/);
    await page.goto(`${base}/admin/publications/new`);
    await page.focus('#f-title-en');
    await page.keyboard.type('Typed by keyboard');
    await page.focus('#f-people-0-name');
    await page.keyboard.type('Key Board');
    await page.locator('form.stack button[type=submit]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/publications\/typed-by-keyboard\?saved=1/);
    assert.match(await page.locator('h1').innerText(), /Typed by keyboard/);
    assert.equal(await page.locator('#f-people-0-name').inputValue(), 'Key Board');
    await page.close();
  });
});
