// `kitap restore FILE`: an export back into an empty database, files checked byte for byte.
// Everything is checked before anything is written; rows go in one transaction.
// The one place outside src/store/ with SQL of its own: an archive is a dump of whole tables, read and written as
// rows whatever their columns (src/archive/tables.ts lists them), so that it needs no change when a table grows.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import type { FileStore } from '../files/store.ts';
import { finishLoading, insertRows, rowsIn } from './load.ts';
import { removePartialWrites, withStaging } from './staging.ts';
import { ARCHIVE_FORMAT, ARCHIVE_TABLES, ARCHIVE_VERSION, archivedBlobs, type ArchivedFile } from './tables.ts';

export class RestoreError extends Error {}

const manifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  schema_version: z.number().int(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

export async function restoreArchive(
  db: Db,
  store: FileStore,
  file: string,
): Promise<{ records: Record<string, number>; files: number }> {
  if (!fs.existsSync(file)) throw new RestoreError(`no such file: ${file}`);
  return withStaging('restore', async (staging) => {
    try {
      // node-tar refuses absolute paths and '..' entries unless told otherwise (preservePaths: false).
      await tar.extract({
        file,
        cwd: staging,
        strict: true,
        filter: (p) => p === 'catalogue.json' || /^files\/[0-9a-f]{64}$/.test(p) || p === 'files/' || p === 'files',
      });
    } catch (err) {
      throw new RestoreError(`not a Kitap archive (${(err as Error).message})`);
    }
    const jsonPath = path.join(staging, 'catalogue.json');
    if (!fs.existsSync(jsonPath)) throw new RestoreError('not a Kitap archive: catalogue.json is missing');
    const parsed = manifest.safeParse(JSON.parse(fs.readFileSync(jsonPath, 'utf8')));
    if (!parsed.success)
      throw new RestoreError(`not a Kitap archive of version ${ARCHIVE_VERSION}: ${parsed.error.issues[0]?.message}`);
    const { tables, schema_version } = parsed.data;
    const current = (await db.one<{ v: number }>('select coalesce(max(version), 0) as v from schema_migrations'))!.v;
    if (schema_version > current)
      throw new RestoreError(
        `the archive comes from a newer Kitap (schema ${schema_version}, this one has ${current}): upgrade first`,
      );
    if ((await rowsIn(db, ARCHIVE_TABLES)) > 0)
      throw new RestoreError('the database is not empty: restore only into an empty catalogue');
    removePartialWrites(store);

    const shas = archivedBlobs((tables.files ?? []) as unknown as ArchivedFile[]);
    for (const sha of shas)
      if (!fs.existsSync(path.join(staging, 'files', sha)))
        throw new RestoreError(`file ${sha} is listed but not in the archive`);
    // Beside them, the files of deleted drafts that can still be put back (src/archive/export.ts).
    const folder = path.join(staging, 'files');
    const listed = new Set(shas);
    for (const name of fs.existsSync(folder) ? fs.readdirSync(folder) : [])
      if (/^[0-9a-f]{64}$/.test(name) && !listed.has(name)) shas.push(name);
    for (const sha of shas) {
      const p = path.join(staging, 'files', sha);
      const actual = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
      if (actual !== sha) throw new RestoreError(`file ${sha} is damaged (its checksum is ${actual})`);
    }
    const records: Record<string, number> = {};
    const added: string[] = [];
    try {
      await db.tx(async (t) => {
        for (const name of ARCHIVE_TABLES) {
          const rows = tables[name] ?? [];
          records[name] = rows.length;
          await insertRows(t, name, rows);
        }
        await finishLoading(t, ARCHIVE_TABLES);
        // Files go in before the commit: if one cannot be stored, no row points to nothing.
        for (const sha of shas) {
          const put = await store.put(fs.createReadStream(path.join(staging, 'files', sha)));
          if (!put.existed) added.push(sha);
        }
      });
    } catch (err) {
      for (const sha of added) await store.delete(sha);
      throw err;
    }
    return { records, files: shas.length };
  });
}
