// What a fixity check reads (every blob the catalogue needs, and what uses it) and what it records.
import type { Db } from '../db/db.ts';
import { UNDOABLE_FILES } from './blobs.ts';

/** One blob of the file store the catalogue needs, and the records that use it ("slug: name (file 12)"). */
export interface NeededBlob {
  sha256: string;
  /** The size the file row records; null for a cover or an upload waiting for ingest. */
  size: number | null;
  used_by: string[];
}

/**
 * Every blob a file row (as its bytes or its cover), an unfinished ingest job or a deleted draft that can still be
 * put back needs, in checksum order.
 */
export async function neededBlobs(db: Db): Promise<NeededBlob[]> {
  return db.query<NeededBlob>(
    `select sha256, max(size)::bigint as size, array_agg(distinct used order by used) as used_by from (
       select f.sha256, f.size, p.slug || ': ' || f.original_name || ' (file ' || f.id || ')' as used
         from files f join publications p on p.id = f.publication_id
       union all
       select f.cover_sha256, null, p.slug || ': cover of ' || f.original_name || ' (file ' || f.id || ')'
         from files f join publications p on p.id = f.publication_id where f.cover_sha256 is not null
       union all
       select j.sha256, null, p.slug || ': upload ' || j.original_name || ' waiting for ingest (job ' || j.id || ')'
         from ingest_jobs j join publications p on p.id = j.publication_id where j.state in ('queued', 'running')
       union all
       select f->>'sha256', (f->>'size')::bigint,
              d.slug || ': ' || (f->>'original_name') || ' (file ' || (f->>'id') || ' of a deleted draft, undoable)'
         from ${UNDOABLE_FILES}
       union all
       select f->>'cover_sha256', null,
              d.slug || ': cover of ' || (f->>'original_name') || ' (file ' || (f->>'id') || ' of a deleted draft, undoable)'
         from ${UNDOABLE_FILES} and f->>'cover_sha256' is not null
     ) u group by sha256 order by sha256`,
  );
}

export interface FixityProblem {
  sha256: string;
  state: 'damaged' | 'missing';
  /** The checksum the bytes have now (damaged only). */
  actual?: string;
  used_by: string[];
}

export interface FixityRun {
  id: number;
  started_at: Date;
  finished_at: Date | null;
  trigger: 'command' | 'schedule';
  files_checked: number;
  bytes_checked: number;
  problems: FixityProblem[];
}

export async function startFixityRun(db: Db, trigger: FixityRun['trigger']): Promise<number> {
  return (await db.one<{ id: number }>('insert into fixity_runs (trigger) values ($1) returning id', [trigger]))!.id;
}

export async function finishFixityRun(
  db: Db,
  id: number,
  r: { files_checked: number; bytes_checked: number; problems: FixityProblem[] },
): Promise<void> {
  await db.query(
    'update fixity_runs set finished_at = now(), files_checked = $2, bytes_checked = $3, problems = $4::jsonb where id = $1',
    [id, r.files_checked, r.bytes_checked, JSON.stringify(r.problems)],
  );
}

/** A run that did not finish (the process stopped) is removed, so that the list shows only real results. */
export async function dropFixityRun(db: Db, id: number): Promise<void> {
  await db.query('delete from fixity_runs where id = $1 and finished_at is null', [id]);
}

/** The latest runs, newest first. */
export async function fixityRuns(db: Db, limit = 20): Promise<FixityRun[]> {
  return db.query<FixityRun>(
    'select id, started_at, finished_at, trigger, files_checked, bytes_checked::bigint as bytes_checked, problems from fixity_runs where finished_at is not null order by started_at desc, id desc limit $1',
    [limit],
  );
}

/** When the last run started (finished or not), to schedule the next one. */
export async function lastFixityStart(db: Db): Promise<Date | null> {
  return (await db.one<{ at: Date | null }>('select max(started_at) as at from fixity_runs'))?.at ?? null;
}
