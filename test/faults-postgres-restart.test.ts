// The PostgreSQL server restarted under load (issue 16 item 6): `kitap serve` on a cluster of its own (never the
// shared one other tests use), readers asking all the while; the cluster stopped: every answer a quick 503 with
// Retry-After and the translated page (no 500, no stack, no hang, no crash); started again: the library answers
// by itself. Needs the PostgreSQL 15 server binaries and root (the cluster runs as user postgres); skips otherwise.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { freePort } from '../bench/server.ts';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { makePublication, startServer, stopServer } from './helpers.ts';

const BIN = '/usr/lib/postgresql/15/bin';
const skip = !fs.existsSync(`${BIN}/pg_ctl`)
  ? `no PostgreSQL server binaries in ${BIN}`
  : process.getuid?.() !== 0
    ? 'not root: cannot run a cluster as user postgres'
    : false;

/** A PostgreSQL cluster of this test's own in a temporary folder, on a free port, run as user postgres. */
class Cluster {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-pgcluster-'));
  port = 0;
  private pgCtl(...args: string[]) {
    // No pipes: the server pg_ctl starts would hold them open, and execFileSync would wait for it to exit.
    execFileSync('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, '-D', `${this.dir}/data`, ...args], {
      stdio: 'ignore',
      timeout: 60_000,
    });
  }
  async init() {
    this.port = await freePort();
    fs.chmodSync(this.dir, 0o755);
    execFileSync('chown', ['postgres:postgres', this.dir]);
    execFileSync(
      'runuser',
      ['-u', 'postgres', '--', `${BIN}/initdb`, '-D', `${this.dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync'],
      {
        stdio: 'pipe',
        timeout: 120_000,
      },
    );
  }
  start() {
    const o = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.pgCtl('-o', o, '-l', `${this.dir}/log`, '-w', 'start');
  }
  stop(mode: 'fast' | 'immediate') {
    this.pgCtl('-m', mode, '-w', 'stop');
  }
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/kitap`;
  }
  destroy() {
    try {
      this.stop('immediate');
    } catch {
      /* not running */
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One GET with a bound on the wait: status, Retry-After, body and milliseconds; status 0 when no answer came. */
async function get(url: string, timeoutMs = 20_000) {
  const started = performance.now();
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'text/html' } });
    const body = await r.text();
    return { status: r.status, retryAfter: r.headers.get('retry-after'), body, ms: performance.now() - started };
  } catch (err) {
    return { status: 0, retryAfter: null, body: String(err), ms: performance.now() - started };
  }
}

describe('the PostgreSQL server restarted under load', { skip, timeout: 240_000 }, () => {
  const cluster = new Cluster();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-faults-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let slug = '';
  before(async () => {
    await cluster.init();
    cluster.start();
    const admin = new pg.Client({ connectionString: cluster.url.replace(/\/kitap$/, '/postgres') });
    await admin.connect();
    await admin.query('create database kitap');
    await admin.end();
    const db = await openDb({ databaseUrl: cluster.url });
    await migrate(db);
    slug = await makePublication(db, { title: { en: 'Seasonal workers in Osh' } });
    await db.close();
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: cluster.url, LOAD_DEMO: 'never' });
  });
  after(async () => {
    if (server) await stopServer(server.proc);
    cluster.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('answers 503 with Retry-After at once while the database is away, and recovers by itself', async () => {
    const base = server.base;
    let n = 0;
    // Pages that must ask the database (a new search each time: nothing cached can answer it).
    const pages = () => [
      `${base}/publications?q=workers+${++n}`,
      `${base}/ru/publications?q=${encodeURIComponent('мигранты')}+${n}`,
      `${base}/publications/${slug}`,
      `${base}/api/v1/publications?per_page=5&page=${(n % 3) + 1}`,
    ];
    for (const url of pages()) assert.equal((await get(url)).status, 200, url);

    // Readers all through the restart: every answer is 200 or 503, never 500 and never no answer.
    const statuses = new Map<number, number>();
    let loading = true;
    const readers = Array.from({ length: 8 }, async () => {
      while (loading) {
        for (const url of pages()) {
          const r = await get(url);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status !== 200 && r.status !== 503)
            assert.fail(`${url}: ${r.status} ${r.body.slice(0, 300)}\nserver log: ${server.log().slice(-3000)}`);
        }
      }
    });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      cluster.stop('immediate');

      // While it is away: a 503 page in the reader's language, with Retry-After, and no stack trace.
      const ru = await get(`${base}/ru/publications?q=${encodeURIComponent('трудовая')}`);
      assert.equal(ru.status, 503, ru.body.slice(0, 300));
      assert.match(ru.retryAfter ?? '', /^\d+$/);
      assert.match(ru.body, /<html lang="ru"/);
      assert.match(ru.body, /База данных библиотеки сейчас недоступна/);
      assert.doesNotMatch(ru.body, /\bat .+\.ts:\d+|ECONNREFUSED|Error:/);
      const api = await get(`${base}/api/v1/publications?per_page=3`);
      assert.equal(api.status, 503);
      assert.match(api.retryAfter ?? '', /^\d+$/);
      assert.equal((JSON.parse(api.body) as { error: { code: string } }).error.code, 'unavailable');
      // A load balancer's health check says so too, and sends readers to another instance.
      const health = await get(`${base}/healthz`);
      assert.equal(health.status, 503);
      assert.match(health.retryAfter ?? '', /^\d+$/);
      // A bound on the wait, not a timing measurement: a pool waiting for a connection that never comes would
      // hang until the client gives up (status 0 above), not answer in a few seconds.
      assert.ok(ru.ms < 10_000 && api.ms < 10_000, `answered in ${ru.ms.toFixed(0)} and ${api.ms.toFixed(0)} ms`);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(server.proc.exitCode, null, 'the server is still running');

      cluster.start();
      // Back by itself: no restart of Kitap, no request that has to fail first for it to notice.
      let back = false;
      for (let i = 0; i < 60 && !back; i++) {
        const r = await get(`${base}/publications?q=osh+${i}`);
        back = r.status === 200 && r.body.includes('Seasonal workers in Osh');
        if (!back) await new Promise((res) => setTimeout(res, 500));
      }
      assert.ok(back, 'the search answers again after the database is back');
    } finally {
      loading = false;
      await Promise.all(readers);
    }
    assert.ok((statuses.get(503) ?? 0) > 0, `readers saw the outage: ${JSON.stringify([...statuses])}`);
    for (const url of pages()) assert.equal((await get(url)).status, 200, url);
    assert.equal((await get(`${base}/healthz`)).status, 200);
    assert.doesNotMatch(server.log(), /uncaught|unhandled/i);
  });
});
