// Two `kitap serve` processes on one PostgreSQL database behind nginx (issue 16 item 3): a write through one
// is seen through the other at once (the database notifies every instance: migration 0083), an ingest job runs
// exactly once, and the job of an instance killed with SIGKILL is finished by the other once its lease ends.
// nginx from Debian is started here with its own configuration, both instances as upstreams; skipped, saying
// so, where nginx, the PostgreSQL server or the PDF corpus is missing.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createPgDatabase, postgresAvailable, runKitap, startServer, stopServer } from './helpers.ts';
import { freePort, NGINX, startNginx, stopNginx } from './nginx.ts';
import { CORPUS, skipWithoutCorpus } from './pdf-corpus.ts';

const skip = !NGINX ? 'nginx is not installed (apt-get install nginx)' : skipWithoutCorpus;
if (skip) console.warn(`# ${skip}: two instances behind nginx are not tested`);

/** Polls `check` every 10 ms for at most `ms`; how long it took, or null when it never held. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number | null> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > ms) return null;
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Job {
  id: number;
  state: string;
  attempts: number;
  lease_owner: string | null;
  file_id: number | null;
}

describe('two instances on one PostgreSQL behind nginx', { skip }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-two-'));
  let unavailable: string | false = false;
  let drop = async () => {};
  let db: pg.Client;
  let nginx: ChildProcess | null = null;
  const servers: Array<{ proc: ChildProcess; base: string; log: () => string }> = [];
  let proxy = '';
  let token = '';
  let env: Record<string, string>;

  const api = (base: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${p}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined || Buffer.isBuffer(body) ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
    });
  const jobs = async (publication: string) =>
    (
      await db.query<Job>(
        `select j.id, j.state, j.attempts, j.lease_owner, j.file_id from ingest_jobs j
           join publications p on p.id = j.publication_id where p.slug = $1 order by j.id`,
        [publication],
      )
    ).rows;
  const fileCount = async (publication: string) =>
    (
      await db.query<{ n: number }>(
        'select count(*)::int as n from files f join publications p on p.id = f.publication_id where p.slug = $1',
        [publication],
      )
    ).rows[0]!.n;

  /** A published publication made through the first instance's API. */
  async function publication(title: string): Promise<string> {
    const created = await api(servers[0]!.base, 'POST', '/api/v1/publications', {
      kind: 'report',
      title: { en: title },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { slug } = (await created.json()) as { slug: string };
    const published = await api(
      servers[0]!.base,
      'POST',
      `/api/v1/publications/${slug}/status`,
      { status: 'published' },
      { 'If-Match': created.headers.get('etag')! },
    );
    assert.equal(published.status, 200, await published.clone().text());
    return slug;
  }

  before(async () => {
    if (!(await postgresAvailable())) {
      unavailable = 'PostgreSQL not reachable';
      return;
    }
    const created = await createPgDatabase();
    drop = created.drop;
    db = new pg.Client({ connectionString: created.url });
    await db.connect();
    // One database and one file folder (as a shared disk would be) for both; a job taken over after 5 s of silence.
    env = {
      DATABASE_URL: created.url,
      DATA_DIR: path.join(tmp, 'data'),
      LOAD_DEMO: 'never',
      INGEST_LEASE_S: '5',
      FIXITY_INTERVAL_HOURS: '0',
      SCRYPT_COST: '1024',
      HOST: '127.0.0.1',
    };
    const migrated = await runKitap(['migrate'], { env });
    assert.equal(migrated.code, 0, migrated.stderr);
    const email = 'two@example.org';
    const added = await runKitap(['user', 'add', '--email', email, '--role', 'admin', '--password-stdin'], {
      env,
      stdin: 'correct horse battery staple',
    });
    assert.equal(added.code, 0, added.stderr);
    const made = await runKitap(['token', 'add', '--user', email, '--name', 'two instances'], { env });
    token = /^kitap_\S+$/m.exec(made.stdout)?.[0] ?? '';
    assert.ok(token, made.stdout);
    servers.push(await startServer(env), await startServer(env));
    const port = await freePort();
    proxy = `http://127.0.0.1:${port}`;
    nginx = await startNginx(
      tmp,
      `upstream kitap { ${servers.map((s) => `server ${new URL(s.base).host} max_fails=0;`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 64m;
    location / { proxy_pass http://kitap; proxy_set_header Host $host; add_header X-Upstream $upstream_addr always; }
  }`,
      port,
    );
    const up = await within(30_000, async () => (await fetch(`${proxy}/healthz`).catch(() => null))?.status === 200);
    assert.ok(up !== null, `nginx did not start: ${fs.readFileSync(path.join(tmp, 'error.log'), 'utf8')}`);
  });

  after(async () => {
    await stopNginx(nginx);
    for (const s of servers) await stopServer(s.proc);
    await db?.end();
    await drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('a write through one instance is seen through the other, directly and through nginx', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const [one, two] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const slug = await publication('Remittances and Households');
    const page = (base: string) => fetch(`${base}/publications/${slug}`);
    // Each instance keeps a copy; nginx alternates between them.
    for (const base of [one.base, two.base]) {
      assert.equal((await page(base)).headers.get('X-Cache'), 'MISS');
      assert.equal((await page(base)).headers.get('X-Cache'), 'HIT');
    }
    const upstreams = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const r = await page(proxy);
      assert.match(await r.text(), /Remittances and Households/);
      upstreams.add(r.headers.get('X-Upstream') ?? '');
    }
    assert.equal(upstreams.size, 2, 'nginx sent requests to both instances');

    const record = (await (await api(one.base, 'GET', `/api/v1/publications/${slug}/record`)).json()) as {
      version: string;
    };
    const patched = await api(
      one.base,
      'PATCH',
      `/api/v1/publications/${slug}/record`,
      { title: { en: 'Remittances and Rural Households' } },
      { 'If-Match': `"${record.version}"`, 'Content-Type': 'application/merge-patch+json' },
    );
    assert.equal(patched.status, 200, await patched.clone().text());
    const edited = async (base: string) => /Remittances and Rural Households/.test(await (await page(base)).text());
    // The writing instance drops its copy before the write returns.
    assert.ok(await edited(one.base), 'the writing instance shows the edit on the next request');
    // The other hears the commit a moment later: polled every 10 ms, for at most 2 s.
    const waited = await within(2000, () => edited(two.base));
    assert.ok(waited !== null, 'the other instance shows the edit');
    ctx.diagnostic(`the other instance showed the edit after ${waited} ms`);
    for (let i = 0; i < 4; i++) assert.ok(await edited(proxy), 'through nginx, on either instance');
  });

  test('an uploaded PDF is read once: one job run, one file', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const slug = await publication('Tracing Just-in-Time Compilation');
    const pdf = fs.readFileSync(path.join(CORPUS, 'en-tracemonkey-2col.pdf'));
    const r = await api(proxy, 'POST', `/api/v1/publications/${slug}/files?name=tracemonkey.pdf`, pdf, {
      'Content-Type': 'application/pdf',
    });
    assert.equal(r.status, 202, await r.clone().text());
    const done = await within(180_000, async () => (await jobs(slug)).every((j) => j.state === 'done'));
    assert.ok(done !== null, `the job ended: ${JSON.stringify(await jobs(slug))}`);
    const [job, ...more] = await jobs(slug);
    assert.equal(more.length, 0, 'one job');
    assert.equal(job!.attempts, 1, 'started once');
    assert.equal(await fileCount(slug), 1, 'one file');
    // Both instances show it.
    for (const s of servers)
      assert.match(await (await fetch(`${s.base}/publications/${slug}`)).text(), /tracemonkey\.pdf/, s.base);
  });

  test('neither instance warned while serving, writing and reading a file', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    // Readers at once: each instance opens more connections to the database, each made to listen before use.
    for (const s of servers) {
      const pages = await Promise.all(
        Array.from({ length: 16 }, (_, i) => fetch(`${s.base}/publications?page=${i + 1}`)),
      );
      assert.deepEqual(new Set(pages.map((r) => r.status)), new Set([200]));
    }
    // Node prints a library's deprecations (pg's "client.query() when the client is already executing a query",
    // an error from pg 9 on) and its own warnings to stderr, the log an operator reads.
    for (const s of servers) assert.doesNotMatch(s.log(), /Warning\b/);
  });

  test('the job of an instance killed while reading it is finished by the other', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const slug = await publication('Free Culture');
    // 352 pages: long enough to be caught in the middle.
    const pdf = fs.readFileSync(path.join(CORPUS, 'en-freeculture-352pages.pdf'));
    const r = await api(servers[0]!.base, 'POST', `/api/v1/publications/${slug}/files?name=freeculture.pdf`, pdf, {
      'Content-Type': 'application/pdf',
    });
    assert.equal(r.status, 202, await r.clone().text());
    let holder: (typeof servers)[0] | undefined;
    const held = await within(60_000, async () => {
      const [job] = await jobs(slug);
      holder = servers.find((s) => job?.state === 'running' && job.lease_owner?.split(':')[1] === String(s.proc.pid));
      return holder !== undefined;
    });
    assert.ok(held !== null && holder, `an instance took the job: ${JSON.stringify(await jobs(slug))}`);
    const survivor = servers.find((s) => s !== holder)!;
    holder.proc.kill('SIGKILL');
    await new Promise((resolve) =>
      holder!.proc.exitCode !== null ? resolve(null) : holder!.proc.once('exit', resolve),
    );
    const finished = await within(240_000, async () => (await jobs(slug))[0]?.state === 'done');
    const [job, ...more] = await jobs(slug);
    assert.ok(finished !== null, `the job was finished: ${JSON.stringify(job)}`);
    assert.equal(more.length, 0, 'still one job');
    assert.equal(job!.attempts, 2, 'taken over once');
    assert.equal(await fileCount(slug), 1, 'one file, not two');
    assert.match(await (await fetch(`${survivor.base}/publications/${slug}`)).text(), /freeculture\.pdf/);
    // nginx keeps serving through the survivor.
    assert.equal((await fetch(`${proxy}/publications/${slug}`)).status, 200);
  });
});
