// Fixity as staff and the server see it (issue 16): admins read the latest checks at /admin/fixity and a warning
// on the dashboard, others are refused; the server runs the check on its own at FIXITY_INTERVAL_HOURS and logs
// each damaged file; two instances on one PostgreSQL run each scheduled check once between them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { checkFileStore } from '../src/backup/fixity.ts';
import { openDb } from '../src/db/db.ts';
import { type FileStore, LocalFileStore } from '../src/files/store.ts';
import { addFile } from '../src/store/files.ts';
import { createPublication } from '../src/store/publications.ts';
import {
  BACKENDS,
  createPgDatabase,
  postgresAvailable,
  pubInput,
  runKitap,
  startServer,
  stopServer,
} from './helpers.ts';
import { login, makeUser, openStaffApp } from './staff-helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-fixity-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Flips one byte of a stored blob, as a failing disk would. */
function damage(store: FileStore, sha256: string): void {
  const p = (store as LocalFileStore).pathOf(sha256);
  const bytes = fs.readFileSync(p);
  bytes[3] = bytes[3]! ^ 0xff;
  fs.writeFileSync(p, bytes);
}

for (const backend of BACKENDS) {
  describe(`the file checks page (${backend})`, () => {
    test('admins see what the latest check found and a warning on the dashboard; editors are refused', async (ctx) => {
      const t = await openStaffApp(backend);
      if (!t) return ctx.skip(`${backend} not available`);
      try {
        const p = await createPublication(t.db, pubInput({ title: { en: 'A report on a failing disk' } }));
        const put = await t.deps.files.put(Buffer.from('%PDF-1.4 bytes that will rot\n'));
        const fileId = await addFile(t.db, p.id, {
          sha256: put.sha256,
          original_name: 'rotten.pdf',
          media_type: 'application/pdf',
          size: put.size,
        });
        const admin = await login(t, await makeUser(t, 'admin'));
        assert.match(await (await admin.get('/admin/fixity')).text(), /No check has run yet/);
        assert.equal((await checkFileStore(t.db, t.deps.files, 'command')).problems.length, 0);
        damage(t.deps.files, put.sha256);
        const r = await checkFileStore(t.db, t.deps.files, 'schedule');
        assert.deepEqual(
          r.problems.map((x) => [x.state, x.sha256, x.used_by]),
          [['damaged', put.sha256, [`${p.slug}: rotten.pdf (file ${fileId})`]]],
        );
        const page = await admin.get('/admin/fixity');
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.ok(html.includes(put.sha256), 'the file is named');
        assert.ok(html.includes(`${p.slug}: rotten.pdf (file ${fileId})`), 'with the record that uses it');
        assert.match(html, /<td>damaged<\/td>/);
        assert.match(html, /1 file damaged or missing/);
        assert.match(html, /every checksum matches/, 'the earlier, clean check is listed too');
        assert.match(
          await (await admin.get('/admin')).text(),
          /href="\/admin\/fixity">The latest file check found 1 damaged or missing file/,
        );
        assert.match(await (await admin.get('/ru/admin/fixity')).text(), /<td>повреждён<\/td>/);
        const editor = await login(t, await makeUser(t, 'editor'));
        assert.equal((await editor.get('/admin/fixity')).status, 403);
        assert.doesNotMatch(await (await editor.get('/admin')).text(), /admin\/fixity/);
      } finally {
        await t.close();
      }
    });
  });
}

describe('the server checks on its own', () => {
  test('at FIXITY_INTERVAL_HOURS it re-reads every file and logs each damaged one', async () => {
    const dataDir = path.join(tmp, 'scheduled');
    assert.equal((await runKitap(['migrate'], { env: { DATA_DIR: dataDir } })).code, 0);
    const db = await openDb({ pgliteDir: path.join(dataDir, 'pglite') });
    const p = await createPublication(db, pubInput());
    const store = new LocalFileStore(path.join(dataDir, 'files'));
    const put = await store.put(Buffer.from('%PDF-1.4 read again by the server\n'));
    await addFile(db, p.id, {
      sha256: put.sha256,
      original_name: 'again.pdf',
      media_type: 'application/pdf',
      size: put.size,
    });
    await db.close();
    damage(store, put.sha256);
    // 0.0005 hours: the first check about two seconds after the start.
    const server = await startServer({ DATA_DIR: dataDir, LOAD_DEMO: 'never', FIXITY_INTERVAL_HOURS: '0.0005' });
    try {
      while (!/fixity: 1 stored files damaged or missing/.test(server.log())) {
        assert.equal(server.proc.exitCode, null, server.log());
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(server.log().includes(`DAMAGED (reads as `), 'the log names the damage');
      assert.ok(server.log().includes(`${put.sha256}: ${p.slug}: again.pdf`), 'and the file');
    } finally {
      await stopServer(server.proc);
    }
  });
});

describe('two instances on one PostgreSQL', () => {
  test('each runs the scheduled check at its time, but a check runs once: the second finds it begun and says so', async (ctx) => {
    if (!(await postgresAvailable())) return ctx.skip('PostgreSQL not reachable');
    const created = await createPgDatabase();
    const servers: Awaited<ReturnType<typeof startServer>>[] = [];
    try {
      // One database and one file folder (as a shared disk would be) for both. No check has run yet: each
      // instance plans the first an interval (18 s) after its own start, and they start together, so the
      // second one's time comes when the first has begun the check.
      const env = {
        DATABASE_URL: created.url,
        DATA_DIR: path.join(tmp, 'two'),
        LOAD_DEMO: 'never',
        FIXITY_INTERVAL_HOURS: '0.005',
      };
      assert.equal((await runKitap(['migrate'], { env })).code, 0);
      const db = await openDb({ databaseUrl: created.url });
      try {
        const p = await createPublication(db, pubInput());
        const put = await new LocalFileStore(path.join(env.DATA_DIR, 'files')).put(Buffer.from('%PDF-1.4 two\n'));
        await addFile(db, p.id, {
          sha256: put.sha256,
          original_name: 'two.pdf',
          media_type: 'application/pdf',
          size: put.size,
        });
      } finally {
        await db.close();
      }
      servers.push(...(await Promise.all([startServer(env), startServer(env)])));
      // Each instance either checks (and logs the result) or finds the check begun by the other.
      const ran = (s: (typeof servers)[number]) => /fixity: every checksum matches/.test(s.log());
      const skipped = (s: (typeof servers)[number]) => /fixity: this check was begun elsewhere/.test(s.log());
      // A bound against a hang, not a timing.
      for (let i = 0; i < 1200 && !servers.every((s) => ran(s) || skipped(s)); i++) {
        for (const s of servers) assert.equal(s.proc.exitCode, null, s.log());
        await new Promise((r) => setTimeout(r, 100));
      }
      const check = await openDb({ databaseUrl: created.url });
      try {
        const runs = await check.query<{ trigger: string; files_checked: number; done: boolean }>(
          'select trigger, files_checked, finished_at is not null as done from fixity_runs order by started_at',
        );
        assert.deepEqual(runs, [{ trigger: 'schedule', files_checked: 1, done: true }], 'one check, recorded once');
      } finally {
        await check.close();
      }
      const said = servers.map((s) => (ran(s) ? 'ran' : skipped(s) ? 'skipped' : 'nothing'));
      assert.deepEqual(said.sort(), ['ran', 'skipped'], servers.map((s) => s.log()).join('\n'));
    } finally {
      for (const s of servers) await stopServer(s.proc);
      await created.drop();
    }
  });
});
