// kill -9 in the middle of the long writes (issue 16 item 6), as an operator's power cut or OOM killer would:
// an ingest (`kitap ingest` reading a real PDF in its worker process), an import (`kitap import` of a big CSV)
// and a restore (`kitap restore` of an export FILE.tar.gz, and of a backup DIR, with files), each on PGlite and
// on PostgreSQL. After each, the restart finishes the work or it was rolled back whole: no half of the rows, no
// blob that no row points to, no partial file, no staging folder, no orphaned worker process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { openDb, type Db } from '../src/db/db.ts';
import { LocalFileStore as FileStore } from '../src/files/store.ts';
import { unreferencedBlobs } from '../src/store/blobs.ts';
import { addFile } from '../src/store/files.ts';
import { CORPUS, skipWithoutCorpus } from './pdf-corpus.ts';
import { createPgDatabase, makePublication, postgresAvailable, runKitap, startServer, stopServer } from './helpers.ts';
import { migrate } from '../src/db/migrate.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-kill-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const KITAP = path.resolve('bin/kitap.js');

/** Every process whose parent is pid, and theirs: /proc/<pid>/task/<tid>/children. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let kids = '';
      try {
        kids = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8');
      } catch {
        /* gone */
      }
      for (const k of kids.split(' ').filter(Boolean).map(Number)) out.push(k, ...descendants(k));
    }
  };
  walk(pid);
  return out;
}
const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '?';
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

/**
 * Runs `kitap ARGS` and kills it with SIGKILL once `ready(stderr)` resolves true (polled every 50 ms); resolves
 * with its output, whether it was killed, and the processes it had started (alive or not after the kill).
 */
async function killDuring(
  args: string[],
  env: Record<string, string>,
  ready: (stderr: string, pid: number) => boolean | Promise<boolean>,
): Promise<{ killed: boolean; code: number | null; stderr: string; children: number[]; pid: number }> {
  const child = spawn(process.execPath, [KITAP, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let children: number[] = [];
  let killed = false;
  while (child.exitCode === null) {
    if (await ready(stderr, child.pid!)) {
      children = descendants(child.pid!);
      killed = child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const code = await exited;
  return { killed: killed && code === null, code, stderr, children, pid: child.pid! };
}

/** Every checksum in the store. */
async function shas(store: FileStore): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.entries()) out.push(e.sha256);
  return out;
}

/** Blobs of the store no row points to, and what is left in its tmp/. */
async function leftovers(db: Db, filesDir: string) {
  const store = new FileStore(filesDir);
  return {
    orphans: await unreferencedBlobs(db, await shas(store)),
    partial: fs.existsSync(`${filesDir}/tmp`) ? fs.readdirSync(`${filesDir}/tmp`) : [],
  };
}

/** A database of the kind: PGlite in DATA_DIR, or a throwaway one on the PostgreSQL server. */
async function database(
  kind: 'pglite' | 'postgres',
  dataDir: string,
): Promise<{ env: Record<string, string> & { DATA_DIR: string }; url?: string; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { env: { DATA_DIR: dataDir }, drop: async () => {} };
  const created = await createPgDatabase();
  return { env: { DATA_DIR: dataDir, DATABASE_URL: created.url }, url: created.url, drop: created.drop };
}
const open = (d: { url?: string; env: { DATA_DIR: string } }) =>
  openDb(d.url ? { databaseUrl: d.url } : { pgliteDir: path.join(d.env.DATA_DIR, 'pglite') });

/** Whether a session other than ours has a transaction open on the database (PostgreSQL only). */
async function inTransaction(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null and state <> 'idle'",
    );
    return (r.rows[0] as { n: number }).n > 0;
  } finally {
    await c.end();
  }
}

for (const kind of ['pglite', 'postgres'] as const)
  describe(`kill -9 during an ingest (${kind})`, { skip: skipWithoutCorpus }, () => {
    test('the restarted server finishes the job: one file, its pages, no orphan blob, no partial file, no worker left', async (t) => {
      if (kind === 'postgres' && !(await postgresAvailable())) return t.skip('PostgreSQL not reachable');
      const dataDir = path.join(tmp, `ingest-${kind}`);
      const d = await database(kind, dataDir);
      try {
        const db = await open(d);
        await migrate(db);
        await makePublication(db, { slug: 'geotopo', download: true, title: { en: 'Geotopes' } });
        await db.close();

        const pdf = `${CORPUS}de-geotopo-117pages.pdf`;
        // The command holds its job under a lease, as a worker does; on PostgreSQL the server takes the job over
        // once it runs out (5 s here rather than a minute).
        const env = { ...d.env, INGEST_LEASE_S: '5' };
        // Killed once the PDF is being read: the command prints its progress, or, where the pages are read faster
        // than it asks (every 500 ms; poppler reads these 117 pages in a fifth of a second), its worker process runs.
        const run = await killDuring(
          ['ingest', pdf, '--publication', 'geotopo'],
          env,
          (e, pid) => /page \d+ of \d+/.test(e) || descendants(pid).length > 0,
        );
        assert.ok(run.killed, `killed mid-way (exit ${run.code}): ${run.stderr}`);
        assert.ok(run.children.length > 0, 'the PDF was being read in a worker process');
        // The worker notices its parent is gone when its event loop next turns (between pages): a bound, not a timing.
        const names = run.children.map(cmdline);
        for (let i = 0; i < 150 && run.children.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
        for (const [i, pid] of run.children.entries())
          assert.equal(alive(pid), false, `${pid} (${names[i]}) still runs 15 s after its parent was killed`);

        const server = await startServer({ ...env, LOAD_DEMO: 'never' });
        try {
          let done = false;
          for (let i = 0; i < 240 && !done; i++) {
            const page = await fetch(`${server.base}/publications/geotopo`)
              .then((r) => r.text())
              .catch((err: Error) =>
                assert.fail(
                  `${err.message} ${String(err.cause)} (exit ${server.proc.exitCode}): ${server.log().slice(-3000)}`,
                ),
              );
            done = /\/publications\/geotopo\/files\/\d+/.test(page);
            if (!done) await new Promise((r) => setTimeout(r, 500));
          }
          assert.ok(done, `the server finished the job: ${server.log().slice(-2000)}`);
        } finally {
          await stopServer(server.proc);
        }
        const after = await open(d);
        try {
          const jobs = await after.query<{ state: string }>('select state from ingest_jobs');
          assert.deepEqual(
            jobs.map((j) => j.state),
            ['done'],
          );
          const files = await after.query<{ pages: number; n: number }>(
            'select f.pages, (select count(*)::int from file_pages p where p.file_id = f.id) as n from files f',
          );
          assert.equal(files.length, 1, 'one file row, not two');
          assert.equal(files[0]!.pages, 117);
          assert.equal(files[0]!.n, 117, 'every page stored once');
          assert.deepEqual(await leftovers(after, path.join(dataDir, 'files')), { orphans: [], partial: [] });
        } finally {
          await after.close();
        }
      } finally {
        await d.drop();
      }
    });
  });

const ROWS = 400;
function bigCsv(): string {
  const lines = ['id,title,year,language,type'];
  for (let i = 1; i <= ROWS; i++)
    lines.push(`row-${i},"Labour migration from Osh, part ${i}: ""returning"" workers",${1995 + (i % 30)},en,report`);
  return `${lines.join('\n')}\n`;
}

/**
 * The library the restores start from — 400 publications and 12 files of 4 MB — written out by `kitap export
 * FILE.tar.gz` or `kitap backup DIR`; resolves with that file or folder.
 */
async function restoreSource(
  src: Awaited<ReturnType<typeof database>>,
  how: 'export' | 'backup',
  out: string,
): Promise<string> {
  const db = await open(src);
  try {
    await migrate(db);
    const store = new FileStore(path.join(src.env.DATA_DIR, 'files'));
    for (let i = 0; i < 400; i++) await makePublication(db, { title: { en: `Remittances study ${i}` } });
    const ids = await db.query<{ id: number }>('select id from publications order by id limit 12');
    for (const [i, { id }] of ids.entries()) {
      // 4 MB each: storing them takes long enough for the kill to land inside the restore's transaction.
      const bytes = Buffer.alloc(4 * 1024 * 1024, i + 1);
      const put = await store.put(bytes);
      await addFile(db, id, {
        sha256: put.sha256,
        original_name: `data-${i}.txt`,
        media_type: 'text/plain',
        size: bytes.length,
        text_status: 'not_applicable',
      });
    }
  } finally {
    await db.close();
  }
  const written = await runKitap([how, out], { env: src.env });
  assert.equal(written.code, 0, written.stderr);
  return out;
}

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`kill -9 during an import and a restore (${kind})`, () => {
    test('an import is all or nothing, and running it again imports every row once', async (t) => {
      if (kind === 'postgres' && !(await postgresAvailable())) return t.skip('PostgreSQL not reachable');
      const d = await database(kind, path.join(tmp, `import-${kind}`));
      try {
        const csv = path.join(tmp, `big-${kind}.csv`);
        fs.writeFileSync(csv, bigCsv());
        const db = await open(d);
        await migrate(db);
        await db.close();
        // Killed while it writes (it prints each record as it writes it, all in one transaction).
        const run = await killDuring(['import', csv, '--publish'], d.env, (e) => /\[50\/\d+\]/.test(e));
        assert.ok(run.killed, `killed mid-way (exit ${run.code}): ${run.stderr.slice(-1000)}`);
        const count = async () => {
          const c = await open(d);
          try {
            return (await c.one<{ n: number }>('select count(*)::int as n from publications'))!.n;
          } finally {
            await c.close();
          }
        };
        const afterKill = await count();
        assert.equal(afterKill, 0, 'rolled back: none of the rows written before the kill');
        const again = await runKitap(['import', csv, '--publish'], { env: d.env, timeoutMs: 600_000 });
        assert.equal(again.code, 0, again.stderr);
        assert.equal(await count(), ROWS, 'every row once');
      } finally {
        await d.drop();
      }
    });

    for (const from of ['export', 'backup'] as const)
      test(`a restore of ${from === 'export' ? 'an export FILE.tar.gz' : 'a backup DIR'} leaves no row, no staging folder and no partial file; run again it restores every record and file, no orphan`, async (t) => {
        if (kind === 'postgres' && !(await postgresAvailable())) return t.skip('PostgreSQL not reachable');
        const src = await database(kind, path.join(tmp, `${from}-src-${kind}`));
        const dst = await database(kind, path.join(tmp, `${from}-dst-${kind}`));
        try {
          const source = await restoreSource(
            src,
            from,
            path.join(tmp, `${from}-${kind}${from === 'export' ? '.tar.gz' : ''}`),
          );
          const target = await open(dst);
          // An export needs the current schema; a backup brings the database to its snapshot's schema itself.
          if (from === 'export') await migrate(target);
          await target.close();
          const filesDir = path.join(dst.env.DATA_DIR, 'files');
          // Killed while it stores the files (the last part, inside its transaction on PostgreSQL), with a file
          // half-written in the store's tmp/.
          const run = await killDuring(['restore', source], dst.env, async () =>
            fs.existsSync(filesDir) &&
            (await shas(new FileStore(filesDir))).length > 0 &&
            fs.readdirSync(path.join(filesDir, 'tmp')).length > 0
              ? !dst.url || inTransaction(dst.url)
              : false,
          );
          assert.ok(run.killed, `killed mid-way (exit ${run.code}): ${run.stderr}`);
          const staging = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`kitap-restore-${run.pid}-`));
          // All or nothing: the kill lands before the commit (nothing) or, on a fast machine, just after it (all).
          const check = await open(dst);
          let state: [number, number];
          try {
            state = [
              (await check.one<{ n: number }>('select count(*)::int as n from publications'))!.n,
              (await check.one<{ n: number }>('select count(*)::int as n from files'))!.n,
            ];
          } finally {
            await check.close();
          }
          assert.ok(
            (state[0] === 0 && state[1] === 0) || (state[0] === 400 && state[1] === 12),
            `after the kill: ${state[0]} publications and ${state[1]} files`,
          );
          t.diagnostic(`after the kill: ${state[0]} publications and ${state[1]} files`);

          // The restart: the same command again (a restore that had committed is complete already).
          if (state[0] === 0) {
            const again = await runKitap(['restore', source], { env: dst.env });
            assert.equal(again.code, 0, again.stderr);
          }
          assert.deepEqual(staging(), [], 'the killed run’s staging folder is gone');
          const done = await open(dst);
          try {
            assert.equal((await done.one<{ n: number }>('select count(*)::int as n from publications'))!.n, 400);
            assert.equal((await done.one<{ n: number }>('select count(*)::int as n from files'))!.n, 12);
            assert.deepEqual(await leftovers(done, filesDir), { orphans: [], partial: [] });
            assert.equal((await shas(new FileStore(filesDir))).length, 12);
          } finally {
            await done.close();
          }
        } finally {
          await src.drop();
          await dst.drop();
        }
      });
  });
}
