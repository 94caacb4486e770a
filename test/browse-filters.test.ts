// Filters a reader can see and undo: a year range, chosen filters as chips, long groups folded behind "show all".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

const titles = (html: string) => [...html.matchAll(/<h2[^>]*><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]).sort();

for (const backend of BACKENDS) {
  describe(`browse filters on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      for (const [title, year] of [
        ['Early study', 2005],
        ['Middle study', 2012],
        ['Late study', 2019],
      ] as const) {
        await makePublication(t.db, {
          title: { en: title },
          year,
          status: 'published',
          topics: Array.from({ length: 10 }, (_, i) => `theme-${year}-${i}`),
        });
      }
    });
    after(() => t?.close());

    test('a year range keeps the publications of those years, on the page and in the API', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.deepEqual(titles(await (await t.get('/publications?year_from=2010')).text()), [
        'Late study',
        'Middle study',
      ]);
      assert.deepEqual(titles(await (await t.get('/publications?year_to=2012')).text()), [
        'Early study',
        'Middle study',
      ]);
      assert.deepEqual(titles(await (await t.get('/publications?year_from=2010&year_to=2015')).text()), [
        'Middle study',
      ]);
      const api = (await (await t.get('/api/v1/publications?year_from=2010&year_to=2015')).json()) as { total: number };
      assert.equal(api.total, 1);
      const bad = await t.get('/publications?year_from=soon');
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /year_from/);
    });

    test('chosen filters are chips that remove them, with "clear all"; a long group folds behind "show all"', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const html = await (await t.get('/publications?kind=report&year_from=2010')).text();
      const chips = /<ul class="chips"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
      assert.match(chips, /Kind: Report/);
      assert.match(chips, /Years: 2010–…/);
      assert.match(chips, /href="\/publications\?year_from=2010#results"/);
      assert.match(chips, /href="\/publications\?kind=report#results"/);
      assert.match(chips, /Clear all filters/);
      assert.match(html, /<summary>Show all 21<\/summary>/);
      assert.match(html, /<summary>Filters \(2 chosen\)<\/summary>/);
      // Results come before the filters' values in the page itself, not only on the screen.
      assert.ok(
        html.indexOf('id="results"') < html.indexOf('id="f-topic"') ||
          html.indexOf('<details class="facets"') < html.indexOf('id="results"'),
      );
    });
  });
}
