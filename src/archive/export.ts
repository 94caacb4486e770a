// `kitap export FILE`: every record and every file in one portable .tar.gz —
// catalogue.json (rows per table) and files/<sha256> (each file and each cover drawn from one). Written to FILE.partial, then renamed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import type { Db } from '../db/db.ts';
import type { FileStore } from '../files/store.ts';
import { ARCHIVE_FORMAT, ARCHIVE_TABLES, ARCHIVE_VERSION, archivedBlobs, type ArchivedFile } from './tables.ts';

export interface ExportSummary { records: Record<string, number>; files: number; bytes: number }

export async function exportArchive(db: Db, store: FileStore, file: string): Promise<ExportSummary> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-export-'));
  const partial = `${file}.partial`;
  try {
    const tables: Record<string, unknown[]> = {};
    const records: Record<string, number> = {};
    // One transaction: the rows and the list of files belong to the same moment.
    await db.tx(async (t) => {
      if (t.kind === 'postgres') await t.query('set transaction isolation level repeatable read');
      for (const name of ARCHIVE_TABLES) {
        tables[name] = await t.query(`select * from ${name} order by 1`);
        records[name] = tables[name].length;
      }
    });
    const migrations = await db.query<{ version: number }>('select version from schema_migrations order by version');
    fs.writeFileSync(path.join(staging, 'catalogue.json'), JSON.stringify({
      format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, created_at: new Date().toISOString(),
      schema_version: migrations.at(-1)?.version ?? 0, tables,
    }));
    const shas = archivedBlobs(tables.files as ArchivedFile[]);
    let bytes = 0;
    for (const sha of shas) {
      const dest = path.join(staging, 'files', sha);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const src = store.pathOf(sha);
      if (!fs.existsSync(src)) throw new Error(`file ${sha} is recorded but missing from the file store ${store.dir}`);
      try { fs.linkSync(src, dest); } catch { fs.copyFileSync(src, dest); }
      bytes += fs.statSync(dest).size;
    }
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, ['catalogue.json', ...(shas.length ? ['files'] : [])]);
    fs.renameSync(partial, file);
    return { records, files: shas.length, bytes };
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
