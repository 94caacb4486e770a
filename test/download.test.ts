// File downloads: headers that browsers and download managers rely on, and a store no path can leave.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { LocalFileStore, storedBlobs } from '../src/files/store.ts';
import { addFile } from '../src/store/files.ts';
import { publicationIdBySlug } from '../src/store/publications.ts';
import { contentDisposition, parseRange } from '../src/http/download.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

const BYTES = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
const SHA = createHash('sha256').update(BYTES).digest('hex');
const NAME = 'Доклад о миграции «2017».pdf';

for (const backend of BACKENDS) {
  describe(`downloads on ${backend}`, () => {
    let t: TestApp | null;
    let url = '';
    before(async () => {
      t = await openTestApp(backend);
      if (!t) return;
      await makePublication(t.db, { slug: 'with-file', title: { en: 'With a file' } });
      await makePublication(t.db, { slug: 'draft-file', status: 'draft', title: { en: 'Draft with a file' } });
      const stored = await t.deps.files.put(BYTES);
      assert.equal(stored.sha256, SHA);
      const id = await addFile(t.db, (await publicationIdBySlug(t.db, 'with-file'))!, {
        sha256: SHA,
        original_name: NAME,
        media_type: 'application/pdf',
        size: BYTES.length,
        pages: 3,
        language: 'ru',
      });
      await addFile(t.db, (await publicationIdBySlug(t.db, 'draft-file'))!, {
        sha256: SHA,
        original_name: 'x.pdf',
        media_type: 'application/pdf',
        size: BYTES.length,
      });
      url = `/publications/with-file/files/${id}/${encodeURIComponent(NAME)}`;
    });
    after(async () => t?.close());

    test('the whole file with type, UTF-8 name, length and ETag', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await t.get(url);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/pdf');
      assert.equal(r.headers.get('content-length'), '5000');
      assert.equal(r.headers.get('etag'), `"${SHA}"`);
      assert.equal(r.headers.get('accept-ranges'), 'bytes');
      const cd = r.headers.get('content-disposition')!;
      assert.match(cd, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]!), NAME);
      assert.deepEqual(Buffer.from(await r.arrayBuffer()), BYTES);
    });

    test('If-None-Match answers 304', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await t.get(url, { headers: { 'If-None-Match': `"${SHA}"` } });
      assert.equal(r.status, 304);
      assert.equal((await r.arrayBuffer()).byteLength, 0);
    });

    test('byte ranges: 206 with Content-Range, suffix ranges, 416 past the end', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await t.get(url, { headers: { Range: 'bytes=100-199' } });
      assert.equal(r.status, 206);
      assert.equal(r.headers.get('content-range'), 'bytes 100-199/5000');
      assert.equal(r.headers.get('content-length'), '100');
      assert.deepEqual(Buffer.from(await r.arrayBuffer()), BYTES.subarray(100, 200));
      const tail = await t.get(url, { headers: { Range: 'bytes=-10' } });
      assert.deepEqual(Buffer.from(await tail.arrayBuffer()), BYTES.subarray(4990));
      const bad = await t.get(url, { headers: { Range: 'bytes=9000-' } });
      assert.equal(bad.status, 416);
      assert.equal(bad.headers.get('content-range'), 'bytes */5000');
      const stale = await t.get(url, { headers: { Range: 'bytes=0-9', 'If-Range': '"other"' } });
      assert.equal(stale.status, 200, 'a changed file is sent whole');
    });

    test('files of drafts, unknown files and malformed ids are 404 or 400', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.equal((await t.get('/publications/draft-file/files/2/x.pdf')).status, 404);
      assert.equal((await t.get('/publications/with-file/files/999/x.pdf')).status, 404);
      assert.equal((await t.get('/publications/with-file/files/abc/x.pdf')).status, 400);
      assert.equal((await t.get('/publications/with-file/files/..%2F..%2Fetc%2Fpasswd')).status, 400);
    });
  });
}

describe('file store', () => {
  test('paths cannot leave the store', () => {
    const store = new LocalFileStore('/tmp/kitap-store-test');
    for (const bad of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'ab/../../x', `${SHA}/..`, '']) {
      assert.throws(() => store.pathOf(bad), /not a sha256/);
    }
    assert.equal(store.pathOf(SHA), `/tmp/kitap-store-test/${SHA.slice(0, 2)}/${SHA}`);
  });

  test('the same bytes are stored once; an over-large upload leaves nothing behind', async () => {
    const dir = `/tmp/kitap-store-test-${process.pid}`;
    const store = new LocalFileStore(dir);
    assert.equal((await store.put(BYTES)).existed, false);
    assert.equal((await store.put(BYTES)).existed, true);
    await assert.rejects(store.put(Buffer.alloc(100), 50), /larger than the limit/);
    assert.deepEqual(await storedBlobs(store), [SHA]);
    const { readdirSync, rmSync } = await import('node:fs');
    assert.deepEqual(readdirSync(`${dir}/tmp`), []);
    rmSync(dir, { recursive: true });
  });

  test('range and disposition parsing', () => {
    assert.deepEqual(parseRange('bytes=0-0', 10), { start: 0, end: 0 });
    assert.deepEqual(parseRange('bytes=5-', 10), { start: 5, end: 9 });
    assert.deepEqual(parseRange('bytes=5-100', 10), { start: 5, end: 9 });
    assert.equal(parseRange('bytes=0-1,3-4', 10), null);
    assert.equal(parseRange('bytes=10-', 10), 'invalid');
    assert.equal(parseRange('bytes=-0', 10), 'invalid');
    assert.equal(contentDisposition('a"b\\c.pdf'), `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});
