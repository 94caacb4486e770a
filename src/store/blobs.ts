// Whether the bytes of a blob in the file store are still needed: the one rule for keeping or removing them.
import type { Db } from '../db/db.ts';

// A blob is needed while a file row holds it (as the file or its cover) or an unfinished ingest job will.
// `$sha` is the blob's checksum; `$job` an ingest job to leave out (the one asking), 0 for none.
const neededWhere = (
  sha: string,
  job: string,
) => `exists (select 1 from files where sha256 = ${sha} or cover_sha256 = ${sha})
  or exists (select 1 from ingest_jobs where sha256 = ${sha} and id <> ${job} and state in ('queued', 'running'))`;

/** True while a file row or an unfinished ingest job (other than exceptJob) refers to the blob. */
export async function isBlobReferenced(db: Db, sha256: string, exceptJob = 0): Promise<boolean> {
  return (await db.one(`select 1 where ${neededWhere('$1', '$2')}`, [sha256, exceptJob])) !== null;
}

/** Of the given checksums, those no file row and no unfinished ingest job refers to. */
export async function unreferencedBlobs(db: Db, sha256s: string[]): Promise<string[]> {
  if (!sha256s.length) return [];
  const rows = await db.query<{ sha: string }>(
    `select s.sha from unnest($1::text[]) as s(sha) where not (${neededWhere('s.sha', '0')})`,
    [sha256s],
  );
  return rows.map((r) => r.sha);
}
