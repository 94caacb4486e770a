// Whether the bytes of a blob in the file store are still needed: the one rule for keeping or removing them.
import type { Db } from '../db/db.ts';
import { UNDO_DAYS } from './deleted.ts';

/**
 * Deleted drafts that an admin can still put back (src/store/deleted.ts): their file rows wait in
 * deleted_publications (d), and come back with their files' bytes only if these are kept meanwhile.
 */
const UNDOABLE = `d.restored_at is null and d.deleted_at > now() - make_interval(days => ${UNDO_DAYS})`;
const DELETED_FILES = `deleted_publications d cross join jsonb_array_elements(d.rows->'files') f`;
/** Their file rows (f, jsonb), as a FROM … WHERE clause. */
export const UNDOABLE_FILES = `${DELETED_FILES} where ${UNDOABLE}`;
/** Their blobs (column sha): each file's bytes and cover. */
export const UNDOABLE_BLOBS = `select b.sha from ${DELETED_FILES}
    cross join lateral (values (f->>'sha256'), (f->>'cover_sha256')) b(sha)
  where ${UNDOABLE} and b.sha is not null`;

// A blob is needed while a file row holds it (as the file or its cover), an unfinished ingest job will, or a
// deletion that can be undone would bring such a row back. `$sha` is the blob's checksum; `$job` an ingest job to
// leave out (the one asking), 0 for none; `undoable` a relation of the undoable deletions' blobs (column sha).
const neededWhere = (
  sha: string,
  job: string,
  undoable: string,
) => `exists (select 1 from files where sha256 = ${sha} or cover_sha256 = ${sha})
  or exists (select 1 from ingest_jobs where sha256 = ${sha} and id <> ${job} and state in ('queued', 'running'))
  or ${sha} in (select sha from ${undoable})`;

/** True while a file row, an unfinished ingest job (other than exceptJob) or an undoable deletion refers to the blob. */
export async function isBlobReferenced(db: Db, sha256: string, exceptJob = 0): Promise<boolean> {
  return (
    (await db.one(`select 1 where ${neededWhere('$1', '$2', `(${UNDOABLE_BLOBS}) u`)}`, [sha256, exceptJob])) !== null
  );
}

/** Of the given checksums, those no file row, no unfinished ingest job and no undoable deletion refers to. */
export async function unreferencedBlobs(db: Db, sha256s: string[]): Promise<string[]> {
  if (!sha256s.length) return [];
  // The deletions' rows (their files' text included) are read once, not once for each blob asked about.
  const rows = await db.query<{ sha: string }>(
    `with undoable as materialized (${UNDOABLE_BLOBS})
     select s.sha from unnest($1::text[]) as s(sha) where not (${neededWhere('s.sha', '0', 'undoable')})`,
    [sha256s],
  );
  return rows.map((r) => r.sha);
}
