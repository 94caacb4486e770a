// Issue 18: `kitap demo remove` takes the demo catalogue and its sample files out, and leaves what staff made,
// on the embedded database and on a PostgreSQL server.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { openDb, type Db } from '../src/db/db.ts';
import { readCatalogue } from '../src/demo/load.ts';
import { createPublication } from '../src/store/publications.ts';
import { BACKENDS, createPgDatabase, postgresAvailable, pubInput } from './helpers.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/kitap.js');

async function kitap(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      timeout: 300_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

for (const backend of BACKENDS) {
  test(`kitap demo remove on ${backend}`, async (ctx) => {
    if (backend === 'postgres' && !(await postgresAvailable())) return ctx.skip('PostgreSQL not reachable');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-demo-remove-'));
    const pg = backend === 'postgres' ? await createPgDatabase() : null;
    const env: Record<string, string> = { DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
    const open = () => openDb({ databaseUrl: pg?.url, pgliteDir: path.join(dataDir, 'pglite') });
    const count = async (db: Db, sql: string) =>
      (await db.one<{ n: number }>(`select count(*)::int as n from (${sql}) x`))!.n;
    try {
      const loaded = await kitap(['load-demo'], env);
      assert.equal(loaded.code, 0, loaded.stderr);
      const catalogue = readCatalogue();
      let db = await open();
      assert.equal(await count(db, 'select 1 from publications'), catalogue.publications.length);
      const samples = (
        await db.query<{ sha256: string }>(
          'select sha256 from files where is_sample union select cover_sha256 from files where is_sample and cover_sha256 is not null',
        )
      ).map((r) => r.sha256);
      assert.ok(samples.length > 0);
      // Staff's own record names an organisation of the demo: both stay.
      const org = (await db.one<{ name: Record<string, string> }>(
        'select name from organisations order by id limit 1',
      ))!.name;
      await createPublication(
        db,
        pubInput({ slug: 'staff-own-report', organisations: [{ name: Object.values(org)[0]!, role: 'publisher' }] }),
      );
      await db.close();

      assert.equal((await kitap(['demo'], env)).code, 2);
      const removed = await kitap(['demo', 'remove'], env);
      assert.equal(removed.code, 0, removed.stderr);
      assert.match(
        removed.stdout,
        new RegExp(
          `demo catalogue removed: ${catalogue.publications.length} publications, \\d+ organisations, people, projects and topics, ${samples.length} stored files`,
        ),
      );

      db = await open();
      assert.deepEqual(
        (await db.query<{ slug: string }>('select slug from publications')).map((r) => r.slug),
        ['staff-own-report'],
      );
      assert.equal(await count(db, 'select 1 from organisations'), 1, 'the organisation staff named stays');
      assert.equal(await count(db, 'select 1 from people'), 0);
      assert.equal(await count(db, 'select 1 from files'), 0);
      await db.close();
      for (const sha of samples)
        assert.equal(fs.existsSync(path.join(dataDir, 'files', sha.slice(0, 2), sha)), false, sha);
      // Running it again finds nothing to remove.
      assert.match((await kitap(['demo', 'remove'], env)).stdout, /removed: 0 publications/);
    } finally {
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
