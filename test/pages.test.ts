// The public pages, on PGlite and on the PostgreSQL server: what a reader sees with JavaScript off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

for (const backend of BACKENDS) {
  describe(`pages on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      const db = t.db;
      await makePublication(db, {
        slug: 'labour-report-2017',
        kind: 'report',
        year: 2017,
        pages: 180,
        formats: ['pdf'],
        languages: ['en', 'ru'],
        featured: true,
        title: { en: 'Labour Migration in Central Asia', ru: 'Трудовая миграция в Центральной Азии' },
        subtitle: { en: 'Assessing needs' },
        abstract: { en: 'An assessment of returning workers.', kk: 'Қайтып оралған жұмысшылар туралы.' },
        people: [
          { name: 'Aigerim Sultanova', role: 'author' },
          { name: 'Doriana Berkovic', role: 'illustrator' },
        ],
        organisations: [
          { name: 'International Organization for Migration', abbreviation: 'IOM', role: 'publisher' },
          { name: 'United States Agency for International Development', abbreviation: 'USAID', role: 'funder' },
        ],
        projects: [{ name: 'Dignity and Rights' }],
        series: 'Regional Field Assessment, Phase II',
        topics: ['labour-migration'],
        countries: ['KZ', 'KG'],
        identifiers: [{ scheme: 'isbn', value: '978-601-0000-00-0' }],
        download: true,
        print_on_request: true,
      });
      await makePublication(db, {
        slug: 'labour-summary-2017',
        kind: 'executive-summary',
        year: 2017,
        title: { en: 'Labour Migration: Executive Summary' },
        relations: [{ type: 'executiveSummaryOf', target: 'labour-report-2017' }],
        languages: ['en'],
      });
      await makePublication(db, {
        slug: 'glossary-2011',
        kind: 'glossary',
        year: 2011,
        title: { en: 'Glossary on Migration' },
        languages: ['ru'],
        topics: ['terminology'],
      });
      await makePublication(db, {
        slug: 'draft-thing',
        kind: 'report',
        status: 'draft',
        title: { en: 'Unpublished draft' },
      });
      await makePublication(db, {
        slug: 'gone-2010',
        kind: 'report',
        status: 'withdrawn',
        withdrawn_reason: 'superseded by the 2017 edition',
        title: { en: 'Withdrawn report' },
      });
      await makePublication(db, {
        slug: 'xss',
        kind: 'poster',
        year: 2015,
        title: { en: '<script>alert(1)</script> & "quotes"' },
        people: [{ name: '<img src=x onerror=alert(1)>', role: 'author' }],
      });
    });
    after(async () => t?.close());

    const page = async (path: string) => {
      const r = await t!.get(path);
      return { status: r.status, type: r.headers.get('content-type') ?? '', html: await r.text() };
    };

    test('home shows featured and newest published publications, never drafts', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const { status, html } = await page('/');
      assert.equal(status, 200);
      assert.match(html, /Featured[\s\S]*Labour Migration in Central Asia/);
      assert.match(html, /Glossary on Migration/);
      assert.doesNotMatch(html, /Unpublished draft/);
      assert.doesNotMatch(html, /Withdrawn report/);
      assert.match(
        html,
        /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/feed\.atom"/,
        'feed readers find the feed',
      );
    });

    test('browse filters by each facet, shows counts, sorts and pages', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const all = await page('/publications');
      assert.match(all.html, /4 publications/);
      assert.match(all.html, /href="\/publications\?year=2017#results"[^>]*>2017<\/a> <span class="muted">\(2\)/);
      const cases: Array<[string, string[], string[]]> = [
        ['year=2011', ['Glossary on Migration'], ['Labour Migration in Central Asia']],
        ['language=ru', ['Glossary on Migration', 'Labour Migration in Central Asia'], ['Executive Summary']],
        ['kind=executive-summary', ['Executive Summary'], ['Glossary on Migration']],
        ['topic=labour-migration', ['Labour Migration in Central Asia'], ['Glossary on Migration']],
        ['country=kz', ['Labour Migration in Central Asia'], ['Glossary on Migration']],
        ['funder=usaid', ['Labour Migration in Central Asia'], ['Glossary on Migration']],
        ['project=dignity-and-rights', ['Labour Migration in Central Asia'], ['Glossary on Migration']],
        ['year=2017&kind=report', ['Labour Migration in Central Asia'], ['Executive Summary']],
        ['q=glossary', ['Glossary on Migration'], ['Labour Migration in Central Asia']],
      ];
      for (const [query, present, absent] of cases) {
        const { status, html } = await page(`/publications?${query}`);
        assert.equal(status, 200, query);
        for (const s of present) assert.ok(html.includes(s), `${query} should list ${s}`);
        for (const s of absent) assert.ok(!html.includes(`>${s}<`), `${query} should not list ${s}`);
      }
      const oldest = await page('/publications?sort=oldest');
      assert.ok(oldest.html.indexOf('Glossary on Migration') < oldest.html.indexOf('Labour Migration in Central Asia'));
      const newest = await page('/publications?sort=newest');
      assert.ok(newest.html.indexOf('Glossary on Migration') > newest.html.indexOf('Labour Migration in Central Asia'));
      const p1 = await page('/publications?per_page=3');
      assert.match(p1.html, /Page 1 of 2/);
      assert.match(p1.html, /rel="next" href="\/publications\?per_page=3&amp;page=2"/);
      const p2 = await page('/publications?per_page=3&page=2');
      assert.match(p2.html, /Page 2 of 2/);
      assert.equal((p2.html.match(/class="card"/g) ?? []).length, 1);
    });

    test('the item page shows every field, files, and relations from both ends', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const { status, html } = await page('/publications/labour-report-2017');
      assert.equal(status, 200);
      for (const s of [
        'Labour Migration in Central Asia',
        'Assessing needs',
        'An assessment of returning workers.',
        'Aigerim Sultanova',
        'Illustrators',
        'href="/people/aigerim-sultanova"',
        'href="/organisations/iom"',
        'href="/organisations/usaid"',
        'Funders',
        'href="/projects/dignity-and-rights"',
        'href="/topics/labour-migration"',
        'Regional Field Assessment, Phase II',
        '180',
        'Kazakhstan',
        'Kyrgyzstan',
        'English, Russian',
        '978-601-0000-00-0',
        'Print copies on request',
        'Free download',
        'Executive summaries',
        'href="/publications/labour-summary-2017"',
      ]) {
        assert.ok(html.includes(s), `item page should show ${s}`);
      }
      const summary = await page('/publications/labour-summary-2017');
      assert.match(summary.html, /Executive summary of[\s\S]*href="\/publications\/labour-report-2017"/);
    });

    test('entity pages list their publications', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const [path, name] of [
        ['/organisations/usaid', 'United States Agency for International Development'],
        ['/people/aigerim-sultanova', 'Aigerim Sultanova'],
        ['/projects/dignity-and-rights', 'Dignity and Rights'],
        ['/topics/labour-migration', 'labour migration'],
      ]) {
        const { status, html } = await page(path);
        assert.equal(status, 200, path);
        assert.ok(html.includes(name), `${path} names ${name}`);
        assert.ok(html.includes('Labour Migration in Central Asia'), `${path} lists its publication`);
      }
      const idx = await page('/organisations');
      assert.match(idx.html, /href="\/organisations\/iom"/);
      assert.equal((await page('/people/nobody')).status, 404);
    });

    test('Russian and Kazakh pages: translated interface, hreflang, switcher keeps the page, values fall back', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const ru = await page('/ru/publications/labour-report-2017?x=1');
      assert.equal(ru.status, 200);
      assert.match(ru.html, /<html lang="ru">/);
      assert.match(ru.html, /Трудовая миграция в Центральной Азии/, 'the Russian title is chosen');
      assert.match(
        ru.html,
        /<span lang="en">Assessing needs<\/span>|lang="en"[^>]*>Assessing needs/,
        'the English-only subtitle falls back, marked with its language',
      );
      assert.match(
        ru.html,
        /hreflang="kk" href="http:\/\/localhost\/kk\/publications\/labour-report-2017"\/>/,
        "an item page's alternates name its canonical addresses, without the query",
      );
      assert.match(ru.html, /href="\/kk\/publications\/labour-report-2017\?x=1" hreflang="kk"/);
      assert.match(ru.html, /href="\/publications\/labour-report-2017\?x=1" hreflang="en"/);
      const kk = await page('/kk/publications/labour-report-2017');
      assert.match(kk.html, /<html lang="kk">/);
      assert.match(kk.html, /Қайтып оралған жұмысшылар туралы/, 'the Kazakh abstract is chosen');
      const ruList = await page('/ru/publications');
      assert.match(ruList.html, /4 публикации/);
      assert.match(ruList.html, /href="\/ru\/publications\/glossary-2011"/);
    });

    test('unknown slugs give a 404 page in the reader’s language', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const en = await page('/publications/no-such-thing');
      assert.equal(en.status, 404);
      assert.match(en.html, /Page not found/);
      const ru = await page('/ru/publications/no-such-thing');
      assert.equal(ru.status, 404);
      assert.match(ru.html, /<html lang="ru">/);
      assert.doesNotMatch(ru.html, /Page not found/);
      assert.equal((await page('/kk/nowhere/at/all')).status, 404);
      assert.equal((await page('/publications/draft-thing')).status, 404, 'drafts are not public');
    });

    test('a withdrawn publication leaves a 410 tombstone with its reason', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await page('/publications/gone-2010');
      assert.equal(r.status, 410);
      assert.match(r.html, /superseded by the 2017 edition/);
    });

    test('malformed query parameters give 400 with the parameter named, never 500', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const q of [
        'year=abc',
        'year=20170',
        'language=xx',
        'kind=novel',
        'page=0',
        'page=-1',
        'per_page=1000',
        'country=Kazakhstan',
        'topic=%3Cscript%3E',
        `q=${'a'.repeat(10_001)}`,
        'sort=random',
      ]) {
        const r = await page(`/publications?${q}`);
        assert.equal(r.status, 400, q);
        assert.match(r.html, new RegExp(`parameter “${q.split('=')[0]}”`), q);
      }
      assert.equal((await page('/topics/labour-migration?page=x')).status, 400);
    });

    test('markup in titles and names is shown as text everywhere', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const path of ['/', '/publications', '/publications/xss', '/people', '/ru/publications?kind=poster']) {
        const { html } = await page(path);
        assert.ok(!html.includes('<script>alert(1)'), `${path} must not contain a live script`);
        assert.ok(!html.includes('<img src=x'), `${path} must not contain a live img`);
      }
      const item = await page('/publications/xss');
      assert.ok(item.html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
      const api = (await (await t!.get('/api/v1/publications/xss')).json()) as { title: string };
      assert.equal(api.title, '<script>alert(1)</script> & "quotes"', 'the API returns the text itself, as JSON');
    });

    test('pages carry security headers and a cacheable stylesheet', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await t!.get('/publications');
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      const css = (await r.text()).match(/href="(\/static\/kitap\.[0-9a-f]+\.css)"/)![1]!;
      const s = await t!.get(css);
      assert.equal(s.status, 200);
      assert.match(s.headers.get('cache-control')!, /immutable/);
    });

    test('an over-large request body is refused with 413', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await t!.get('/api/v1/publications', {
        method: 'POST',
        body: 'x'.repeat(2 * 1024 * 1024),
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(r.status, 413);
      const body = (await r.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'too_large');
    });

    test('healthz answers', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await t!.get('/healthz');
      assert.equal(r.status, 200);
    });
  });
}
