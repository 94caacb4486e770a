// Item pages served from memory: the same bytes and an ETag until something on the page changes, never stale.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { publicationIdBySlug, replacePublication } from '../src/store/publications.ts';
import { BACKENDS, makePublication, openTestApp, pubInput, type TestApp } from './helpers.ts';

for (const backend of BACKENDS) {
  describe(`item page copies on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      await makePublication(t.db, {
        slug: 'cached',
        year: 2019,
        title: { en: 'Seasonal Work Abroad', ru: 'Сезонная работа за рубежом' },
        people: [{ name: 'Dana Omarova', role: 'author' }],
      });
    });
    after(async () => t?.close());
    const gz = { headers: { 'Accept-Encoding': 'gzip' } };
    const html = async (path: string) => {
      const r = await t!.get(path, gz);
      assert.equal(r.status, 200, path);
      return {
        etag: r.headers.get('ETag'),
        body: gunzipSync(Buffer.from(await r.arrayBuffer())).toString('utf8'),
        encoding: r.headers.get('Content-Encoding'),
      };
    };

    test('a second request gets the same bytes and ETag; If-None-Match gets 304; without gzip, plain HTML', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const first = await html('/publications/cached');
      const second = await html('/publications/cached');
      assert.equal(first.encoding, 'gzip');
      assert.ok(first.etag);
      assert.equal(second.etag, first.etag);
      assert.equal(second.body, first.body);
      assert.match(first.body, /Seasonal Work Abroad/);
      const notModified = await t!.get('/publications/cached', { headers: { 'If-None-Match': first.etag! } });
      assert.equal(notModified.status, 304);
      assert.equal(await notModified.text(), '');
      const plain = await t!.get('/publications/cached');
      assert.equal(plain.headers.get('Content-Encoding'), null);
      assert.equal(await plain.text(), first.body);
      assert.match(plain.headers.get('Content-Type') ?? '', /text\/html/);
      assert.ok(plain.headers.get('Content-Security-Policy'), 'the security headers are still sent');
      assert.match(
        (await html('/ru/publications/cached')).body,
        /Сезонная работа за рубежом/,
        'each language has its own copy',
      );
    });

    test('an edit, a renamed author or an unpublished record shows at once', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = await html('/publications/cached');
      const id = (await publicationIdBySlug(t!.db, 'cached'))!;
      await replacePublication(
        t!.db,
        id,
        pubInput({
          slug: 'cached',
          year: 2019,
          title: { en: 'Seasonal Work in Russia' },
          people: [{ name: 'Dana Omarova', role: 'author' }],
        }),
      );
      const edited = await html('/publications/cached');
      assert.match(edited.body, /Seasonal Work in Russia/);
      assert.notEqual(edited.etag, before.etag);
      await t!.db.query(`update people set names = '{"en": "Dana Omarova-Seitkali"}' where name = 'Dana Omarova'`);
      assert.match((await html('/publications/cached')).body, /Dana Omarova-Seitkali/);
      await t!.db.query(`update publications set status = 'draft' where id = $1`, [id]);
      assert.equal((await t!.get('/publications/cached', gz)).status, 404);
    });
  });
}
