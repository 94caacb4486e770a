// An ingest job as a program following it sees it: the job, its publication's slug, and the file it made.
import type { Db } from '../db/db.ts';
import type { FileRecord } from '../domain/records.ts';
import type { IngestJob } from './ingest-jobs.ts';

export interface JobWithFile extends IngestJob {
  slug: string;
  /** The status of its publication, which decides who may follow it (policies.ts canSeeIngestJob). */
  publication_status: string;
  /** The file the job made (once done; null if that file was deleted since). */
  file: Omit<FileRecord, 'is_sample'> | null;
}

/** The job with this id, its publication's slug and its file, or null. */
export async function jobWithFile(db: Db, id: number): Promise<JobWithFile | null> {
  return db.one<JobWithFile>(
    `select j.*, p.slug, p.status as publication_status,
            (select to_jsonb(f) from (select id, sha256, original_name, media_type, size, pages, language from files where id = j.file_id) f) as file
       from ingest_jobs j join publications p on p.id = j.publication_id where j.id = $1`,
    [id],
  );
}
