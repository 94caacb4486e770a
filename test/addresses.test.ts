// Addresses people type: each leads (301) to the page's one address, the query kept; and the site's icon.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

for (const backend of BACKENDS) {
  describe(`typed addresses on ${backend}`, () => {
    let t: TestApp | null;
    let slug = '';
    before(async () => {
      t = await openTestApp(backend);
      if (t) slug = await makePublication(t.db, { title: { en: 'Remittances and households' }, status: 'published' });
    });
    after(() => t?.close());

    test('trailing slashes, /en, /kz, /search and upper-case slugs answer 301 to the canonical address', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const cases: Array<[string, string]> = [
        ['/ru/', '/ru'],
        ['/kk/', '/kk'],
        ['/publications/', '/publications'],
        [`/publications/${slug}/`, `/publications/${slug}`],
        [`/publications/${slug.toUpperCase()}`, `/publications/${slug}`],
        ['/en', '/'],
        ['/en/publications?q=remittances', '/publications?q=remittances'],
        ['/kz', '/kk'],
        [`/kz/publications/${slug}`, `/kk/publications/${slug}`],
        ['/search?q=remittances', '/publications?q=remittances'],
        [
          '/ru/search?q=%D0%B4%D0%B5%D0%BD%D1%8C%D0%B3%D0%B8',
          '/ru/publications?q=%D0%B4%D0%B5%D0%BD%D1%8C%D0%B3%D0%B8',
        ],
      ];
      for (const [typed, canonical] of cases) {
        const res = await t.get(typed);
        assert.equal(res.status, 301, typed);
        assert.equal(res.headers.get('Location'), canonical, typed);
        const landed = await t.get(canonical);
        assert.equal(landed.status, 200, canonical);
      }
      const page = await (await t.get(`/publications/${slug}`)).text();
      assert.match(page, /Remittances and households/);
    });

    test('a form sent to an address with a trailing slash is not redirected (a 301 would lose its body)', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const res = await t.get('/publications/', {
        method: 'POST',
        body: 'x=1',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.notEqual(res.status, 301);
    });

    test('/favicon.ico is an icon holding a PNG, cacheable', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const res = await t.get('/favicon.ico');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('Content-Type'), 'image/x-icon');
      assert.match(res.headers.get('Cache-Control') ?? '', /max-age=\d+/);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 6)], [0, 0, 1, 0, 1, 0]);
      assert.equal(bytes.subarray(22, 26).toString('latin1'), '\x89PNG');
      // What a browser shows: a decoder (Skia's, which checks every chunk's CRC) reads a 32 × 32 image, blue
      // round a white open book.
      const img = await loadImage(bytes.subarray(22));
      assert.deepEqual([img.width, img.height], [32, 32]);
      const canvas = createCanvas(32, 32);
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0);
      const pixel = (x: number, y: number) => [...g.getImageData(x, y, 1, 1).data];
      assert.deepEqual(pixel(0, 0), [0x0b, 0x5c, 0xad, 255]);
      assert.deepEqual(pixel(16, 16), [0x0b, 0x5c, 0xad, 255], 'the spine');
      assert.deepEqual(pixel(6, 9), [255, 255, 255, 255], 'a page');
      assert.deepEqual(pixel(8, 12), [0x0b, 0x5c, 0xad, 255], 'a line of text');
    });
  });
}
