// `kitap export FILE`: the catalogue — every record and every file — in one portable .tar.gz, readable by
// its owner only (0600). Staff password hashes and API tokens, and readers' requests (names, e-mails,
// postal addresses), go in only when asked for: the accounts stay (history names them) without a password.
// The archive holds catalogue.json (rows per table) and files/<sha256> (each file and each cover drawn
// from one). Written to FILE.partial, then renamed.
// The one place outside src/store/ with SQL of its own: an archive is a dump of whole tables, read and written as
// rows whatever their columns (src/archive/tables.ts lists them), so that it needs no change when a table grows.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import type { Db } from '../db/db.ts';
import { type FileStore, LocalFileStore } from '../files/store.ts';
import { UNDOABLE_BLOBS } from '../store/blobs.ts';
import { withStaging } from './staging.ts';
import { ARCHIVE_FORMAT, ARCHIVE_TABLES, ARCHIVE_VERSION, archivedBlobs, type ArchivedFile } from './tables.ts';

/** A blob of a folder store hard-linked into the staging folder (no copy); false when it must be copied. */
async function linked(store: FileStore, sha: string, dest: string): Promise<boolean> {
  if (!(store instanceof LocalFileStore)) return false;
  try {
    fs.linkSync(store.pathOf(sha), dest);
    return true;
  } catch {
    return false;
  }
}

export interface ExportOptions {
  withAccounts?: boolean;
  withRequests?: boolean;
}
/** What was written, and what was left out (counts of rows not asked for). */
export interface ExportSummary {
  records: Record<string, number>;
  files: number;
  bytes: number;
  leftOut: { passwords: number; apiTokens: number; requests: number };
}

export async function exportArchive(
  db: Db,
  store: FileStore,
  file: string,
  opts: ExportOptions = {},
): Promise<ExportSummary> {
  const partial = `${file}.partial`;
  return withStaging('export', async (staging) => exportInto(db, store, staging, partial, file, opts));
}

async function exportInto(
  db: Db,
  store: FileStore,
  staging: string,
  partial: string,
  file: string,
  opts: ExportOptions,
): Promise<ExportSummary> {
  try {
    const tables: Record<string, unknown[]> = {};
    const records: Record<string, number> = {};
    let undoable: string[] = [];
    // One transaction: the rows and the list of files belong to the same moment.
    await db.tx(async (t) => {
      if (t.kind === 'postgres') await t.query('set transaction isolation level repeatable read');
      for (const name of ARCHIVE_TABLES) {
        tables[name] = await t.query(`select * from ${name} order by 1`);
      }
      undoable = (await t.query<{ sha: string }>(`select distinct sha from (${UNDOABLE_BLOBS}) u`)).map((r) => r.sha);
    });
    const leftOut = { passwords: 0, apiTokens: 0, requests: 0 };
    if (!opts.withAccounts) {
      const users = tables.users as Array<{ password_hash: string | null }>;
      leftOut.passwords = users.filter((u) => u.password_hash).length;
      tables.users = users.map((u) => ({ ...u, password_hash: null }));
      leftOut.apiTokens = tables.api_tokens!.length;
      tables.api_tokens = [];
    }
    if (!opts.withRequests) {
      leftOut.requests = tables.reader_requests!.length;
      tables.reader_requests = [];
      tables.request_messages = [];
    }
    for (const name of ARCHIVE_TABLES) records[name] = tables[name]!.length;
    const migrations = await db.query<{ version: number }>('select version from schema_migrations order by version');
    fs.writeFileSync(
      path.join(staging, 'catalogue.json'),
      JSON.stringify({
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        created_at: new Date().toISOString(),
        schema_version: migrations.at(-1)?.version ?? 0,
        tables,
      }),
    );
    const shas = archivedBlobs(tables.files as ArchivedFile[]);
    let bytes = 0;
    /** Puts a blob into the staging folder; false when the store does not have it. */
    const carry = async (sha: string): Promise<boolean> => {
      const dest = path.join(staging, 'files', sha);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (!(await linked(store, sha, dest))) {
        const src = await store.read(sha);
        if (!src) return false;
        await pipeline(src, fs.createWriteStream(dest, { flags: 'wx', mode: 0o600 }));
      }
      bytes += fs.statSync(dest).size;
      return true;
    };
    for (const sha of shas)
      if (!(await carry(sha)))
        throw new Error(`file ${sha} is recorded but missing from the file store ${store.location}`);
    // The files of deleted drafts an admin can still put back, so that undoing one after a restore brings its files
    // back whole; one the store no longer has (swept by a Kitap before 2026-12-07) is left out.
    const listed = new Set(shas);
    for (const sha of undoable) if (!listed.has(sha) && (await carry(sha))) shas.push(sha);
    // Created 0600 before tar writes into it: the archive is never readable by others, not even for a moment.
    fs.rmSync(partial, { force: true });
    fs.closeSync(fs.openSync(partial, 'wx', 0o600));
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, [
      'catalogue.json',
      ...(shas.length ? ['files'] : []),
    ]);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, file);
    return { records, files: shas.length, bytes, leftOut };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
