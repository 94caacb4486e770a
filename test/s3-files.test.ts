// Files in an S3 bucket, end to end: s3rver runs in its own process (test/s3-server.ts) and Kitap speaks to it with
// the real S3 client. A real PDF from the shared corpus goes in through the staff upload, is ingested, downloaded
// whole and by range; covers and page images are drawn from it; backup and restore, `kitap files move` both ways,
// `kitap doctor` and `kitap fixity` (an object overwritten in the bucket is named, exit 1) run as the operator would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { S3FileStore } from '../src/files/s3.ts';
import { LocalFileStore, storedBlobs } from '../src/files/store.ts';
import { createPgDatabase, runKitap, type TestApp } from './helpers.ts';
import { runQueuedJobs } from './ingest-helpers.ts';
import { CORPUS, corpusManifest, skipWithoutCorpus } from './pdf-corpus.ts';
import { type S3Server, startS3Server } from './s3-server.ts';
import { type Agent, location, login, makeUser, openStaffApp, publicationFields } from './staff-helpers.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The smallest corpus PDF that ingests and is large enough for ranges to matter. */
function pickPdf(): { name: string; bytes: Buffer } {
  const candidates = corpusManifest()
    .filter((m) => m.expected === 'ingest')
    .map((m) => ({ name: m.file!, size: fs.statSync(`${CORPUS}${m.file}`).size }))
    .filter((m) => m.size > 60_000)
    .sort((a, b) => a.size - b.size);
  const name = candidates[0]!.name;
  return { name, bytes: fs.readFileSync(`${CORPUS}${name}`) };
}

describe('files in an S3 bucket (s3rver in its own process)', { skip: skipWithoutCorpus }, () => {
  let server: S3Server;
  let t: TestApp | null = null;
  let editor: Agent;
  let pdf: { name: string; bytes: Buffer };
  let url: string;
  let fileSha: string;
  let coverSha: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-s3-files-'));
  const cleanups: Array<() => Promise<void>> = [];
  /** The CLI's settings: the test's database, its data folder, the bucket under `prefix`. */
  const env = (prefix = 'library', over: Record<string, string> = {}) => ({
    DATA_DIR: t!.dataDir,
    DATABASE_URL: t!.deps.config.DATABASE_URL!,
    ...server.env(prefix),
    ...over,
  });
  const bucketStore = (prefix: string) => server.store(prefix, path.join(tmp, 'store-tmp'));

  before(async () => {
    server = await startS3Server();
    t = await openStaffApp('postgres', server.env('library'));
    if (!t) return;
    pdf = pickPdf();
    editor = await login(t, await makeUser(t, 'editor'));
    await editor.post('/admin/publications', publicationFields({ slug: 'in-bucket', download: 'on', year: '' }));
    const version = /name="_version" value="([^"]+)"/.exec(
      await (await editor.get('/admin/publications/in-bucket')).text(),
    )![1]!;
    await editor.post('/admin/publications/in-bucket/status', { status: 'published', _version: version });
  });
  after(async () => {
    for (const c of cleanups) await c();
    await t?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('a PDF uploaded by staff is stored in the bucket, ingested, and downloaded whole and by range', async (ctx) => {
    if (!t) return ctx.skip('PostgreSQL not reachable');
    assert.ok(t.deps.files instanceof S3FileStore, 'FILES_URL=s3://… gives the S3 store');
    const up = await editor.upload('/admin/publications/in-bucket/files', {}, { name: pdf.name, bytes: pdf.bytes });
    assert.equal(up.status, 303, location(up));
    const [job] = await runQueuedJobs(t);
    assert.equal(job!.state, 'done', job!.error ?? '');
    const file = (await t.db.one<{ id: number; sha256: string; pages: number; cover_sha256: string | null }>(
      'select id, sha256, pages, cover_sha256 from files where id = $1',
      [job!.file_id],
    ))!;
    fileSha = file.sha256;
    assert.equal(fileSha, sha(pdf.bytes));
    assert.ok(file.pages >= 1, 'the ingest read its pages');
    // In the bucket, under its checksum; nothing in the data folder but temporary space, left empty.
    const inBucket = path.join(server.dir, server.bucket, 'library', fileSha.slice(0, 2), `${fileSha}._S3rver_object`);
    assert.ok(fs.readFileSync(inBucket).equals(pdf.bytes), 's3rver holds the bytes');
    assert.deepEqual(await storedBlobs(new LocalFileStore(t.deps.config.filesDir)), []);
    assert.deepEqual(fs.readdirSync(t.deps.files.tmpDir), [], 'no spooled upload or local copy is left');

    url = `/publications/in-bucket/files/${file.id}/${encodeURIComponent(pdf.name)}`;
    const whole = await t.get(url);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-length'), String(pdf.bytes.length));
    assert.ok(Buffer.from(await whole.arrayBuffer()).equals(pdf.bytes), 'the whole file, byte for byte');
    const start = 1000;
    const end = pdf.bytes.length - 5000;
    const part = await t.get(url, { headers: { Range: `bytes=${start}-${end}` } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes ${start}-${end}/${pdf.bytes.length}`);
    assert.ok(Buffer.from(await part.arrayBuffer()).equals(pdf.bytes.subarray(start, end + 1)), 'exactly the range');
    const tail = await t.get(url, { headers: { Range: 'bytes=-100' } });
    assert.equal(tail.status, 206);
    assert.ok(Buffer.from(await tail.arrayBuffer()).equals(pdf.bytes.subarray(-100)));
    const head = await t.get(url, { method: 'HEAD' });
    assert.equal(head.status, 200);

    const page = await t.get(`/publications/in-bucket/files/${file.id}/pages/1.webp?w=300`);
    assert.equal(page.status, 200, 'a page image is drawn from the bucket');
    assert.equal(page.headers.get('content-type'), 'image/webp');
    if (file.cover_sha256) {
      coverSha = file.cover_sha256;
      const cover = await t.get(`/covers/${coverSha}.webp`);
      assert.equal(cover.status, 200, 'the cover comes from the bucket');
      assert.equal(sha(Buffer.from(await cover.arrayBuffer())), coverSha);
    }
  });

  test('a reader paging through the PDF: its page images are drawn from one download, not one per page', async (ctx) => {
    if (!t || !fileSha) return ctx.skip('PostgreSQL not reachable, or the upload failed');
    const file = (await t.db.one<{ id: number; pages: number }>('select id, pages from files where sha256 = $1', [
      fileSha,
    ]))!;
    const wholeGets = () =>
      server.requests.filter((r) => r.method === 'GET' && r.path.includes(fileSha) && !r.range).length;
    const before = wholeGets();
    const images = new Set<string>();
    for (let page = 1; page <= Math.min(file.pages, 3); page++)
      for (const w of [500, 700]) {
        const res = await t.get(`/publications/in-bucket/files/${file.id}/pages/${page}.webp?w=${w}`);
        assert.equal(res.status, 200, `page ${page} at ${w} px`);
        images.add(sha(Buffer.from(await res.arrayBuffer())));
      }
    assert.equal(images.size, Math.min(file.pages, 3) * 2, 'each page and width its own image');
    assert.ok(wholeGets() - before <= 1, `the PDF fetched ${wholeGets() - before} times for ${images.size} images`);
  });

  test('kitap doctor: the bucket is reachable and writable; a bucket that is not there fails', async (ctx) => {
    if (!t || !fileSha) return ctx.skip('no upload');
    const ok = await runKitap(['doctor'], { env: env() });
    assert.match(
      ok.stdout,
      /^OK +file store +s3:\/\/kitap-test\/library at http:\/\/127\.0\.0\.1:\d+ is reachable and writable$/m,
    );
    const bad = await runKitap(['doctor'], { env: env('library', { FILES_URL: 's3://no-such-bucket/x' }) });
    assert.equal(bad.code, 1);
    assert.match(
      bad.stdout,
      /^FAIL +file store +s3:\/\/no-such-bucket\/x .*cannot be written and read back \(.+\): check FILES_URL/m,
    );
  });

  test('backup and restore, and export: the snapshot takes the files from the bucket, the restore puts them into another', async (ctx) => {
    if (!t || !fileSha) return ctx.skip('no upload');
    const dir = path.join(tmp, 'backup');
    const b = await runKitap(['backup', dir], { env: env() });
    assert.equal(b.code, 0, b.stderr);
    assert.ok(fs.readFileSync(path.join(dir, 'files', fileSha.slice(0, 2), fileSha)).equals(pdf.bytes));
    const pg = await createPgDatabase();
    cleanups.push(pg.drop);
    const restored = { DATA_DIR: path.join(tmp, 'restored'), DATABASE_URL: pg.url, ...server.env('restored') };
    const r = await runKitap(['restore', dir], { env: restored });
    assert.equal(r.code, 0, r.stderr);
    const store = bucketStore('restored');
    assert.deepEqual(await storedBlobs(store), [...new Set([fileSha, ...(coverSha ? [coverSha] : [])])].sort());
    store.close();
    const f = await runKitap(['fixity'], { env: restored });
    assert.equal(f.code, 0, f.stdout + f.stderr);
    assert.match(f.stdout, /every checksum matches/);

    // An export reads the files from the bucket too.
    const archive = path.join(tmp, 'catalogue.tar.gz');
    const e = await runKitap(['export', archive], { env: env() });
    assert.equal(e.code, 0, e.stderr);
    const unpacked = path.join(tmp, 'unpacked');
    fs.mkdirSync(unpacked);
    assert.equal(spawnSync('tar', ['-xzf', archive, '-C', unpacked]).status, 0);
    assert.ok(fs.readFileSync(path.join(unpacked, 'files', fileSha)).equals(pdf.bytes));
  });

  test('kitap files move: bucket to folder and folder to bucket, each copy checked, a second run resumes', async (ctx) => {
    if (!t || !fileSha) return ctx.skip('no upload');
    const expected = await storedBlobs(t.deps.files);
    const folder = path.join(tmp, 'moved');
    const down = await runKitap(['files', 'move', '--to', `file://${folder}`], { env: env() });
    assert.equal(down.code, 0, down.stdout + down.stderr);
    assert.match(down.stdout, new RegExp(`^${expected.length} files copied .* 0 already there$`, 'm'));
    assert.match(down.stdout, new RegExp(`set FILES_URL=file://${folder}`));
    const local = new LocalFileStore(folder);
    assert.deepEqual(await storedBlobs(local), expected);
    assert.ok(fs.readFileSync(local.pathOf(fileSha)).equals(pdf.bytes));

    const again = await runKitap(['files', 'move', '--to', folder], { env: env() });
    assert.equal(again.code, 0);
    assert.match(again.stdout, new RegExp(`^0 files copied .* ${expected.length} already there$`, 'm'));

    // The other way, from the folder (now FILES_URL) into a new prefix of the bucket; stopped after one file.
    const fromFolder = env('library', { FILES_URL: `file://${folder}` });
    const back = bucketStore('moved-back');
    await back.put(fs.createReadStream(local.pathOf(fileSha)));
    const up = await runKitap(['files', 'move', '--to', `s3://${server.bucket}/moved-back`], { env: fromFolder });
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, new RegExp(`^${expected.length - 1} files copied .* 1 already there$`, 'm'));
    assert.deepEqual(await storedBlobs(back), expected);
    back.close();

    const same = await runKitap(['files', 'move', '--to', 's3://kitap-test/library'], { env: env() });
    assert.equal(same.code, 1);
    assert.match(same.stderr, /the files are in s3:\/\/kitap-test\/library .*already/);
  });

  test('kitap fixity names an object overwritten in the bucket and exits 1; a move refuses to copy it', async (ctx) => {
    if (!t || !fileSha) return ctx.skip('no upload');
    const clean = await runKitap(['fixity'], { env: env() });
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    const client = server.client();
    const changed = Buffer.from(pdf.bytes);
    changed[changed.length >> 1] ^= 0xff;
    await client.send(
      new PutObjectCommand({ Bucket: server.bucket, Key: `library/${fileSha.slice(0, 2)}/${fileSha}`, Body: changed }),
    );
    client.destroy();
    const r = await runKitap(['fixity'], { env: env() });
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^DAMAGED \\(reads as ${sha(changed)}\\) ${fileSha}: .*in-bucket`, 'm'));
    assert.match(r.stdout, /1 damaged or missing/);
    const move = await runKitap(['files', 'move', '--to', path.join(tmp, 'from-damaged')], { env: env() });
    assert.equal(move.code, 1);
    assert.match(move.stdout, new RegExp(`^DAMAGED ${fileSha}: its bytes read as ${sha(changed)}`, 'm'));
    assert.match(move.stdout, new RegExp(`^MISSING ${fileSha}: `, 'm'));
  });
});
