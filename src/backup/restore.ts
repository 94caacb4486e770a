// `kitap restore DIR [--snapshot ID]`: a backup's snapshot back into an empty database (PGlite under
// DATA_DIR or DATABASE_URL). Everything is checked before anything is written — each table dump and each file
// against the SHA-256 its manifest gives — then the rows go in one transaction, and the files into the file
// store before it commits, so that no row ever points to a missing file.
// The one place outside src/store/ with SQL of its own, with src/archive/: table dumps loaded whatever their columns.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { finishLoading, rowsIn } from '../archive/load.ts';
import { BACKUP_TABLES } from '../archive/tables.ts';
import type { Db } from '../db/db.ts';
import { hashFile } from '../files/hash.ts';
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
  const current = (await db.one<{ v: number }>('select coalesce(max(version), 0) as v from schema_migrations'))!.v;
  if (manifest.schema_version > current)
    throw new BackupError(
      `snapshot ${id} comes from a newer Kitap (schema ${manifest.schema_version}, this one has ${current}): upgrade first`,
    );
  if ((await rowsIn(db, BACKUP_TABLES)) > 0)
    throw new BackupError(
      'the database is not empty: restore only into an empty one (a new DATA_DIR, or a new PostgreSQL database)',
    );
  const unknown = manifest.tables.filter((t) => !(BACKUP_TABLES as readonly string[]).includes(t.name));
  if (unknown.length)
    throw new BackupError(
      `snapshot ${id} has tables this Kitap does not know: ${unknown.map((t) => t.name).join(', ')}`,
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

  const records: Record<string, number> = {};
  const added: string[] = [];
  try {
    await db.tx(async (t) => {
      // Each table goes in through one insert from a staging table, so a row may refer to a later row of the
      // same table (a translation, a newer version) without the order of the dump mattering.
      await t.query('create temporary table kitap_restore (j jsonb) on commit drop');
      for (const name of BACKUP_TABLES) {
        const entry = manifest.tables.find((e) => e.name === name);
        records[name] = entry?.rows ?? 0;
        if (!entry?.rows) continue;
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
      await finishLoading(t, BACKUP_TABLES);
      for (const f of manifest.files) {
        // A copy already in the store counts only if its bytes are right (a data folder restored into twice).
        if (store.has(f.sha256) && (await hashFile(store.pathOf(f.sha256)))?.sha256 !== f.sha256)
          store.remove(f.sha256);
        const put = await store.put(fs.createReadStream(blobPath(dir, f.sha256)));
        if (put.sha256 !== f.sha256) throw new BackupError(`file ${f.sha256} changed while it was restored`);
        if (!put.existed) added.push(f.sha256);
      }
    });
  } catch (err) {
    for (const sha of added) store.remove(sha);
    throw err;
  }
  return { id, records, files: manifest.files.length };
}
