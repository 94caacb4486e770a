// Ingest jobs: an upload is stored at once (content-addressed) and queued; a job then reads it in the
// isolated extractor and stores the file row, its pages and its cover in one transaction — with what the
// upload form said (embargo, the file it replaces) and, for a staff upload, a history entry by that person.
// Job state lives in the database, so a restart resumes what was queued or running.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { FileStore } from '../files/store.ts';
import { changePublication } from '../history/record.ts';
import type { Logger } from '../log.ts';
import { pageLanguages } from '../search/page-language.ts';
import { currentVersionOf, supersede } from '../store/file-versions.ts';
import { addFile } from '../store/files.ts';
import { refreshSearch } from '../store/publications.ts';
import { extractPdf, type Extraction } from './extract.ts';
import type { Limits, RejectionCode } from './types.ts';

export interface IngestDeps { db: Db; files: FileStore; config: Config; log: Logger }

export interface IngestJob {
  id: number;
  publication_id: number;
  file_id: number | null;
  sha256: string;
  original_name: string;
  language: string | null;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress_page: number;
  progress_total: number | null;
  error: string | null;
  attempts: number;
  is_sample: boolean;
  /** The member of staff who uploaded the file, when it came from the staff pages or the API. */
  user_id: number | null;
  embargo_until: string | null;
  /** The file this one is a new version of. */
  replaces: number | null;
  /** Why it failed, as a translation key: a RejectionCode, or one of JOB_FAILURES. */
  error_code: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** Failures of a job that are not the extractor's refusals. */
export const JOB_FAILURES = ['duplicate', 'missing', 'gave-up', 'internal'] as const;
/** What error_code holds: the extractor's refusal or the job's own failure. */
export type JobFailure = RejectionCode | (typeof JOB_FAILURES)[number];

/** A job is retried this many times when the process died under it; a file it cannot read fails at once. */
const MAX_ATTEMPTS = 3;

export function ingestLimits(config: Config): Partial<Limits> {
  return {
    maxBytes: config.UPLOAD_MAX_BYTES,
    maxPages: config.INGEST_MAX_PAGES,
    timeoutMs: config.INGEST_TIMEOUT_S * 1000,
    maxMemoryMb: config.INGEST_MAX_MEMORY_MB,
  };
}

export interface QueueRequest {
  publicationId: number;
  originalName: string;
  /** The file's language; null or absent: detected from its text. */
  language?: string | null;
  isSample?: boolean;
  /** Who uploaded it: the finished job is recorded in the publication's history as their change. */
  userId?: number | null;
  /** Readers get the file from this date (YYYY-MM-DD). */
  embargoUntil?: string | null;
  /** The id of the file this one is a new version of. */
  replaces?: number | null;
}

/** The same bytes are already a file of this publication (fileId), or already on their way to it (jobId). */
export class DuplicateFileError extends Error {
  constructor(readonly fileId: number | null, readonly jobId: number | null = null) {
    super(fileId !== null ? `this file is already on the publication (file ${fileId})` : `this file is already being added to the publication (job ${jobId})`);
  }
}

/**
 * Streams the upload into the file store and queues its job; answers without reading the PDF.
 * Bytes already in the store are kept once; bytes already on this publication are refused.
 */
export async function queueIngest(deps: IngestDeps, source: Readable | Buffer, req: QueueRequest): Promise<number> {
  const stored = await deps.files.put(source, deps.config.UPLOAD_MAX_BYTES);
  return queueStoredIngest(deps.db, stored.sha256, req);
}

/** Queues a job for bytes already in the file store (an upload that was looked at first); returns its id. */
export async function queueStoredIngest(db: Db, sha256: string, req: QueueRequest): Promise<number> {
  await refuseDuplicate(db, req.publicationId, sha256);
  const row = await db.one<{ id: number }>(
    `insert into ingest_jobs (publication_id, sha256, original_name, language, is_sample, user_id, embargo_until, replaces)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [req.publicationId, sha256, req.originalName, req.language ?? null, req.isSample ?? false, req.userId ?? null, req.embargoUntil ?? null, req.replaces ?? null],
  );
  return row!.id;
}

/** Throws DuplicateFileError when the publication has these bytes, or another unfinished job is adding them. */
export async function refuseDuplicate(db: Db, publicationId: number, sha256: string, exceptJob = 0): Promise<void> {
  const same = await db.one<{ id: number }>('select id from files where publication_id = $1 and sha256 = $2 order by id limit 1', [publicationId, sha256]);
  if (same) throw new DuplicateFileError(same.id);
  const job = await db.one<{ id: number }>(
    `select id from ingest_jobs where publication_id = $1 and sha256 = $2 and state in ('queued', 'running') and id <> $3 order by id limit 1`,
    [publicationId, sha256, exceptJob]);
  if (job) throw new DuplicateFileError(null, job.id);
}

export async function ingestJob(db: Db, id: number): Promise<IngestJob | null> {
  return db.one<IngestJob>('select * from ingest_jobs where id = $1', [id]);
}

/** Jobs of a publication, newest first (for its admin page). */
export async function ingestJobsOf(db: Db, publicationId: number): Promise<IngestJob[]> {
  return db.query<IngestJob>('select * from ingest_jobs where publication_id = $1 order by id desc', [publicationId]);
}

/** The jobs staff follow on a publication's page: unfinished ones, and those that ended in the last `days`; newest first. */
export async function recentIngestJobs(db: Db, publicationId: number, days = 7, limit = 20): Promise<IngestJob[]> {
  return db.query<IngestJob>(
    `select * from ingest_jobs where publication_id = $1 and (state in ('queued', 'running') or finished_at > now() - make_interval(days => $2))
      order by id desc limit $3`, [publicationId, days, limit]);
}

/** A job with the publication it belongs to, for its page. */
export interface IngestJobPage extends IngestJob { slug: string; status: string; title: Record<string, string>; original_language: string }

export async function ingestJobWithPublication(db: Db, id: number): Promise<IngestJobPage | null> {
  return db.one<IngestJobPage>(
    `select j.*, p.slug, p.status, p.title, p.original_language from ingest_jobs j join publications p on p.id = j.publication_id where j.id = $1`, [id]);
}

/**
 * Runs one job to its end. The extractor's failure is the job's ("encrypted PDF: needs a password");
 * the file row, its pages and its cover appear together or not at all.
 */
export async function runIngestJob(deps: IngestDeps, id: number): Promise<IngestJob> {
  const { db, files, log } = deps;
  const job = await db.one<IngestJob>(
    `update ingest_jobs set state = 'running', attempts = attempts + 1, progress_page = 0, updated_at = now()
     where id = $1 and state in ('queued', 'running') returning *`, [id]);
  if (!job) return (await ingestJob(db, id))!;
  if (job.attempts > MAX_ATTEMPTS) return fail(deps, job, `gave up after ${MAX_ATTEMPTS} attempts (the reader stopped each time)`, 'gave-up');
  if (!files.has(job.sha256)) return fail(deps, job, 'the uploaded file is missing from the file store', 'missing');
  log.info({ job: id, attempt: job.attempts }, 'ingest started');

  let lastWrite = 0;
  const result = await extractPdf(files.pathOf(job.sha256), ingestLimits(deps.config), (page, total) => {
    const now = Date.now();
    if (now - lastWrite < 250 && page < total) return;
    lastWrite = now;
    db.query('update ingest_jobs set progress_page = $2, progress_total = $3, updated_at = now() where id = $1', [id, page, total])
      .catch((err: unknown) => log.warn({ err, job: id }, 'progress not recorded'));
  });
  if (!result.ok) return fail(deps, job, result.reason, result.code);

  const cover = result.cover ? await files.put(Buffer.from(result.cover.data)) : null;
  let fileId: number;
  try {
    fileId = await storeIngested(deps, job, result, cover?.sha256 ?? null);
  } catch (err) {
    if (cover && !cover.existed) files.remove(cover.sha256);
    // Another job added the same bytes while this one was reading them.
    if (err instanceof DuplicateFileError) return fail(deps, job, err.message, 'duplicate');
    throw err;
  }
  log.info({ job: id, file: fileId, pages: result.pageCount, language: result.language }, 'file ingested');
  return (await ingestJob(db, id))!;
}

/**
 * The one way a read PDF becomes a file: the row (with the upload's language, embargo and place in a
 * chain of versions), its pages, its cover and the job's end, together — recorded in the publication's
 * history as a change by the uploader when there is one. Returns the file's id.
 */
async function storeIngested(deps: IngestDeps, job: IngestJob, result: Extraction, coverSha256: string | null): Promise<number> {
  const write = async (t: Db) => {
    await refuseDuplicate(t, job.publication_id, job.sha256, job.id);
    // The language the upload named, else the one read from the text (its prose, page by page: code samples do not
    // decide); with neither, a new version keeps the old one's (supersede). A page in another language keeps its own.
    const languages = pageLanguages(result.pages);
    const language = job.language ?? languages.file ?? result.language;
    const fid = await addFile(t, job.publication_id, {
      sha256: job.sha256, original_name: job.original_name, media_type: 'application/pdf',
      size: fs.statSync(deps.files.pathOf(job.sha256)).size,
      pages: result.pageCount, language, is_sample: job.is_sample,
    });
    const noText = new Set(result.pagesWithoutText);
    await t.query(
      `update files set text_status = $2, cover_sha256 = $3, warnings = $4, metadata = $5, embargo_until = $6 where id = $1`,
      [fid, noText.size === result.pageCount ? 'no_text' : 'extracted', coverSha256, JSON.stringify(result.warnings), JSON.stringify(result.metadata), job.embargo_until],
    );
    // One insert for all pages: a 350-page book is one round trip.
    await t.query(
      `insert into file_pages (file_id, page, text, has_text, language)
       select $1, p.n::int, p.text, not (p.n::int = any($3::int[])), p.language from unnest($2::text[], $4::text[]) with ordinality as p(text, language, n)`,
      [fid, result.pages, result.pagesWithoutText, languages.pages.map((l) => (l === language ? null : l))],
    );
    // The version replaced is the newest of its chain: another upload may have replaced it meanwhile.
    const old = job.replaces === null ? null : await currentVersionOf(t, job.publication_id, job.replaces);
    if (old !== null) await supersede(t, old, fid);
    await t.query(
      `update ingest_jobs set state = 'done', file_id = $2, progress_page = $3, progress_total = $3, error = null, error_code = null,
         finished_at = now(), updated_at = now() where id = $1`, [job.id, fid, result.pageCount]);
    await refreshSearch(t, job.publication_id);
    return fid;
  };
  return job.user_id === null ? deps.db.tx(write) : changePublication(deps.db, job.publication_id, job.user_id, 'files', write);
}

async function fail(deps: IngestDeps, job: IngestJob, reason: string, code: JobFailure): Promise<IngestJob> {
  await deps.db.query(`update ingest_jobs set state = 'failed', error = $2, error_code = $3, finished_at = now(), updated_at = now() where id = $1`, [job.id, reason, code]);
  // The bytes go when nothing else needs them: no file row, no other unfinished job.
  const needed = await deps.db.one(
    `select 1 where exists (select 1 from files where sha256 = $1 or cover_sha256 = $1)
        or exists (select 1 from ingest_jobs where sha256 = $1 and id <> $2 and state in ('queued', 'running'))`, [job.sha256, job.id]);
  if (!needed) deps.files.remove(job.sha256);
  deps.log.warn({ job: job.id, reason }, 'ingest failed');
  return (await ingestJob(deps.db, job.id))!;
}

/**
 * The server's background worker: one job at a time, oldest first. At start it picks up jobs left
 * 'running' by a process that died, then polls for new ones (and is woken at once by `notify`).
 */
export class IngestWorker {
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly deps: IngestDeps, private readonly pollMs = 2000) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** A job was queued: look now instead of at the next poll. */
  notify(): void {
    this.wake?.();
  }

  /** Stops taking jobs. A job under way is not waited for long: left 'running', it is resumed at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, 2000).unref())]);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const next = await this.deps.db.one<{ id: number }>(
        `select id from ingest_jobs where state in ('queued', 'running') order by id limit 1`).catch(() => null);
      if (next) {
        try {
          await runIngestJob(this.deps, next.id);
        } catch (err) {
          this.deps.log.error({ err, job: next.id }, 'ingest job crashed');
          await this.deps.db.query(`update ingest_jobs set state = 'failed', error = $2, error_code = 'internal', finished_at = now(), updated_at = now() where id = $1`,
            [next.id, 'internal error: see the log']).catch(() => {});
        }
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}

/**
 * Removes what a process killed mid-upload can leave: partial uploads in the store's tmp/ and blobs
 * that no file, cover or job points to. Only blobs older than `minAgeMs`, so an upload that another
 * process is queueing right now is never taken.
 */
export async function sweepOrphanBlobs(db: Db, files: FileStore, minAgeMs = 60 * 60 * 1000): Promise<string[]> {
  const removed: string[] = [];
  const now = Date.now();
  const tmp = `${files.dir}/tmp`;
  if (fs.existsSync(tmp)) {
    for (const f of fs.readdirSync(tmp)) {
      const p = `${tmp}/${f}`;
      if (now - fs.statSync(p).mtimeMs > minAgeMs) fs.rmSync(p, { force: true });
    }
  }
  const referenced = new Set((await db.query<{ sha: string }>(
    `select sha256 as sha from files union select cover_sha256 from files where cover_sha256 is not null
     union select sha256 from ingest_jobs where state in ('queued', 'running')`)).map((r) => r.sha));
  for (const sha of files.list()) {
    if (referenced.has(sha) || now - fs.statSync(files.pathOf(sha)).mtimeMs <= minAgeMs) continue;
    files.remove(sha);
    removed.push(sha);
  }
  return removed;
}
