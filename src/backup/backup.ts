// `kitap backup DIR`: one consistent snapshot of the library. The database is read in one REPEATABLE READ
// transaction (every table, and the list of files, as of one moment) and written table by table as JSON lines;
// then each file the snapshot needs is copied into DIR/files by its checksum, unless an earlier snapshot
// already did, and verified on the way. The snapshot becomes visible (renamed into place) only when complete.
// The one place outside src/store/ with SQL of its own, with src/archive/: a dump of whole tables, whatever
// their columns (src/archive/tables.ts lists them).
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { BACKUP_TABLES } from '../archive/tables.ts';
import type { Db } from '../db/db.ts';
import { appliedVersions } from '../db/migrate.ts';
import { hashFile } from '../files/hash.ts';
import type { FileStore } from '../files/store.ts';
import { isBlobReferenced } from '../store/blobs.ts';
import { neededBlobs, type NeededBlob } from '../store/fixity.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  blobPath,
  type Manifest,
  newSnapshotId,
  openBackupDir,
  removeLeftovers,
  snapshotDir,
  snapshotsDir,
  syncDir,
} from './layout.ts';

const FETCH_ROWS = 500;

/** Writes every table's rows to dbDir/<table>.jsonl.gz in one snapshot transaction, with the files it needs. */
async function dumpDatabase(
  db: Db,
  dbDir: string,
): Promise<{ tables: Manifest['tables']; blobs: NeededBlob[]; migrations: number[] }> {
  return db.tx(async (t) => {
    // The first statement of the transaction: every read below sees the same moment.
    await t.query('set transaction isolation level repeatable read');
    const tables: Manifest['tables'] = [];
    for (const name of BACKUP_TABLES) {
      const file = path.join(dbDir, `${name}.jsonl.gz`);
      const out = fs.createWriteStream(file, { mode: 0o600 });
      const gzip = zlib.createGzip({ level: 6 });
      const done = pipeline(gzip, out);
      let rows = 0;
      // to_jsonb keeps every value exactly (timestamps to the microsecond, numbers, arrays), as SQL reads it back.
      await t.query(`declare kitap_backup no scroll cursor for select to_jsonb(r)::text as j from ${name} r`);
      for (;;) {
        const batch = await t.query<{ j: string }>(`fetch forward ${FETCH_ROWS} from kitap_backup`);
        for (const { j } of batch) if (!gzip.write(`${j}\n`)) await once(gzip, 'drain');
        rows += batch.length;
        if (batch.length < FETCH_ROWS) break;
      }
      await t.query('close kitap_backup');
      gzip.end();
      await done;
      tables.push({ name, rows, file: `db/${name}.jsonl.gz`, sha256: (await hashFile(file))!.sha256 });
    }
    const blobs = await neededBlobs(t);
    const migrations = await appliedVersions(t);
    return { tables, blobs, migrations };
  });
}

class VanishedBlob extends Error {
  constructor(readonly blob: NeededBlob) {
    super(`file ${blob.sha256} is gone from the file store`);
  }
}

/** Copies a blob into DIR/files unless it is there; the copy is checked against its name before it counts. */
async function copyBlob(store: FileStore, dir: string, blob: NeededBlob): Promise<{ copied: boolean; size: number }> {
  const dest = blobPath(dir, blob.sha256);
  if (fs.existsSync(dest)) return { copied: false, size: fs.statSync(dest).size };
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  const tmp = path.join(path.dirname(dest), `.${blob.sha256}.${process.pid}.tmp`);
  const input = await store.read(blob.sha256);
  if (!input) throw new VanishedBlob(blob);
  const hash = createHash('sha256');
  let size = 0;
  input.on('data', (chunk) => {
    hash.update(chunk as Buffer);
    size += chunk.length;
  });
  try {
    const out = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    await pipeline(input, out);
    const actual = hash.digest('hex');
    if (actual !== blob.sha256)
      throw new BackupError(
        `file ${blob.sha256} in the file store is damaged (its bytes read as ${actual}), used by ${blob.used_by.join('; ')}: not backed up; run "kitap fixity" and restore it from an earlier backup`,
      );
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, dest);
    return { copied: true, size };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export interface BackupSummary {
  id: string;
  dir: string;
  records: Record<string, number>;
  files: number;
  bytes: number;
  copied: number;
  copiedBytes: number;
}

/** Writes one snapshot into DIR (created if missing); resolves once it is complete and visible. */
export async function writeBackup(db: Db, store: FileStore, dir: string): Promise<BackupSummary> {
  openBackupDir(dir, true);
  removeLeftovers(dir);
  const id = newSnapshotId(dir);
  const partial = path.join(snapshotsDir(dir), `.partial-${id}-${process.pid}`);
  const onSignal = (signal: NodeJS.Signals) => {
    fs.rmSync(partial, { recursive: true, force: true });
    process.stderr.write(`backup stopped by ${signal}: no snapshot was written\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // A file removed between the snapshot and its copy (a member of staff replaced it meanwhile): the
    // snapshot is taken again; the files already copied stay, so a second attempt copies only what changed.
    for (let attempt = 1; ; attempt++) {
      fs.rmSync(partial, { recursive: true, force: true });
      fs.mkdirSync(path.join(partial, 'db'), { recursive: true, mode: 0o700 });
      const { tables, blobs, migrations } = await dumpDatabase(db, path.join(partial, 'db'));
      let copied = 0;
      let copiedBytes = 0;
      const files: Manifest['files'] = [];
      try {
        for (const blob of blobs) {
          const r = await copyBlob(store, dir, blob);
          if (r.copied) {
            copied++;
            copiedBytes += r.size;
          }
          files.push({ sha256: blob.sha256, size: r.size, used_by: blob.used_by });
        }
      } catch (err) {
        if (!(err instanceof VanishedBlob)) throw err;
        if (attempt < 3 && !(await isBlobReferenced(db, err.blob.sha256))) continue;
        throw new BackupError(
          `file ${err.blob.sha256} is missing from the file store ${store.location}, used by ${err.blob.used_by.join('; ')}: run "kitap fixity" and restore it from an earlier backup`,
        );
      }
      const manifest: Manifest = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        id,
        created_at: new Date().toISOString(),
        database: db.kind,
        schema_version: migrations.at(-1) ?? 0,
        migrations,
        tables,
        files,
        copied,
        copied_bytes: copiedBytes,
      };
      const manifestFile = path.join(partial, 'manifest.json');
      fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
      for (const f of [manifestFile, ...tables.map((t) => path.join(partial, t.file))]) {
        const fd = fs.openSync(f, 'r');
        fs.fsyncSync(fd);
        fs.closeSync(fd);
      }
      syncDir(path.join(partial, 'db'));
      syncDir(partial);
      fs.renameSync(partial, snapshotDir(dir, id));
      syncDir(snapshotsDir(dir));
      return {
        id,
        dir,
        records: Object.fromEntries(tables.map((t) => [t.name, t.rows])),
        files: files.length,
        bytes: files.reduce((n, f) => n + f.size, 0),
        copied,
        copiedBytes,
      };
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    fs.rmSync(partial, { recursive: true, force: true });
  }
}
