// Backups as an IT person runs them (issue 16): `kitap backup DIR` twice with changes between (the second copies
// only the new files), each snapshot restored into an empty PGlite folder and an empty PostgreSQL database and
// back, every record and file compared with the original; fixity naming a damaged and a missing file; a killed
// backup leaving no complete-looking snapshot; a restore into a library that is not empty refused.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { BACKUP_TABLES } from '../src/archive/tables.ts';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/db.ts';
import { appliedVersions, migrate } from '../src/db/migrate.ts';
import { writeBackup } from '../src/backup/backup.ts';
import { hashFile } from '../src/files/hash.ts';
import { LocalFileStore } from '../src/files/store.ts';
import { createLogger } from '../src/log.ts';
import { createApiToken } from '../src/store/api-tokens.ts';
import { addFile } from '../src/store/files.ts';
import { neededBlobs } from '../src/store/fixity.ts';
import {
  createPublication,
  publicationIdBySlug,
  refreshSearch,
  replacePublication,
} from '../src/store/publications.ts';
import { createRequest } from '../src/store/requests.ts';
import { createSession } from '../src/store/sessions.ts';
import { createUser } from '../src/store/users.ts';
import { createPgDatabase, postgresAvailable, pubInput, runKitap, startServer, stopServer } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-backup-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const kitap = (args: string[], env: Record<string, string> = {}) => runKitap(args, { env });
const lite = (dataDir: string) => openDb({ pgliteDir: path.join(dataDir, 'pglite') });

/** Adds bytes to a library as a file of a publication; returns the file's id and checksum. */
async function addBytes(db: Db, dataDir: string, slug: string, name: string, bytes: Buffer) {
  const put = await new LocalFileStore(path.join(dataDir, 'files')).put(bytes);
  const id = await addFile(db, (await publicationIdBySlug(db, slug))!, {
    sha256: put.sha256,
    original_name: name,
    media_type: 'application/pdf',
    size: put.size,
    language: 'ru',
  });
  // As the write path does after adding a file (its language is a facet value).
  await refreshSearch(db, (await publicationIdBySlug(db, slug))!);
  return { id, sha256: put.sha256 };
}

/** A small library with a bit of everything a backup must keep: records, files, a cover, text, accounts, requests, usage. */
async function populate(
  db: Db,
  dataDir: string,
): Promise<{ slugs: string[]; files: Array<{ id: number; sha256: string }> }> {
  const target = await createPublication(
    db,
    pubInput({ title: { en: 'Remittances and households', ru: 'Денежные переводы' } }),
  );
  const draft = await createPublication(db, pubInput({ status: 'draft', title: { en: 'A draft not yet shown' } }));
  const third = await createPublication(
    db,
    pubInput({ title: { en: 'Labour migration handbook' }, relations: [{ type: 'followsUp', target: target.slug }] }),
  );
  const a = await addBytes(db, dataDir, target.slug, 'доклад.pdf', Buffer.from('%PDF-1.4 переводы мигрантов\n'));
  const b = await addBytes(db, dataDir, third.slug, 'handbook.pdf', crypto.randomBytes(200_000));
  const cover = await new LocalFileStore(path.join(dataDir, 'files')).put(Buffer.from('RIFF cover of the handbook'));
  await db.query('update files set cover_sha256 = $1 where id = $2', [cover.sha256, b.id]);
  await db.query(
    `insert into file_pages (file_id, page, text) values ($1, 1, 'Денежные переводы сезонных работников')`,
    [a.id],
  );
  for (const s of [target.slug, third.slug]) await refreshSearch(db, (await publicationIdBySlug(db, s))!);
  const staff = (await createUser(db, {
    email: 'keeper@staff.test',
    role: 'admin',
    passwordHash: 'scrypt$1024$8$1$c2FsdA$aGFzaA',
  }))!;
  await createSession(db, staff.id, 14);
  await createApiToken(db, staff.id, 'nightly', null);
  await createRequest(db, {
    publication_id: (await publicationIdBySlug(db, target.slug))!,
    kind: 'order',
    name: 'Reader Person',
    organisation: null,
    email: 'reader@example.org',
    quantity: 2,
    postal_address: '1 Abay Street, Almaty',
    message: null,
    language: 'ru',
  });
  await db.query(
    `insert into stats_events (at, visitor, publication_id, file_id, country) values (now(), 'v1', $1, $2, 'KZ')`,
    [(await publicationIdBySlug(db, target.slug))!, a.id],
  );
  return { slugs: [target.slug, draft.slug, third.slug], files: [a, b] };
}

/**
 * Everything a restore must give back: every row of every backed-up table exactly as SQL reads it (in UTC), the
 * sizes of the search tables a restore rebuilds, every file the records need read back by its checksum, and what
 * readers find through the API (a search in Russian and in English, a record with its files).
 */
async function everything(db: Db, dataDir: string) {
  const tables: Record<string, string[]> = {};
  const derived: Record<string, number> = {};
  await db.tx(async (t) => {
    await t.query("set local timezone = 'UTC'");
    for (const name of BACKUP_TABLES)
      tables[name] = (await t.query<{ j: string }>(`select to_jsonb(r)::text as j from ${name} r`))
        .map((r) => r.j)
        .sort();
    for (const name of ['publication_search', 'publication_words', 'search_words', 'file_words'])
      derived[name] = (await t.one<{ n: number }>(`select count(*)::int as n from ${name}`))!.n;
  });
  const store = new LocalFileStore(path.join(dataDir, 'files'));
  const files: Record<string, string | null> = {};
  for (const b of await neededBlobs(db)) files[b.sha256] = (await hashFile(store.pathOf(b.sha256)))?.sha256 ?? null;
  const app = buildApp({
    db,
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://x' }),
    log: createLogger('silent'),
    files: store,
  });
  const api = async (p: string) => (await (await app.request(p)).json()) as { total?: number; items?: unknown[] };
  const found = {
    ru: (await api('/api/v1/publications?q=переводы')).total,
    en: (await api('/api/v1/publications?q=labour+migration')).total,
    all: (await api('/api/v1/publications')).total,
  };
  return { tables, derived, files, found };
}
type State = Awaited<ReturnType<typeof everything>>;

/** everything() of a library on disk (PGlite under dataDir, or the PostgreSQL database at url), closed afterwards. */
async function stateOf(dataDir: string, url?: string): Promise<State> {
  const db = url ? await openDb({ databaseUrl: url }) : await lite(dataDir);
  try {
    return await everything(db, dataDir);
  } finally {
    await db.close();
  }
}

/** The files of a backup folder's shared store. */
const backedUpFiles = (dir: string) =>
  fs
    .readdirSync(path.join(dir, 'files'))
    .flatMap((d) => fs.readdirSync(path.join(dir, 'files', d)).filter((f) => /^[0-9a-f]{64}$/.test(f)));
const snapshotIds = (dir: string) =>
  fs
    .readdirSync(path.join(dir, 'snapshots'))
    .filter((n) => !n.startsWith('.'))
    .sort();

describe('kitap backup and restore DIR', () => {
  const source = path.join(tmp, 'source');
  const dir = path.join(tmp, 'backups');
  let first: State;
  let second: State;
  let ids: string[] = [];
  let pgUrl: string | null = null;
  let dropPg = async () => {};
  before(async () => {
    if (await postgresAvailable()) {
      const created = await createPgDatabase();
      pgUrl = created.url;
      dropPg = created.drop;
    }
  });
  after(() => dropPg());

  test('a backup, changes, a second backup: the second copies only the new file; each snapshot is complete', async () => {
    assert.equal((await kitap(['migrate'], { DATA_DIR: source })).code, 0);
    let db = await lite(source);
    const { slugs } = await populate(db, source);
    first = await everything(db, source);
    // The comparison means something only if there is something to find.
    assert.ok(first.found.ru! > 0 && first.found.en! > 0, JSON.stringify(first.found));
    assert.equal(Object.values(first.files).filter(Boolean).length, 3, 'two files and a cover');
    await db.close();

    const r1 = await kitap(['backup', dir], { DATA_DIR: source });
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stdout, /^snapshot \d{8}T\d{6}Z written to .*: 3 publications, 3 files \(.*\); 3 files copied/m);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700, 'the folder holds password hashes: its owner only');

    // Changes: a title edited, a publication and a file added, a file record removed (its bytes stay in the backup).
    db = await lite(source);
    const id = (await publicationIdBySlug(db, slugs[0]!))!;
    await replacePublication(
      db,
      id,
      pubInput({ title: { en: 'Remittances and households, revised', ru: 'Денежные переводы' } }),
    );
    const added = await createPublication(db, pubInput({ title: { en: 'Return and reintegration' } }));
    await addBytes(db, source, added.slug, 'return.pdf', Buffer.from('%PDF-1.4 return and reintegration\n'));
    second = await everything(db, source);
    assert.notDeepEqual(second.tables.publications, first.tables.publications);
    await db.close();

    const r2 = await kitap(['backup', dir], { DATA_DIR: source });
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(r2.stdout, /4 publications, 4 files \(.*\); 1 files copied \(.*\), 3 already in the backup/);
    ids = snapshotIds(dir);
    assert.equal(ids.length, 2);
    assert.equal(backedUpFiles(dir).length, 4, 'each file once, shared by both snapshots');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'snapshots', ids[1]!, 'manifest.json'), 'utf8'));
    assert.equal(manifest.copied, 1);
    assert.equal(manifest.files.length, 4);
    for (const f of manifest.files) {
      assert.match(f.sha256, /^[0-9a-f]{64}$/);
      assert.equal(f.size, fs.statSync(path.join(dir, 'files', f.sha256.slice(0, 2), f.sha256)).size);
    }
    assert.ok(
      manifest.files.some((f: { used_by: string[] }) =>
        f.used_by.some((u) => /: cover of handbook\.pdf \(file \d+\)$/.test(u)),
      ),
      'the manifest says what uses each file',
    );
    const check = await kitap(['fixity', dir]);
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /fixity: 2 snapshots, .*every checksum matches/);
  });

  test('each snapshot restores into an empty PGlite folder: every record and file as it was', async () => {
    const one = path.join(tmp, 'restored-first');
    const r = await kitap(['restore', dir, '--snapshot', ids[0]!], { DATA_DIR: one });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`restored snapshot ${ids[0]}: 3 publications and 3 files`));
    assert.deepEqual(await stateOf(one), first);
    const two = path.join(tmp, 'restored-latest');
    assert.equal((await kitap(['restore', dir], { DATA_DIR: two })).code, 0, 'the latest by default');
    assert.deepEqual(await stateOf(two), second);
  });

  test('from PGlite into PostgreSQL and back: every record and file as it was', async (ctx) => {
    if (!pgUrl) return ctx.skip('PostgreSQL not reachable');
    const pgData = path.join(tmp, 'pg-data');
    const r = await kitap(['restore', dir], { DATA_DIR: pgData, DATABASE_URL: pgUrl });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await stateOf(pgData, pgUrl), second);
    // A backup taken from PostgreSQL, restored into PGlite.
    const fromPg = path.join(tmp, 'backups-from-pg');
    const b = await kitap(['backup', fromPg], { DATA_DIR: pgData, DATABASE_URL: pgUrl });
    assert.equal(b.code, 0, b.stderr);
    const back = path.join(tmp, 'back-in-pglite');
    assert.equal((await kitap(['restore', fromPg], { DATA_DIR: back })).code, 0);
    assert.deepEqual(await stateOf(back), second);
  });

  test('a restore into a library that is not empty is refused, and changes nothing', async (ctx) => {
    const target = path.join(tmp, 'restored-latest');
    const r = await kitap(['restore', dir], { DATA_DIR: target });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /kitap restore: the database is not empty: restore only into an empty one/);
    assert.deepEqual(await stateOf(target), second);
    assert.equal(
      (await kitap(['restore', dir, '--snapshot', '20000101T000000Z'], { DATA_DIR: path.join(tmp, 'x') })).code,
      1,
    );
    if (!pgUrl) return ctx.skip('PostgreSQL not reachable');
    const pg = await kitap(['restore', dir], { DATA_DIR: path.join(tmp, 'pg-data'), DATABASE_URL: pgUrl });
    assert.equal(pg.code, 1);
    assert.match(pg.stderr, /not empty/);
  });

  test('a backup while the server runs on PostgreSQL', async (ctx) => {
    if (!pgUrl) return ctx.skip('PostgreSQL not reachable');
    const env = {
      DATA_DIR: path.join(tmp, 'pg-data'),
      DATABASE_URL: pgUrl,
      LOAD_DEMO: 'never',
      FIXITY_INTERVAL_HOURS: '0',
    };
    const server = await startServer(env);
    try {
      const r = await kitap(['backup', path.join(tmp, 'live')], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /4 publications, 4 files/);
      assert.equal((await fetch(`${server.base}/publications`)).status, 200);
    } finally {
      await stopServer(server.proc);
    }
  });

  test('fixity names a damaged and a missing file with the records that use them, and exits 1', async () => {
    const target = path.join(tmp, 'restored-latest');
    const db = await lite(target);
    const rows = await db.query<{ id: number; sha256: string; slug: string }>(
      `select f.id, f.sha256, p.slug from files f join publications p on p.id = f.publication_id where f.original_name in ('доклад.pdf', 'return.pdf') order by f.original_name`,
    );
    await db.close();
    const [ret, report] = rows as [(typeof rows)[0], (typeof rows)[0]];
    const store = new LocalFileStore(path.join(target, 'files'));
    const good = fs.readFileSync(store.pathOf(report.sha256));
    fs.writeFileSync(
      store.pathOf(report.sha256),
      Buffer.concat([good.subarray(0, 5), Buffer.from('X'), good.subarray(6)]),
    );
    fs.rmSync(store.pathOf(ret.sha256));
    const r = await kitap(['fixity'], { DATA_DIR: target });
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stdout,
      new RegExp(
        `^DAMAGED \\(reads as [0-9a-f]{64}\\) ${report.sha256}: ${report.slug}: доклад\\.pdf \\(file ${report.id}\\)$`,
        'm',
      ),
    );
    assert.match(r.stdout, new RegExp(`^MISSING ${ret.sha256}: ${ret.slug}: return\\.pdf \\(file ${ret.id}\\)$`, 'm'));
    assert.match(r.stdout, /fixity: 4 files checked .*: 2 damaged or missing/);
    // The repair the message gives: each file copied back from the backup folder.
    for (const sha of [report.sha256, ret.sha256])
      fs.copyFileSync(path.join(dir, 'files', sha.slice(0, 2), sha), store.pathOf(sha));
    const again = await kitap(['fixity'], { DATA_DIR: target });
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /fixity: 4 files checked .*: every checksum matches/);
  });

  test('fixity over a backup folder names a damaged copy and the snapshots that use it; restore refuses it first', async () => {
    const copy = path.join(tmp, 'backups-damaged');
    fs.cpSync(dir, copy, { recursive: true });
    const sha = backedUpFiles(copy).sort()[0]!;
    fs.appendFileSync(path.join(copy, 'files', sha.slice(0, 2), sha), 'rot');
    const r = await kitap(['fixity', copy]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^DAMAGED \\(reads as [0-9a-f]{64}\\) ${sha}: (.*; )?snapshot ${ids[1]}: `, 'm'));
    const target = path.join(tmp, 'refused-damaged');
    const restore = await kitap(['restore', copy], { DATA_DIR: target });
    assert.equal(restore.code, 1);
    assert.match(restore.stderr, new RegExp(`file ${sha} .* is damaged`));
    const db = await lite(target);
    // Refused before anything is written: not a row, not even the schema.
    assert.equal((await db.one<{ t: string | null }>("select to_regclass('publications')::text as t"))!.t, null);
    await db.close();
  });
});

describe('a snapshot of an older schema', () => {
  test('is restored into that schema, then upgraded by the later migrations (0081 converts its rows)', async () => {
    // A library as an older Kitap left it: every migration before 0081, a withdrawn record with a plain-text reason.
    const old = path.join(tmp, 'old-schema');
    const db = await lite(old);
    await migrate(db, (v) => v < 81);
    await db.query(
      `insert into publications (kind, slug, title, year, languages, status, withdrawn_reason, original_language)
       values ('report', 'old-withdrawn-2019', '{"en": "An old withdrawn report"}', 2019, '{en}', 'withdrawn', 'Superseded by the 2020 edition', 'en')`,
    );
    const dir = path.join(tmp, 'old-backups');
    await writeBackup(db, new LocalFileStore(path.join(old, 'files')), dir);
    await db.close();
    const target = path.join(tmp, 'old-restored');
    const r = await kitap(['restore', dir], { DATA_DIR: target });
    assert.equal(r.code, 0, r.stderr);
    const back = await lite(target);
    try {
      const row = await back.one<{ withdrawn_reason: unknown }>(
        "select withdrawn_reason from publications where slug = 'old-withdrawn-2019'",
      );
      assert.deepEqual(row?.withdrawn_reason, { en: 'Superseded by the 2020 edition' });
      assert.ok((await appliedVersions(back)).includes(81), 'brought up to date');
    } finally {
      await back.close();
    }
    // A database already past the snapshot's schema is refused rather than loaded with rows of another shape.
    const migrated = path.join(tmp, 'already-migrated');
    assert.equal((await kitap(['migrate'], { DATA_DIR: migrated })).code, 0);
    const refused = await kitap(['restore', dir], { DATA_DIR: migrated });
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /the database already has migrations the snapshot lacks \(.*81.*\): restore into a new database/,
    );
  });
});

describe('a killed backup', () => {
  test('leaves no snapshot that looks complete; the next backup clears what it left and completes', async () => {
    const source = path.join(tmp, 'big');
    assert.equal((await kitap(['migrate'], { DATA_DIR: source })).code, 0);
    const db = await lite(source);
    const p = await createPublication(db, pubInput());
    // Large enough that the backup is still copying it when it is killed.
    await addBytes(db, source, p.slug, 'large.pdf', crypto.randomBytes(64 * 1024 * 1024));
    await db.close();
    const dir = path.join(tmp, 'killed');
    const proc = spawn(process.execPath, [path.resolve('bin/kitap.js'), 'backup', dir], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: source },
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      proc.once('exit', (_code, signal) => resolve(signal)),
    );
    const copying = () =>
      fs.existsSync(path.join(dir, 'files')) &&
      fs
        .readdirSync(path.join(dir, 'files'))
        .some((d) => fs.readdirSync(path.join(dir, 'files', d)).some((f) => f.endsWith('.tmp')));
    while (proc.exitCode === null && !copying()) await new Promise((r) => setTimeout(r, 2));
    proc.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL', 'killed while copying');
    assert.deepEqual(snapshotIds(dir), [], 'no snapshot');
    const restore = await kitap(['restore', dir], { DATA_DIR: path.join(tmp, 'from-killed') });
    assert.equal(restore.code, 1);
    assert.match(restore.stderr, /holds no complete snapshot/);
    const check = await kitap(['fixity', dir]);
    assert.match(check.stdout, /^unfinished snapshot \.partial-\d{8}T\d{6}Z-\d+ /m);
    const r = await kitap(['backup', dir], { DATA_DIR: source });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(snapshotIds(dir).length, 1);
    assert.deepEqual(
      fs.readdirSync(path.join(dir, 'snapshots')).filter((n) => n.startsWith('.')),
      [],
      'the unfinished snapshot is gone',
    );
    assert.ok(!copying(), 'no half-copied file is left');
  });
});
