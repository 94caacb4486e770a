// Ingest jobs: an upload is stored at once (content-addressed) and queued; a job then reads it in the
// isolated extractor and stores the file row, its pages and its cover in one transaction. Job state
// lives in the database, so a restart resumes what was queued or running.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { FileStore } from '../files/store.ts';
import type { Logger } from '../log.ts';
import { addFile } from '../store/files.ts';
import { refreshSearch } from '../store/publications.ts';
import { extractPdf } from './extract.ts';
import type { Limits } from './types.ts';

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
}

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

export interface QueueRequest { publicationId: number; originalName: string; language?: string | null; isSample?: boolean }

/** The same bytes are already a file of this publication. */
export class DuplicateFileError extends Error {
  constructor(readonly fileId: number) {
    super(`this file is already on the publication (file ${fileId})`);
  }
}

/**
 * Streams the upload into the file store and queues its job; answers without reading the PDF.
 * Bytes already in the store are kept once; bytes already on this publication are refused.
 */
export async function queueIngest(deps: IngestDeps, source: Readable | Buffer, req: QueueRequest): Promise<number> {
  const stored = await deps.files.put(source, deps.config.UPLOAD_MAX_BYTES);
  const same = await deps.db.one<{ id: number }>('select id from files where publication_id = $1 and sha256 = $2', [req.publicationId, stored.sha256]);
  if (same) throw new DuplicateFileError(same.id);
  const row = await deps.db.one<{ id: number }>(
    `insert into ingest_jobs (publication_id, sha256, original_name, language, is_sample) values ($1, $2, $3, $4, $5) returning id`,
    [req.publicationId, stored.sha256, req.originalName, req.language ?? null, req.isSample ?? false],
  );
  return row!.id;
}

export async function ingestJob(db: Db, id: number): Promise<IngestJob | null> {
  return db.one<IngestJob>('select * from ingest_jobs where id = $1', [id]);
}

/** Jobs of a publication, newest first (for its admin page). */
export async function ingestJobsOf(db: Db, publicationId: number): Promise<IngestJob[]> {
  return db.query<IngestJob>('select * from ingest_jobs where publication_id = $1 order by id desc', [publicationId]);
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
  if (job.attempts > MAX_ATTEMPTS) return fail(deps, job, `gave up after ${MAX_ATTEMPTS} attempts (the reader stopped each time)`);
  if (!files.has(job.sha256)) return fail(deps, job, 'the uploaded file is missing from the file store');

  let lastWrite = 0;
  const result = await extractPdf(files.pathOf(job.sha256), ingestLimits(deps.config), (page, total) => {
    const now = Date.now();
    if (now - lastWrite < 250 && page < total) return;
    lastWrite = now;
    db.query('update ingest_jobs set progress_page = $2, progress_total = $3, updated_at = now() where id = $1', [id, page, total])
      .catch((err: unknown) => log.warn({ err, job: id }, 'progress not recorded'));
  });
  if (!result.ok) return fail(deps, job, result.reason);

  const cover = result.cover ? await files.put(Buffer.from(result.cover.data)) : null;
  const fileId = await db.tx(async (t) => {
    const fid = await addFile(t, job.publication_id, {
      sha256: job.sha256, original_name: job.original_name, media_type: 'application/pdf',
      size: fs.statSync(files.pathOf(job.sha256)).size,
      pages: result.pageCount, language: job.language ?? result.language, is_sample: job.is_sample,
    });
    const noText = new Set(result.pagesWithoutText);
    await t.query(
      `update files set text_status = $2, cover_sha256 = $3, warnings = $4, metadata = $5 where id = $1`,
      [fid, noText.size === result.pageCount ? 'no_text' : 'extracted', cover?.sha256 ?? null, JSON.stringify(result.warnings), JSON.stringify(result.metadata)],
    );
    // One insert for all pages: a 350-page book is one round trip.
    await t.query(
      `insert into file_pages (file_id, page, text, has_text)
       select $1, p.n::int, p.text, not (p.n::int = any($3::int[])) from unnest($2::text[]) with ordinality as p(text, n)`,
      [fid, result.pages, result.pagesWithoutText],
    );
    await t.query(
      `update ingest_jobs set state = 'done', file_id = $2, progress_page = $3, progress_total = $3, error = null,
         finished_at = now(), updated_at = now() where id = $1`, [id, fid, result.pageCount]);
    await refreshSearch(t, job.publication_id);
    return fid;
  });
  log.info({ job: id, file: fileId, pages: result.pageCount, language: result.language }, 'file ingested');
  return (await ingestJob(db, id))!;
}

async function fail(deps: IngestDeps, job: IngestJob, reason: string): Promise<IngestJob> {
  await deps.db.query(`update ingest_jobs set state = 'failed', error = $2, finished_at = now(), updated_at = now() where id = $1`, [job.id, reason]);
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
          await this.deps.db.query(`update ingest_jobs set state = 'failed', error = $2 where id = $1`, [next.id, 'internal error: see the log']).catch(() => {});
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
