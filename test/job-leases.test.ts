// Several instances on one PostgreSQL share the ingest queue: each job is claimed by one worker only (FOR
// UPDATE SKIP LOCKED), under a lease it renews while it works; a job whose instance died (its lease ran out)
// is finished by another; a job under a live lease is left alone; `kitap ingest` run beside a server holds its
// job as a worker does, so the server does not read the same PDF again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDb, type Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { IngestWorker, queueIngest } from '../src/ingest/jobs.ts';
import { publicationIdBySlug } from '../src/store/publications.ts';
import {
  createPgDatabase,
  makePublication,
  openTestApp,
  postgresAvailable,
  runKitap,
  startServer,
  stopServer,
  type TestApp,
} from './helpers.ts';
import { reportPdf } from './ingest-helpers.ts';
import { CORPUS, skipWithoutCorpus } from './pdf-corpus.ts';

interface Job {
  id: number;
  state: string;
  attempts: number;
  lease_owner: string | null;
}

describe('two instances on one PostgreSQL share the ingest queue', () => {
  let t: TestApp | null;
  let second: Db;
  let publicationId = 0;
  before(async () => {
    t = await openTestApp('postgres', { INGEST_LEASE_S: '60' });
    if (!t) return;
    second = await openDb({ databaseUrl: t.deps.config.DATABASE_URL });
    publicationId = (await publicationIdBySlug(t.db, await makePublication(t.db, { status: 'published' })))!;
  });
  after(async () => {
    await second?.close();
    await t?.close();
  });

  const jobs = (db: Db) => db.query<Job>('select id, state, attempts, lease_owner from ingest_jobs order by id');
  async function until(what: string, done: () => Promise<boolean>) {
    const deadline = Date.now() + 120_000;
    while (!(await done())) {
      assert.ok(Date.now() < deadline, what);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const queue = (n: number) =>
    queueIngest(t!.deps, reportPdf(), { publicationId, originalName: `report-${n}.pdf`, language: 'en' });

  test('eight jobs, two workers: each job is run once, by one of them, and never changes hands', async (ctx) => {
    if (!t) return ctx.skip('PostgreSQL not reachable');
    for (let i = 0; i < 8; i++) await queue(i);
    const one = new IngestWorker(t.deps, 100);
    const two = new IngestWorker({ ...t.deps, db: second }, 100);
    const claimedBy = new Map<number, Set<string>>();
    // Who holds each job while it runs: seen from outside, as often as the test can look.
    const watch = setInterval(async () => {
      for (const j of await jobs(t!.db).catch(() => []))
        if (j.lease_owner) claimedBy.set(j.id, (claimedBy.get(j.id) ?? new Set()).add(j.lease_owner));
    }, 20);
    one.start();
    two.start();
    try {
      await until('every job ended', async () => (await jobs(t!.db)).every((j) => j.state === 'done'));
    } finally {
      clearInterval(watch);
      await Promise.all([one.stop(), two.stop()]);
    }
    const ended = await jobs(t.db);
    assert.deepEqual(
      ended.map((j) => j.attempts),
      ended.map(() => 1),
      'no job was started twice',
    );
    assert.ok(
      [...claimedBy.values()].every((owners) => owners.size === 1),
      'no job changed hands',
    );
    for (const owners of claimedBy.values()) for (const o of owners) assert.ok([one.owner, two.owner].includes(o), o);
    assert.equal(
      (await t.db.one<{ n: number }>('select count(*)::int as n from files where publication_id = $1', [
        publicationId,
      ]))!.n,
      8,
    );
  });

  test('a job left running by an instance that died is finished by another once its lease runs out; a live lease is respected', async (ctx) => {
    if (!t) return ctx.skip('PostgreSQL not reachable');
    const dead = await queue(100);
    const alive = await queue(101);
    // The instance that died had started `dead`; another, still working, holds `alive` for a minute.
    await t.db.query(
      `update ingest_jobs set state = 'running', attempts = 1, lease_owner = 'gone:1', lease_until = now() - interval '1 second' where id = $1`,
      [dead],
    );
    await t.db.query(
      `update ingest_jobs set state = 'running', attempts = 1, lease_owner = 'busy:2', lease_until = now() + interval '1 minute' where id = $1`,
      [alive],
    );
    const worker = new IngestWorker({ ...t.deps, db: second }, 100);
    worker.start();
    try {
      await until("the dead instance's job ended", async () =>
        (await jobs(t!.db)).some((j) => j.id === dead && j.state === 'done'),
      );
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await worker.stop();
    }
    const after = new Map((await jobs(t.db)).map((j) => [j.id, j]));
    assert.equal(after.get(dead)!.attempts, 2);
    assert.equal(after.get(alive)!.state, 'running', 'the job under a live lease was left to its instance');
    assert.equal(after.get(alive)!.lease_owner, 'busy:2');
  });
});

describe('`kitap ingest` beside a server on one PostgreSQL', { skip: skipWithoutCorpus }, () => {
  test('the command reads the PDF, the server leaves its job alone: one run, one file, the file the command names', async (ctx) => {
    if (!(await postgresAvailable())) return ctx.skip('PostgreSQL not reachable');
    const created = await createPgDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-beside-'));
    const env = { DATABASE_URL: created.url, DATA_DIR: dataDir, LOAD_DEMO: 'never' };
    let server: Awaited<ReturnType<typeof startServer>> | null = null;
    try {
      const db = await openDb({ databaseUrl: created.url });
      try {
        await migrate(db);
        await makePublication(db, { slug: 'geotopo', download: true, title: { en: 'Geotopes' } });
      } finally {
        await db.close();
      }
      server = await startServer(env);
      // 117 pages: the command reads for several seconds, over many of the server worker's polls for work.
      const r = await runKitap(['ingest', `${CORPUS}de-geotopo-117pages.pdf`, '--publication', 'geotopo'], {
        env,
        timeoutMs: 600_000,
      });
      assert.equal(r.code, 0, r.stderr);
      const named = Number(/file (\d+)/.exec(r.stdout)?.[1]);
      const check = await openDb({ databaseUrl: created.url });
      try {
        const ended = await check.query<{
          state: string;
          attempts: number;
          file_id: number;
          lease_owner: string | null;
        }>('select state, attempts, file_id, lease_owner from ingest_jobs');
        assert.deepEqual(ended, [{ state: 'done', attempts: 1, file_id: named, lease_owner: null }]);
        const files = await check.query<{ id: number }>('select id from files');
        assert.deepEqual(files, [{ id: named }], 'one file row, the one the command printed');
      } finally {
        await check.close();
      }
      assert.doesNotMatch(server.log(), /ingest started/, 'the server did not read it too');
    } finally {
      if (server) await stopServer(server.proc);
      await created.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
