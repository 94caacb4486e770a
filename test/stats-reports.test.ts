// The staff statistics pages, their CSV, the donor report and the public privacy page, over HTTP on both
// databases, with the hand-worked synthetic log as the usage.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseMapping } from '../src/stats/access-log.ts';
import { importAccessLog } from '../src/stats/import-log.ts';
import { csvField } from '../src/admin/stats/csv.ts';
import { countriesInstalled } from '../src/stats/country.ts';
import { BACKENDS, openTestApp, type TestApp } from './helpers.ts';
import { EXPECTED, makeStatsCatalogue, OLD_ADDRESS, syntheticLog } from './stats-helpers.ts';
import { login, makeUser, openStaffApp, type Agent } from './staff-helpers.ts';

const MARCH = 'from=2024-03&to=2024-03';

test('CSV fields are quoted when needed and cannot start a spreadsheet formula', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a, "b"'), '"a, ""b"""');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField(12), '12');
});

for (const backend of BACKENDS) {
  describe(`statistics pages on ${backend}`, () => {
    let t: TestApp | null;
    let staff: Agent;
    let usaid = '';
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      const c = await makeStatsCatalogue(t);
      async function* lines() {
        yield* syntheticLog(c);
      }
      await importAccessLog(t.db, lines(), parseMapping(`${OLD_ADDRESS} /publications/beta/files/${c.b1}/beta.pdf`));
      staff = await login(t, await makeUser(t, 'contributor'));
      usaid = (await t.db.one<{ slug: string }>(
        "select slug from organisations where name->>'en' = 'USAID' or name::text like '%USAID%'",
      ))!.slug;
    });
    after(async () => t?.close());

    test('the overview: totals, a chart with its table, every dimension, CSV links', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await staff.get(`/admin/stats?${MARCH}`);
      assert.equal(r.status, 200);
      const html = await r.text();
      assert.match(html, /<h1>Usage statistics<\/h1>/);
      assert.match(html, /<svg[^>]*role="img"[^>]*aria-label="Views and downloads by month, 2024-03 to 2024-03"/);
      for (const n of [
        EXPECTED.total.investigations,
        EXPECTED.total.unique_investigations,
        EXPECTED.total.requests,
        EXPECTED.total.unique_requests,
      ]) {
        assert.match(html, new RegExp(`<strong>${n}</strong>`));
      }
      assert.match(
        html,
        /<th scope="row">Alpha report<\/th><td class="n">8<\/td><td class="n">5<\/td><td class="n">4<\/td><td class="n">3<\/td>/,
      );
      assert.match(html, /alpha-ru\.pdf \(ru\)/);
      assert.match(html, /USAID/);
      for (const d of ['month', 'year', 'publication', 'file', 'funder', 'project', 'country'])
        assert.match(html, new RegExp(`/admin/stats/${d}\\.csv\\?from=2024-03`));
      assert.match(html, /By topic<\/h2><p>No usage in this period.<\/p>/); // the test catalogue has no topics
      assert.equal((await staff.get('/admin/stats?from=2024-13')).status, 400);
      assert.equal((await staff.get('/admin/stats?from=2024-05&to=2024-03')).status, 400);
      const ru = await (await staff.get(`/ru/admin/stats?${MARCH}`)).text();
      assert.match(ru, /<h1>Статистика использования<\/h1>/);
    });

    test('CSV of a table, and a funder narrowing everything to what it funded', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await staff.get(`/admin/stats/publication.csv?${MARCH}`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^text\/csv/);
      const rows = (await r.text())
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      assert.deepEqual(rows, [
        'publication,Name,investigations,unique_investigations,requests,unique_requests',
        'alpha,Alpha report,8,5,4,3',
        'beta,Beta handbook,4,2,3,2',
      ]);
      const funded = await (await staff.get(`/admin/stats/publication.csv?${MARCH}&funder=${usaid}`)).text();
      assert.match(funded, /alpha,Alpha report,8,5,4,3/);
      assert.doesNotMatch(funded, /beta/);
      assert.equal((await staff.get(`/admin/stats/bogus.csv?${MARCH}`)).status, 404);
    });

    test('the donor report: one page for a funder and a period', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await staff.get(`/admin/stats/donor?funder=${usaid}&${MARCH}`);
      assert.equal(r.status, 200);
      const html = await r.text();
      assert.match(html, /Reach of the publications funded by USAID/);
      assert.match(html, /Period: 2024-03 to 2024-03/);
      assert.match(html, /<a href="\/publications\/alpha">Alpha report<\/a> \(2019\)/);
      assert.match(html, /alpha-en\.pdf \(en\)[^<]*<\/th><td class="n">3<\/td>/);
      assert.doesNotMatch(html, /Beta handbook/);
      // Every table of the report in full as CSV, for the same funder and period.
      for (const d of ['month', 'file', 'country', 'publication'])
        assert.match(
          html,
          new RegExp(`href="/admin/stats/${d}\\.csv\\?from=2024-03&amp;to=2024-03&amp;funder=${usaid}"`),
        );
      const files = await (await staff.get(`/admin/stats/file.csv?${MARCH}&funder=${usaid}`)).text();
      assert.match(files, /alpha-en\.pdf/);
      assert.doesNotMatch(files, /beta\.pdf/);
      assert.equal((await staff.get(`/admin/stats/donor?${MARCH}`)).status, 400);
    });

    test('readers and the logged-out see none of it; the privacy page is public in three languages', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const anon = await t.get('/admin/stats');
      assert.equal(anon.status, 303);
      assert.match(anon.headers.get('location') ?? '', /^\/login/);
      assert.equal((await t.get('/admin/stats/month.csv')).status, 303);
      for (const [path, title] of [
        ['/privacy', 'Privacy and usage statistics'],
        ['/ru/privacy', 'Личные данные и статистика использования'],
        ['/kk/privacy', 'Құпиялылық және пайдалану статистикасы'],
        ['/ky/privacy', 'Купуялуулук жана колдонуу статистикасы'],
      ]) {
        const p = await t.get(path);
        assert.equal(p.status, 200, path);
        const html = await p.text();
        assert.match(html, new RegExp(`<h1>${title}</h1>`));
        assert.match(html, /IP/);
        // The IP-to-country data is CC BY 4.0: credited where it is used, when it is installed.
        if (countriesInstalled()) assert.match(html, /href="https:\/\/www\.nro\.net\/">NRO<\/a>/);
      }
      assert.match(await (await t.get('/')).text(), /href="\/privacy"/);
    });
  });
}

for (const backend of BACKENDS) {
  test(`the readers' "Views · Downloads" line on ${backend}: off by default, on by STATS_ON_ITEM_PAGES`, async (ctx) => {
    const on = await openTestApp(backend, { STATS_ON_ITEM_PAGES: 'true' });
    if (!on) return ctx.skip('PostgreSQL not reachable');
    try {
      const c = await makeStatsCatalogue(on);
      async function* lines() {
        yield* syntheticLog(c);
      }
      await importAccessLog(on.db, lines(), parseMapping(`${OLD_ADDRESS} /publications/beta/files/${c.b1}/beta.pdf`));
      assert.match(await (await on.get('/publications/alpha')).text(), /<p class="usage">Views: 8 · Downloads: 4<\/p>/);
      assert.match(
        await (await on.get('/ru/publications/beta')).text(),
        /<p class="usage">Просмотры: 4 · Скачивания: 3<\/p>/,
      );
    } finally {
      await on.close();
    }
    const off = (await openTestApp(backend))!;
    try {
      await makeStatsCatalogue(off);
      assert.doesNotMatch(await (await off.get('/publications/alpha')).text(), /class="usage"/);
    } finally {
      await off.close();
    }
  });
}
