// Copying every blob of one file store into another (a folder to a bucket, a bucket to a folder): each copy is
// verified against its name as it is written, and what the target already holds is skipped, so that a stopped move
// resumes where it stopped. The source is left as it is.
import { neededBlobs } from '../store/fixity.ts';
import type { Db } from '../db/db.ts';
import type { FileStore } from './store.ts';

export interface MoveResult {
  copied: number;
  copiedBytes: number;
  skipped: number;
  /** Blobs that could not be copied, one line each (damaged in the source, or the catalogue's and missing). */
  problems: string[];
}

export async function copyStore(
  db: Db,
  from: FileStore,
  to: FileStore,
  progress: (line: string) => void = () => {},
): Promise<MoveResult> {
  const r: MoveResult = { copied: 0, copiedBytes: 0, skipped: 0, problems: [] };
  for await (const e of from.entries()) {
    const there = await to.sizeOf(e.sha256);
    if (there === e.size) {
      r.skipped++;
      continue;
    }
    // A blob of another size under the same name is a broken earlier copy: it is replaced.
    if (there !== null) await to.delete(e.sha256);
    const source = await from.read(e.sha256);
    if (!source) continue; // removed meanwhile (an orphan swept, an upload refused)
    const put = await to.put(source);
    if (put.sha256 !== e.sha256) {
      if (!put.existed) await to.delete(put.sha256);
      r.problems.push(`DAMAGED ${e.sha256}: its bytes read as ${put.sha256} in ${from.location}; not copied`);
      continue;
    }
    r.copied++;
    r.copiedBytes += put.size;
    if (r.copied % 100 === 0) progress(`${r.copied} files copied…`);
  }
  // What the catalogue needs must all be in the target, whatever the source held.
  for (const blob of await neededBlobs(db))
    if (!(await to.exists(blob.sha256)))
      r.problems.push(`MISSING ${blob.sha256}: ${blob.used_by.join('; ')} (not in ${from.location} either)`);
  return r;
}
