// Ingest jobs: an upload is stored at once (content-addressed) and queued; a job then reads it in the
// isolated extractor and stores the file row, its pages and its cover in one transaction — with what the
// upload form said (embargo, the file it replaces) and, for a staff upload, a history entry by that person.
// Job state lives in the database, so a restart resumes what was queued or running.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { FileStore } from '../files/store.ts';
import { changePublication } from '../history/record.ts';
import type { Logger } from '../log.ts';
import { pageLanguages } from '../search/page-language.ts';
import { isBlobReferenced, unreferencedBlobs } from '../store/blobs.ts';
import { currentVersionOf, supersede } from '../store/file-versions.ts';
import { addFile } from '../store/files.ts';
import {
  fileIdWithBytes,
  ingestJob,
  insertFilePages,
  insertIngestJob,
  claimIngestJob,
  claimIngestJobById,
  releaseAllIngestLeases,
  releaseIngestLease,
  renewIngestLease,
  ocrLanguageHints,
  ocrStateOf,
  pagesAwaitingOcr,
  setFileReading,
  setIngestJobDone,
  setIngestJobFailed,
  setIngestProgress,
  setOcrPage,
  setOcrProgress,
  setOcrState,
  fileText,
  setFileHasText,
  setFileLanguagesIfUnknown,
  startedIngestJob,
  textLayerSample,
  unfinishedJobIdWithBytes,
  type IngestJob,
  type JobFailure,
} from '../store/ingest-jobs.ts';
import { refreshSearch } from '../store/publications.ts';
import { detectLanguages } from '../text/language.ts';
import { extractPdf, type Extraction } from './extract.ts';
import { scriptOfText } from './ocr-languages.ts';
import { ocrPages } from './ocr-pages.ts';
import type { Limits } from './types.ts';

export interface IngestDeps {
  db: Db;
  files: FileStore;
  config: Config;
  log: Logger;
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

export interface QueueRequest {
  publicationId: number;
  originalName: string;
  /** The file's language; null or absent: detected from its text. */
  language?: string | null;
  isSample?: boolean;
  /** Who uploaded it: the finished job is recorded in the publication's history as their change. */
  userId?: number | null;
  /** The API token it came with: the history says so. */
  tokenId?: number | null;
  /** Readers get the file from this date (YYYY-MM-DD). */
  embargoUntil?: string | null;
  /** The id of the file this one is a new version of. */
  replaces?: number | null;
}

/** The same bytes are already a file of this publication (fileId), or already on their way to it (jobId). */
export class DuplicateFileError extends Error {
  constructor(
    readonly fileId: number | null,
    readonly jobId: number | null = null,
  ) {
    super(
      fileId !== null
        ? `this file is already on the publication (file ${fileId})`
        : `this file is already being added to the publication (job ${jobId})`,
    );
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
  return insertIngestJob(db, {
    publicationId: req.publicationId,
    sha256,
    originalName: req.originalName,
    language: req.language ?? null,
    isSample: req.isSample ?? false,
    userId: req.userId ?? null,
    tokenId: req.tokenId ?? null,
    embargoUntil: req.embargoUntil ?? null,
    replaces: req.replaces ?? null,
  });
}

/** Throws DuplicateFileError when the publication has these bytes, or another unfinished job is adding them. */
export async function refuseDuplicate(db: Db, publicationId: number, sha256: string, exceptJob = 0): Promise<void> {
  const same = await fileIdWithBytes(db, publicationId, sha256);
  if (same !== null) throw new DuplicateFileError(same);
  const job = await unfinishedJobIdWithBytes(db, publicationId, sha256, exceptJob);
  if (job !== null) throw new DuplicateFileError(null, job);
}

/**
 * A command's job: run here, or — when this command reached the embedded database through a running server's
 * socket — left to that server's worker, which takes every queued job (with its own limits), and waited for.
 */
export async function commandIngestJob(deps: IngestDeps, id: number): Promise<IngestJob> {
  // Under a lease, as a worker runs it: on PostgreSQL a server may share the queue, and must neither run the job
  // beside this command nor, should the command be killed, leave it unfinished once the lease runs out. A job a
  // server took first is waited for.
  const owner = `${os.hostname()}:${process.pid}:command`;
  if (!deps.db.sharedBy && (await claimIngestJobById(deps.db, id, owner, deps.config.INGEST_LEASE_S)))
    return withLease(deps, id, owner, () => runIngestJob(deps, id));
  for (;;) {
    const job = await ingestJob(deps.db, id);
    if (!job) throw new Error(`ingest job ${id} disappeared`);
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Runs one job to its end. The extractor's failure is the job's ("encrypted PDF: needs a password");
 * the file row, its pages and its cover appear together or not at all.
 */
export async function runIngestJob(deps: IngestDeps, id: number): Promise<IngestJob> {
  const { db, files, log } = deps;
  const before = await ingestJob(db, id);
  // Read and stored already: its OCR step was waiting, or was under way when the process stopped.
  if (before?.state === 'done' && (before.ocr_state === 'pending' || before.ocr_state === 'running'))
    return runOcrStep(deps, before);
  const job = await startedIngestJob(db, id);
  if (!job) return (await ingestJob(db, id))!;
  if (job.attempts > MAX_ATTEMPTS)
    return fail(deps, job, `gave up after ${MAX_ATTEMPTS} attempts (the reader stopped each time)`, 'gave-up');
  const copy = await files.localCopy(job.sha256);
  if (!copy) return fail(deps, job, 'the uploaded file is missing from the file store', 'missing');
  log.info({ job: id, attempt: job.attempts }, 'ingest started');

  let lastWrite = 0;
  let result: Awaited<ReturnType<typeof extractPdf>>;
  try {
    result = await extractPdf(copy.path, ingestLimits(deps.config), (page, total) => {
      const now = Date.now();
      if (now - lastWrite < 250 && page < total) return;
      lastWrite = now;
      setIngestProgress(db, id, page, total).catch((err: unknown) =>
        log.warn({ err, job: id }, 'progress not recorded'),
      );
    });
  } finally {
    await copy.release();
  }
  if (!result.ok) return fail(deps, job, result.reason, result.code);

  const cover = result.cover ? await files.put(Buffer.from(result.cover.data)) : null;
  let fileId: number;
  try {
    fileId = await storeIngested(deps, job, result, cover?.sha256 ?? null);
  } catch (err) {
    if (cover && !cover.existed) await files.delete(cover.sha256);
    // Another job added the same bytes while this one was reading them.
    if (err instanceof DuplicateFileError) return fail(deps, job, err.message, 'duplicate');
    throw err;
  }
  log.info({ job: id, file: fileId, pages: result.pageCount, language: result.language }, 'file ingested');
  const done = (await ingestJob(db, id))!;
  return done.ocr_state === 'pending' ? runOcrStep(deps, done) : done;
}

/**
 * The job's OCR step: the file's pages without text read by OCR, each stored as it is read (so that a
 * restart resumes with the rest and a cancel keeps what was read), in the languages its upload, file
 * and publication name, narrowed by the script of its other text. Missing Tesseract or a language pack
 * ends the step with the package to install; the file stays as it is.
 */
async function runOcrStep(deps: IngestDeps, job: IngestJob): Promise<IngestJob> {
  try {
    return await ocrStep(deps, job);
  } catch (err) {
    // The file is stored and stays: only its OCR failed.
    deps.log.error({ err, job: job.id }, 'OCR crashed');
    await setOcrState(deps.db, job.id, 'failed', 'internal error: see the log').catch(() => {});
    return (await ingestJob(deps.db, job.id))!;
  }
}

async function ocrStep(deps: IngestDeps, job: IngestJob): Promise<IngestJob> {
  const { db, log, config } = deps;
  const fileId = job.file_id!;
  const pages = await pagesAwaitingOcr(db, fileId);
  if (!config.OCR_TESSERACT) {
    await setOcrState(db, job.id, 'unavailable', 'OCR is switched off (OCR_TESSERACT is empty)');
    return (await ingestJob(db, job.id))!;
  }
  const first = job.ocr_state === 'pending';
  await setOcrState(db, job.id, 'running', null, first ? pages.length : undefined);
  const hints = [...new Set([...(job.language ? [job.language] : []), ...(await ocrLanguageHints(db, fileId))])];
  const script = scriptOfText(await textLayerSample(db, fileId));
  log.info({ job: job.id, file: fileId, pages: pages.length, resumed: !first }, 'OCR started');
  const cancel = new AbortController();
  let read = first ? 0 : job.ocr_page;
  const copy = await deps.files.localCopy(job.sha256);
  if (!copy) {
    await setOcrState(db, job.id, 'failed', 'the file is missing from the file store');
    return (await ingestJob(db, job.id))!;
  }
  let outcome: Awaited<ReturnType<typeof ocrPages>>;
  try {
    outcome = await ocrPages(
      copy.path,
      {
        pages,
        hints,
        script,
        tesseract: config.OCR_TESSERACT,
        limits: { ...ingestLimits(config), timeoutMs: config.OCR_TIMEOUT_S * 1000 },
      },
      async (page) => {
        await setOcrPage(db, fileId, page.page, page.text, page.confidence);
        await setOcrProgress(db, job.id, ++read);
        if ((await ocrStateOf(db, job.id)) === 'cancelled') cancel.abort();
      },
      cancel.signal,
    );
  } finally {
    await copy.release();
  }
  const languages = outcome.languages ?? undefined;
  if (outcome.end === 'cancelled') {
    await setOcrState(db, job.id, 'cancelled', null, undefined, languages);
    log.info({ job: job.id, pages: read }, 'OCR cancelled');
  } else {
    const state = outcome.end === 'memory' ? 'failed' : outcome.end;
    await setOcrState(db, job.id, state, outcome.reason, undefined, languages);
    if (outcome.end === 'unavailable')
      log.warn({ job: job.id, install: outcome.missing }, `OCR not run: ${outcome.reason}`);
    else if (outcome.end !== 'done') log.warn({ job: job.id, reason: outcome.reason }, 'OCR stopped');
    else log.info({ job: job.id, pages: outcome.read.length, languages: outcome.languages }, 'OCR done');
  }
  if (outcome.read.some((p) => p.text)) {
    await setFileHasText(db, fileId);
    // A scan had no text to tell its language by: now it has.
    const { main, others } = detectLanguages((await fileText(db, fileId)).join('\n'));
    await setFileLanguagesIfUnknown(db, fileId, main, others);
  }
  return (await ingestJob(db, job.id))!;
}

/**
 * The one way a read PDF becomes a file: the row (with the upload's language, embargo and place in a
 * chain of versions), its pages, its cover and the job's end, together — recorded in the publication's
 * history as a change by the uploader when there is one. Returns the file's id.
 */
async function storeIngested(
  deps: IngestDeps,
  job: IngestJob,
  result: Extraction,
  coverSha256: string | null,
): Promise<number> {
  const size = await deps.files.sizeOf(job.sha256);
  if (size === null)
    throw new Error(`file ${job.sha256} vanished from the file store ${deps.files.location} during its ingest`);
  const write = async (t: Db) => {
    await refuseDuplicate(t, job.publication_id, job.sha256, job.id);
    // The language the upload named, else the one read from the text (its prose, page by page: code samples do not
    // decide); with neither, a new version keeps the old one's (supersede). A page in another language keeps its own.
    const languages = pageLanguages(result.pages);
    const language = job.language ?? languages.file ?? result.language;
    const fid = await addFile(t, job.publication_id, {
      sha256: job.sha256,
      original_name: job.original_name,
      media_type: 'application/pdf',
      size,
      pages: result.pageCount,
      language,
      is_sample: job.is_sample,
    });
    const noText = new Set(result.pagesWithoutText);
    await setFileReading(t, fid, {
      textStatus: noText.size === result.pageCount ? 'no_text' : 'extracted',
      coverSha256,
      warnings: result.warnings,
      metadata: result.metadata,
      embargoUntil: job.embargo_until,
      otherLanguages: result.otherLanguages,
    });
    await insertFilePages(
      t,
      fid,
      result.pages,
      result.pagesWithoutText,
      languages.pages.map((l) => (l === language ? null : l)),
    );
    if (result.pagesWithoutText.length > 0) await setOcrState(t, job.id, 'pending');
    // The version replaced is the newest of its chain: another upload may have replaced it meanwhile.
    const old = job.replaces === null ? null : await currentVersionOf(t, job.publication_id, job.replaces);
    if (old !== null) await supersede(t, old, fid);
    await setIngestJobDone(t, job.id, fid, result.pageCount);
    await refreshSearch(t, job.publication_id);
    return fid;
  };
  return job.user_id === null
    ? deps.db.tx(write)
    : changePublication(deps.db, job.publication_id, job.user_id, 'files', write, null, job.api_token_id ?? null);
}

async function fail(deps: IngestDeps, job: IngestJob, reason: string, code: JobFailure): Promise<IngestJob> {
  await setIngestJobFailed(deps.db, job.id, reason, code);
  // The bytes go when nothing else needs them: no file row, no other unfinished job.
  if (!(await isBlobReferenced(deps.db, job.sha256, job.id))) await deps.files.delete(job.sha256);
  deps.log.warn({ job: job.id, reason }, 'ingest failed');
  return (await ingestJob(deps.db, job.id))!;
}

/** Runs fn on a job claimed for owner, renewing the lease every third of it, and lets the job go afterwards. */
async function withLease<T>(deps: IngestDeps, id: number, owner: string, fn: () => Promise<T>): Promise<T> {
  const leaseS = deps.config.INGEST_LEASE_S;
  const renew = setInterval(
    () => {
      renewIngestLease(deps.db, id, owner, leaseS).catch((err: unknown) =>
        deps.log.warn({ err, job: id }, 'job lease not renewed'),
      );
    },
    (leaseS * 1000) / 3,
  );
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await releaseIngestLease(deps.db, id, owner).catch(() => {});
  }
}

/**
 * The server's background worker: one job at a time, oldest first, claimed under a lease so that several
 * instances on one PostgreSQL never run a job twice, and a job of an instance that died is taken over when
 * its lease runs out. With the embedded database (one process) a job left running by a killed run is taken
 * up at start. Polls for new jobs, and is woken at once by `notify`.
 */
export class IngestWorker {
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** Who holds a lease: this machine, this process, this worker. */
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly deps: IngestDeps,
    private readonly pollMs = 2000,
  ) {}

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
    const { db, config, log } = this.deps;
    const leaseS = config.INGEST_LEASE_S;
    if (db.kind === 'pglite') await releaseAllIngestLeases(db).catch(() => {});
    while (!this.stopped) {
      const next = await claimIngestJob(db, this.owner, leaseS).catch(() => null);
      if (next !== null) {
        // Failed while it is still this worker's, so that no other takes it up in between.
        await withLease(this.deps, next, this.owner, () =>
          runIngestJob(this.deps, next).catch(async (err: unknown) => {
            log.error({ err, job: next }, 'ingest job crashed');
            await setIngestJobFailed(db, next, 'internal error: see the log', 'internal').catch(() => {});
          }),
        );
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
  const tmp = files.tmpDir;
  if (fs.existsSync(tmp)) {
    for (const f of fs.readdirSync(tmp)) {
      const p = `${tmp}/${f}`;
      if (now - fs.statSync(p).mtimeMs > minAgeMs) fs.rmSync(p, { force: true });
    }
  }
  const old: string[] = [];
  for await (const e of files.entries()) if (now - e.modified.getTime() > minAgeMs) old.push(e.sha256);
  for (const sha of await unreferencedBlobs(db, old)) {
    await files.delete(sha);
    removed.push(sha);
  }
  return removed;
}
