// `kitap restore DIR [--snapshot ID]`: a backup's snapshot back into an empty database (PGlite under
// DATA_DIR or DATABASE_URL). Everything is checked before anything is written — each table dump and each file
// against the SHA-256 its manifest gives — then the rows go in one transaction, and the files into the file
// store before it commits, so that no row ever points to a missing file. A run killed half-way leaves no row,
// complete files that the next run stores again and finds there, and a partial one in the store's tmp/, which the
// next run removes.
// The one place outside src/store/ with SQL of its own, with src/archive/: table dumps loaded whatever their columns.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { rebuildSearch, resetSequences, rowsIn } from '../archive/load.ts';
import { removePartialWrites } from '../archive/staging.ts';
import { BACKUP_TABLES } from '../archive/tables.ts';
import type { Db } from '../db/db.ts';
import { appliedVersions, knownVersions, migrate, pendingMigrations } from '../db/migrate.ts';
import { hashFile, hashStored } from '../files/hash.ts';
import type { FileStore } from '../files/store.ts';
import { BackupError, blobPath, listSnapshots, openBackupDir, readManifest, snapshotDir } from './layout.ts';

const BATCH_ROWS = 1000;
const BATCH_BYTES = 8 * 1024 * 1024;

/** The snapshot asked for, or the latest complete one. */
export function chooseSnapshot(dir: string, id?: string): string {
  openBackupDir(dir, false);
  const all = listSnapshots(dir);
  if (!all.length) throw new BackupError(`${dir} holds no complete snapshot`);
  if (id === undefined) return all.at(-1)!;
  if (!all.includes(id)) throw new BackupError(`no snapshot ${id} in ${dir}; there are: ${all.join(', ')}`);
  return id;
}

export interface RestoreSummary {
  id: string;
  records: Record<string, number>;
  files: number;
}

export async function restoreBackup(db: Db, store: FileStore, dir: string, snapshot?: string): Promise<RestoreSummary> {
  const id = chooseSnapshot(dir, snapshot);
  const manifest = readManifest(dir, id);
  if ((await rowsIn(db, BACKUP_TABLES)) > 0)
    throw new BackupError(
      'the database is not empty: restore only into an empty one (a new DATA_DIR, or a new PostgreSQL database)',
    );
  // The rows go back into the schema they were read from: an empty database is migrated to exactly the
  // snapshot's migrations, loaded, then brought up to date by the migrations that came after (which convert
  // old rows as an upgrade does).
  const known = new Set(knownVersions());
  const newer = manifest.migrations.filter((v) => !known.has(v));
  if (newer.length)
    throw new BackupError(
      `snapshot ${id} comes from a newer Kitap (migrations ${newer.join(', ')} are unknown here): upgrade Kitap first`,
    );
  const snap = new Set(manifest.migrations);
  const ahead = (await appliedVersions(db)).filter((v) => !snap.has(v));
  if (ahead.length)
    throw new BackupError(
      `the database already has migrations the snapshot lacks (${ahead.join(', ')}): restore into a new database ` +
        '(a new DATA_DIR, or a PostgreSQL database no Kitap has started on); it is brought up to date after the restore',
    );

  // Checked first, all of it: a damaged backup is refused before the database is touched.
  for (const t of manifest.tables) {
    const got = await hashFile(path.join(snapshotDir(dir, id), t.file));
    if (!got) throw new BackupError(`snapshot ${id}: ${t.file} is missing`);
    if (got.sha256 !== t.sha256) throw new BackupError(`snapshot ${id}: ${t.file} is damaged (its checksum differs)`);
  }
  for (const f of manifest.files) {
    const got = await hashFile(blobPath(dir, f.sha256));
    if (!got) throw new BackupError(`file ${f.sha256} (${f.used_by.join('; ')}) is missing from ${dir}/files`);
    if (got.sha256 !== f.sha256)
      throw new BackupError(
        `file ${f.sha256} (${f.used_by.join('; ')}) is damaged in ${dir}/files (its bytes read as ${got.sha256}); an older snapshot cannot help, they share it`,
      );
  }

  removePartialWrites(store);
  await migrate(db, (v) => snap.has(v));
  const later = (await pendingMigrations(db)).length > 0;
  const tables = manifest.tables.map((t) => t.name);
  const records: Record<string, number> = {};
  const added: string[] = [];
  try {
    await db.tx(async (t) => {
      // Each table goes in through one insert from a staging table, so a row may refer to a later row of the
      // same table (a translation, a newer version) without the order of the dump mattering.
      await t.query('create temporary table kitap_restore (j jsonb) on commit drop');
      for (const entry of manifest.tables) {
        const name = entry.name;
        records[name] = entry.rows;
        if (!(await t.one<{ t: string | null }>('select to_regclass($1)::text as t', [name]))?.t)
          throw new BackupError(`snapshot ${id} has a table ${name} that its schema lacks: the backup is not whole`);
        if (!entry.rows) continue;
        const lines = readline.createInterface({
          input: fs.createReadStream(path.join(snapshotDir(dir, id), entry.file)).pipe(zlib.createGunzip()),
          crlfDelay: Number.POSITIVE_INFINITY,
        });
        let batch: string[] = [];
        let bytes = 0;
        const flush = async () => {
          if (!batch.length) return;
          await t.query('insert into kitap_restore select value from jsonb_array_elements($1::jsonb)', [
            `[${batch.join(',')}]`,
          ]);
          batch = [];
          bytes = 0;
        };
        for await (const line of lines) {
          if (!line) continue;
          batch.push(line);
          bytes += line.length;
          if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
        }
        await flush();
        await t.query(`insert into ${name} select r.* from kitap_restore, jsonb_populate_record(null::${name}, j) r`);
        await t.query('truncate kitap_restore');
      }
      await resetSequences(t, tables);
      // The search index with the rows, in the same transaction — unless later migrations must run first.
      if (!later) await rebuildSearch(t);
      for (const f of manifest.files) {
        // A copy already in the store counts only if its bytes are right (a data folder restored into twice).
        if ((await store.exists(f.sha256)) && (await hashStored(store, f.sha256))?.sha256 !== f.sha256)
          await store.delete(f.sha256);
        const put = await store.put(fs.createReadStream(blobPath(dir, f.sha256)));
        if (put.sha256 !== f.sha256) throw new BackupError(`file ${f.sha256} changed while it was restored`);
        if (!put.existed) added.push(f.sha256);
      }
    });
  } catch (err) {
    for (const sha of added) await store.delete(sha);
    throw err;
  }
  if (later) {
    // An older snapshot: the upgrade's migrations, then the index (a stop in between leaves every record
    // restored; the server builds a missing index at start).
    await migrate(db);
    await db.tx(rebuildSearch);
  }
  return { id, records, files: manifest.files.length };
}
