// Fixity: every stored file re-read and its SHA-256 compared with its name, in the file store (what the
// catalogue needs: each file, each cover, each upload waiting for ingest) or in a backup folder (what each
// snapshot lists, and each snapshot's table dumps). A problem names the file and the records that use it.
import path from 'node:path';
import type { Db } from '../db/db.ts';
import { hashFile, type HashOptions, hashStored } from '../files/hash.ts';
import type { FileStore } from '../files/store.ts';
import {
  dropFixityRun,
  finishFixityRun,
  type FixityProblem,
  type FixityRun,
  neededBlobs,
  startFixityRun,
} from '../store/fixity.ts';
import {
  BackupError,
  type Manifest,
  blobPath,
  listSnapshots,
  openBackupDir,
  readManifest,
  snapshotDir,
  unfinishedSnapshots,
} from './layout.ts';

export interface FixityResult {
  files_checked: number;
  bytes_checked: number;
  problems: FixityProblem[];
}

/** Re-reads every blob the catalogue needs; records the run (started, then its result) in fixity_runs. */
export async function checkFileStore(
  db: Db,
  store: FileStore,
  trigger: FixityRun['trigger'],
  opts: HashOptions = {},
): Promise<FixityResult> {
  return checkStartedRun(db, store, await startFixityRun(db, trigger), opts);
}

/** The check of a run already recorded as started (the schedule records it first, under its lock). */
export async function checkStartedRun(
  db: Db,
  store: FileStore,
  run: number,
  opts: HashOptions = {},
): Promise<FixityResult> {
  try {
    const result: FixityResult = { files_checked: 0, bytes_checked: 0, problems: [] };
    for (const blob of await neededBlobs(db)) {
      const got = await hashStored(store, blob.sha256, opts);
      result.files_checked++;
      if (!got) result.problems.push({ sha256: blob.sha256, state: 'missing', used_by: blob.used_by });
      else {
        result.bytes_checked += got.size;
        if (got.sha256 !== blob.sha256)
          result.problems.push({ sha256: blob.sha256, state: 'damaged', actual: got.sha256, used_by: blob.used_by });
      }
    }
    await finishFixityRun(db, run, result);
    return result;
  } catch (err) {
    await dropFixityRun(db, run).catch(() => {});
    throw err;
  }
}

/** One line per problem, as the command and the log say it. */
export function describeProblem(p: FixityProblem): string {
  const what = p.state === 'missing' ? 'MISSING' : p.actual ? `DAMAGED (reads as ${p.actual})` : 'DAMAGED';
  return `${what}${p.sha256 ? ` ${p.sha256}` : ''}: ${p.used_by.join('; ')}`;
}

export interface BackupFixity extends FixityResult {
  snapshots: number;
  unfinished: string[];
}

/** Re-reads a backup folder: every snapshot's manifest and table dumps, and every file a snapshot lists. */
export async function checkBackupDir(dir: string): Promise<BackupFixity> {
  openBackupDir(dir, false);
  const result: BackupFixity = {
    snapshots: 0,
    unfinished: unfinishedSnapshots(dir),
    files_checked: 0,
    bytes_checked: 0,
    problems: [],
  };
  const users = new Map<string, { size: number; used_by: Set<string> }>();
  for (const id of listSnapshots(dir)) {
    result.snapshots++;
    let manifest: Manifest;
    try {
      manifest = readManifest(dir, id);
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      result.problems.push({ sha256: '', state: 'damaged', used_by: [err.message] });
      continue;
    }
    for (const t of manifest.tables) {
      const got = await hashFile(path.join(snapshotDir(dir, id), t.file));
      result.files_checked++;
      if (got) result.bytes_checked += got.size;
      if (!got || got.sha256 !== t.sha256)
        result.problems.push({
          sha256: t.sha256,
          state: got ? 'damaged' : 'missing',
          ...(got ? { actual: got.sha256 } : {}),
          used_by: [`snapshot ${id}: ${t.file}`],
        });
    }
    for (const f of manifest.files) {
      const u = users.get(f.sha256) ?? { size: f.size, used_by: new Set<string>() };
      for (const by of f.used_by) u.used_by.add(`snapshot ${id}: ${by}`);
      users.set(f.sha256, u);
    }
  }
  for (const [sha256, u] of [...users].sort(([a], [b]) => a.localeCompare(b))) {
    const got = await hashFile(blobPath(dir, sha256));
    result.files_checked++;
    const used_by = [...u.used_by];
    if (!got) result.problems.push({ sha256, state: 'missing', used_by });
    else {
      result.bytes_checked += got.size;
      if (got.sha256 !== sha256) result.problems.push({ sha256, state: 'damaged', actual: got.sha256, used_by });
    }
  }
  return result;
}
