// The Kyrgyz interface at /ky/…: every page in Kyrgyz, with its switcher, hreflang, sitemap and feed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

for (const backend of BACKENDS) {
  describe(`the Kyrgyz interface on ${backend}`, () => {
    let t: TestApp | null;
    let slug = '';
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: 'https://library.example' });
      if (t)
        slug = await makePublication(t.db, {
          title: { en: 'Labour migration', ky: 'Эмгек миграциясы' },
          languages: ['ky', 'ru'],
          countries: ['KG'],
          status: 'published',
        });
    });
    after(() => t?.close());

    test('pages under /ky are in Kyrgyz, with the Kyrgyz title, names and the language switcher', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const home = await t.get('/ky');
      assert.equal(home.status, 200);
      const html = await home.text();
      assert.match(html, /<html lang="ky"/);
      assert.match(html, /Борбордук Азиядагы миграция боюнча басылмалар/);
      assert.match(html, /hreflang="ky" href="https:\/\/library\.example\/ky"/);
      assert.match(html, /<a href="\/" hreflang="en" lang="en">English<\/a>/);
      const item = await (await t.get(`/ky/publications/${slug}`)).text();
      assert.match(item, /Эмгек миграциясы/);
      assert.match(item, /Кыргызстан/);
      assert.match(item, /кыргыз тили/);
      const ru = await (await t.get(`/ru/publications/${slug}`)).text();
      assert.match(ru, /Кыргызстан/);
      assert.match(ru, /кыргызский/);
      assert.doesNotMatch(ru, /Киргизия|киргизский/);
      const browse = await (await t.get('/ky/publications')).text();
      assert.match(browse, /1 басылма/);
      const missing = await t.get('/ky/no-such-page');
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /Бет табылган жок/);
    });

    test('the sitemap and the feeds know the Kyrgyz pages', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const sitemap = await (await t.get('/sitemap.xml')).text();
      assert.match(sitemap, new RegExp(`<loc>https://library\\.example/ky/publications/${slug}</loc>`));
      assert.match(sitemap, /hreflang="ky"/);
      const feed = await t.get('/ky/feed.atom');
      assert.equal(feed.status, 200);
      assert.match(await feed.text(), /Эмгек миграциясы/);
    });
  });
}
