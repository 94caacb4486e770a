// Disk full during an upload (issue 16 item 6): the file store on a real, small tmpfs (mounted by the test; needs
// root and a container that allows mount, skips otherwise), a file larger than the space left: the write fails
// with ENOSPC part-way. The uploader gets a clear 507 in their language; no blob, no partial file, no file row and
// no ingest job is left; once there is room, the same upload succeeds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tinyPdf } from '../src/ingest/tiny-pdf.ts';
import { createApiToken } from '../src/store/api-tokens.ts';
import { userWithHashByEmail } from '../src/store/users.ts';
import { makePublication, type TestApp } from './helpers.ts';
import { makeUser, openStaffApp } from './staff-helpers.ts';

const SPACE = 256 * 1024;

/** Whether this process may mount a tmpfs (root in a container that allows it); the reason when not. */
function mountRefused(): string | false {
  if (process.getuid?.() !== 0) return 'not root: cannot mount a small tmpfs to fill';
  const probe = fs.mkdtempSync('/tmp/kitap-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return false;
  } catch (err) {
    return `mount -t tmpfs is not permitted here (${(err as Error).message.split('\n')[0]})`;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}
const skip = mountRefused();

/** Bytes that do not compress and are not all the same: a real-looking file of n bytes. */
const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24));

describe('disk full during an upload', { skip }, () => {
  let t: TestApp | null;
  let token = '';
  let mounted = '';
  before(async () => {
    t = await openStaffApp('pglite');
    await makePublication(t!.db, { slug: 'full-disk' });
    const user = (await userWithHashByEmail(t!.db, await makeUser(t!, 'editor', 'editor@full.test')))!;
    token = (await createApiToken(t!.db, user.id, 'script', null)).token;
    mounted = path.dirname(t!.deps.files.tmpDir);
    fs.mkdirSync(mounted, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SPACE}`, 'tmpfs', mounted]);
  });
  after(async () => {
    if (mounted) execFileSync('umount', ['-l', mounted]);
    await t?.close();
  });

  const upload = (name: string, bytes: Buffer) =>
    t!.get(`/api/v1/publications/full-disk/files?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      body: new Uint8Array(bytes),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    });
  const blobs = async () => {
    const out: string[] = [];
    for await (const e of t!.deps.files.entries()) out.push(e.sha256);
    return out;
  };
  const leftovers = async () => ({
    blobs: await blobs(),
    partial: fs.existsSync(`${mounted}/tmp`) ? fs.readdirSync(`${mounted}/tmp`) : [],
    files: await t!.db.query('select id from files'),
    jobs: await t!.db.query('select id from ingest_jobs'),
    used: Number(execFileSync('df', ['--output=used', '-B1', mounted], { encoding: 'utf8' }).split('\n')[1]),
  });

  test('a clear 507, nothing half-written, and the same upload works once there is room', async () => {
    const before = await leftovers();
    // A data file (stored at once) and a PDF (queued for ingest), each larger than the whole tmpfs.
    const csv = noise(4 * SPACE);
    const pdf = Buffer.concat([tinyPdf([{ lines: ['Labour migration report'] }]), noise(4 * SPACE)]);
    for (const [name, bytes] of [
      ['survey.csv', csv],
      ['report.pdf', pdf],
    ] as const) {
      const r = await upload(name, bytes);
      assert.equal(r.status, 507, `${name}: ${await r.clone().text()}`);
      const body = (await r.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'storage_full');
      assert.match(body.error.message, /no space left for files/i);
      assert.doesNotMatch(body.error.message, /ENOSPC|\/tmp\//);
      const now = await leftovers();
      assert.deepEqual(now.blobs, [], `${name}: no blob`);
      assert.deepEqual(now.partial, [], `${name}: no partial file`);
      assert.deepEqual(now.files, [], `${name}: no file row`);
      assert.deepEqual(now.jobs, [], `${name}: no ingest job`);
      assert.ok(now.used <= before.used + 8192, `${name}: the space is given back (${now.used} bytes used)`);
    }
    // Room again (a bigger tmpfs in its place): the very same upload is stored whole, not refused as a duplicate.
    execFileSync('mount', ['-o', `remount,size=${8 * SPACE}`, mounted]);
    const ok = await upload('survey.csv', csv);
    assert.equal(ok.status, 201, await ok.clone().text());
    const after = await leftovers();
    assert.equal(after.blobs.length, 1);
    assert.deepEqual(fs.readFileSync(path.join(mounted, after.blobs[0]!.slice(0, 2), after.blobs[0]!)), csv);
  });
});
