// The file store's contract, run on both stores: a folder, and an S3 bucket served by s3rver in its own process
// (test/s3-server.ts) through the real S3 client.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { S3FileStore } from '../src/files/s3.ts';
import { type FileStore, FileTooLargeError, LocalFileStore, storedBlobs } from '../src/files/store.ts';
import { type S3Server, startS3Server } from './s3-server.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Bytes that differ from run to run, so that no test passes on what an earlier one left. */
const bytesOf = (label: string, size = 70_000) => {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + label.charCodeAt(i % label.length)) & 0xff;
  b.write(`${label} ${process.pid} ${Date.now()}`);
  return b;
};

let server: S3Server;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-file-store-'));
before(async () => {
  server = await startS3Server();
});
after(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
const kinds: Record<string, () => FileStore> = {
  folder: () => new LocalFileStore(path.join(tmp, `local-${++n}`)),
  s3: () => server.store(`run-${process.pid}/store-${++n}`, path.join(tmp, `s3-tmp-${n}`), 2),
};

for (const [kind, make] of Object.entries(kinds)) {
  describe(`file store: ${kind}`, () => {
    test('bytes go in once, come out whole and by range, and are listed', async () => {
      const store = make();
      const bytes = bytesOf('whole');
      const put = await store.put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
      assert.deepEqual(put, { sha256: sha(bytes), size: bytes.length, existed: false });
      assert.equal((await store.put(bytes)).existed, true, 'the same bytes again are stored once');
      assert.equal(await store.exists(put.sha256), true);
      assert.equal(await store.sizeOf(put.sha256), bytes.length);
      assert.ok((await buffer((await store.read(put.sha256))!)).equals(bytes));
      const part = await buffer((await store.read(put.sha256, { start: 65_530, end: 65_600 }))!);
      assert.ok(part.equals(bytes.subarray(65_530, 65_601)), 'a range is exactly those bytes');
      const entries = [];
      for await (const e of store.entries()) entries.push(e);
      assert.deepEqual(
        entries.map((e) => [e.sha256, e.size]),
        [[put.sha256, bytes.length]],
      );
      assert.ok(Math.abs(entries[0]!.modified.getTime() - Date.now()) < 10 * 60_000, 'written just now');
      assert.deepEqual(fs.readdirSync(store.tmpDir), [], 'no temporary file is left');
      store.close();
    });

    test('more blobs than one listing page are all listed, and a deleted one is gone', async () => {
      const store = make();
      const shas = [];
      for (let i = 0; i < 5; i++) shas.push((await store.put(bytesOf(`page ${i}`, 100 + i))).sha256);
      assert.deepEqual(await storedBlobs(store), [...shas].sort());
      await store.delete(shas[2]!);
      await store.delete(shas[2]!); // deleting what is not there is no error
      assert.equal(await store.exists(shas[2]!), false);
      assert.deepEqual(await storedBlobs(store), shas.filter((_, i) => i !== 2).sort());
      store.close();
    });

    test('a missing blob: not there, no size, no stream, no local copy', async () => {
      const store = make();
      const missing = sha(bytesOf('never stored'));
      assert.equal(await store.exists(missing), false);
      assert.equal(await store.sizeOf(missing), null);
      assert.equal(await store.read(missing), null);
      assert.equal(await store.localCopy(missing), null);
      assert.equal(await store.exists('../../etc/passwd'), false);
      await assert.rejects(store.read('../../etc/passwd'), /not a sha256/);
      store.close();
    });

    test('over the limit, or a source that fails midway: refused, and nothing is kept', async () => {
      const store = make();
      const big = bytesOf('too large', 5000);
      await assert.rejects(store.put(big, 4999), FileTooLargeError);
      assert.equal(await store.exists(sha(big)), false);
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(10_000, 1));
          this.destroy(new Error('the connection was reset'));
        },
      });
      await assert.rejects(store.put(failing), /connection was reset/);
      assert.deepEqual(await storedBlobs(store), []);
      assert.deepEqual(fs.existsSync(store.tmpDir) ? fs.readdirSync(store.tmpDir) : [], []);
      store.close();
    });

    test('a local copy for tools that need a path; the blob stays after its release', async () => {
      const store = make();
      const bytes = bytesOf('copy');
      const { sha256 } = await store.put(bytes);
      const copy = (await store.localCopy(sha256))!;
      assert.ok(fs.readFileSync(copy.path).equals(bytes));
      await copy.release();
      assert.equal(await store.exists(sha256), true);
      assert.deepEqual(fs.readdirSync(store.tmpDir), [], 'the copy is gone with its release');
      store.close();
    });

    test('the probe writes, reads back and removes; only blobs are listed', async () => {
      const store = make();
      await store.probe();
      assert.deepEqual(await storedBlobs(store), []);
      store.close();
    });
  });
}

describe('file store: s3 only', () => {
  test('other objects under the prefix are not blobs; a bucket that does not exist fails the probe, saying so', async () => {
    const store = kinds.s3!() as S3FileStore;
    const client = server.client();
    const key = store.keyOf(sha(Buffer.from('x')));
    await client.send(new PutObjectCommand({ Bucket: server.bucket, Key: `${key}.bak`, Body: 'not a blob' }));
    await client.send(
      new PutObjectCommand({ Bucket: server.bucket, Key: key.replace(/\/[^/]+$/, '/README'), Body: 'x' }),
    );
    assert.deepEqual(await storedBlobs(store), []);
    client.destroy();
    const none = new S3FileStore({
      bucket: 'no-such-bucket',
      prefix: '',
      endpoint: server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      tmpDir: path.join(tmp, 'none'),
    });
    await assert.rejects(none.probe(), /bucket/i);
    none.close();
    store.close();
  });

  test('kept local copies: one download for every caller, kept within the budget, gone with delete and close', async () => {
    const tmpDir = path.join(tmp, `kept-${++n}`);
    const store = server.store(`run-${process.pid}/kept-${n}`, tmpDir, undefined, 150_000);
    const [a, b, c] = ['kept a', 'kept b', 'kept c'].map((label) => bytesOf(label, 70_000));
    const shaOf = new Map<Buffer, string>();
    for (const bytes of [a!, b!, c!]) shaOf.set(bytes, (await store.put(bytes)).sha256);
    const gets = (bytes: Buffer) =>
      server.requests.filter((r) => r.method === 'GET' && r.path.includes(shaOf.get(bytes)!)).length;

    // Three callers at once, then one after their release: the object is fetched once, the file is the same.
    const first = await Promise.all([1, 2, 3].map(() => store.localCopy(shaOf.get(a!)!, { keep: true })));
    assert.equal(new Set(first.map((x) => x!.path)).size, 1);
    assert.ok(fs.readFileSync(first[0]!.path).equals(a!));
    for (const x of first) await x!.release();
    const again = (await store.localCopy(shaOf.get(a!)!, { keep: true }))!;
    assert.equal(again.path, first[0]!.path, 'kept after its release');
    assert.equal(gets(a!), 1, 'one GetObject for four callers');
    await again.release();

    // A copy without `keep` is the caller's own and goes with its release.
    const own = (await store.localCopy(shaOf.get(a!)!))!;
    assert.notEqual(own.path, again.path);
    await own.release();
    assert.equal(fs.existsSync(own.path), false);
    assert.equal(gets(a!), 2, 'fetched for its own caller');

    // Two fit in 150,000 bytes, three do not: the least recently used (b, as a was used after it) goes.
    await (await store.localCopy(shaOf.get(b!)!, { keep: true }))!.release();
    await (await store.localCopy(shaOf.get(a!)!, { keep: true }))!.release();
    const cCopy = (await store.localCopy(shaOf.get(c!)!, { keep: true }))!;
    await cCopy.release();
    assert.equal(fs.readdirSync(tmpDir).length, 2, 'two copies kept');
    assert.equal(gets(a!), 2, 'a still kept: not fetched again');
    await (await store.localCopy(shaOf.get(b!)!, { keep: true }))!.release();
    assert.equal(gets(b!), 2, 'b was removed and is fetched again');

    // One held while another pushes past the budget is not removed under its holder.
    const held = (await store.localCopy(shaOf.get(c!)!, { keep: true }))!;
    await (await store.localCopy(shaOf.get(a!)!, { keep: true }))!.release();
    await (await store.localCopy(shaOf.get(b!)!, { keep: true }))!.release();
    assert.ok(fs.readFileSync(held.path).equals(c!), 'the held copy is whole');
    await held.release();

    // A copy removed behind the store's back (the start's sweep of old leftovers) is fetched again.
    const gone = (await store.localCopy(shaOf.get(c!)!, { keep: true }))!;
    await gone.release();
    fs.rmSync(gone.path);
    const back = (await store.localCopy(shaOf.get(c!)!, { keep: true }))!;
    assert.ok(fs.readFileSync(back.path).equals(c!));
    await back.release();

    // Deleting the blob removes its copy; a missing blob has none; closing the store leaves no file.
    await store.delete(shaOf.get(c!)!);
    assert.equal(fs.existsSync(back.path), false);
    assert.equal(await store.localCopy(shaOf.get(c!)!, { keep: true }), null);
    store.close();
    assert.deepEqual(fs.readdirSync(tmpDir), [], 'no copy is left after close');
  });
});
