// Ingest jobs (ingest_jobs) and what a finished job writes: the file row's reading results and its pages
// (file_pages). The queue, the worker and the extraction that use these live in src/ingest/.
import type { Db } from '../db/db.ts';

/** Why a file was refused by the extractor; a translation key (see src/ingest/types.ts). */
export type RejectionCode =
  | 'unreadable' // the path cannot be read (missing, permissions)
  | 'empty'
  | 'not-pdf'
  | 'encrypted' // needs a password
  | 'damaged' // the parser cannot read it, or stopped on it
  | 'too-large' // file size, or an image that would decode past maxImagePixels
  | 'too-many-pages'
  | 'timeout'
  | 'memory';

/** Metadata the file declares, cleaned (files.metadata); suggestions for the catalogue form, never trusted as is. */
export interface DocumentMetadata {
  title: string | null;
  author: string | null;
  subject: string | null;
  keywords: string | null;
  /** ISO 8601: when the file was made (not when the document was published). */
  created: string | null;
  /** When the document was published, as its XMP states it ("2016", "2016-03-25"), and the XMP key it came from. */
  published?: string | null;
  publishedKey?: string | null;
  modified: string | null;
  /** The program that made the file, e.g. "Microsoft® Word 2010". */
  creator: string | null;
  /** The language the file declares (/Lang), as written there, e.g. "ru-RU". Often wrong. */
  declaredLanguage: string | null;
}

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
  /** The API token it was uploaded with (issue 18), else null. */
  api_token_id: number | null;
  embargo_until: string | null;
  /** The file this one is a new version of. */
  replaces: number | null;
  /** Why it failed, as a translation key: a RejectionCode, or one of JOB_FAILURES. */
  error_code: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  /** The OCR step after the file is stored (see migration 0040); null when no page needs it. */
  ocr_state: OcrState | null;
  ocr_page: number;
  ocr_total: number | null;
  /** Tesseract's languages, e.g. "rus+eng". */
  ocr_languages: string | null;
  /** Why OCR stopped or could not run, e.g. "apt-get install tesseract-ocr-kaz". */
  ocr_note: string | null;
  /** Its file's text: 'no_text' while no page has any (a scan before OCR); in the staff lists only. */
  text_status?: string | null;
}

export type OcrState = 'pending' | 'running' | 'done' | 'cancelled' | 'timeout' | 'unavailable' | 'failed';

/** Failures of a job that are not the extractor's refusals. */
export const JOB_FAILURES = ['duplicate', 'missing', 'gave-up', 'internal'] as const;
/** What error_code holds: the extractor's refusal or the job's own failure. */
export type JobFailure = RejectionCode | (typeof JOB_FAILURES)[number];

/** A job with the publication it belongs to, for its page. */
export interface IngestJobPage extends IngestJob {
  slug: string;
  status: string;
  title: Record<string, string>;
  original_language: string;
}

/** What a queued job carries from its upload. */
export interface NewIngestJob {
  publicationId: number;
  sha256: string;
  originalName: string;
  language: string | null;
  isSample: boolean;
  userId: number | null;
  tokenId: number | null;
  embargoUntil: string | null;
  replaces: number | null;
}

/** Queues a job; returns its id. */
export async function insertIngestJob(db: Db, j: NewIngestJob): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into ingest_jobs (publication_id, sha256, original_name, language, is_sample, user_id, embargo_until, replaces, api_token_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      j.publicationId,
      j.sha256,
      j.originalName,
      j.language,
      j.isSample,
      j.userId,
      j.embargoUntil,
      j.replaces,
      j.tokenId,
    ],
  );
  return row!.id;
}

/** The id of the publication's file with these bytes, or null. */
export async function fileIdWithBytes(db: Db, publicationId: number, sha256: string): Promise<number | null> {
  const row = await db.one<{ id: number }>(
    'select id from files where publication_id = $1 and sha256 = $2 order by id limit 1',
    [publicationId, sha256],
  );
  return row?.id ?? null;
}

/** The id of another unfinished job adding these bytes to the publication, or null. */
export async function unfinishedJobIdWithBytes(
  db: Db,
  publicationId: number,
  sha256: string,
  exceptJob = 0,
): Promise<number | null> {
  const row = await db.one<{ id: number }>(
    `select id from ingest_jobs where publication_id = $1 and sha256 = $2 and state in ('queued', 'running') and id <> $3 order by id limit 1`,
    [publicationId, sha256, exceptJob],
  );
  return row?.id ?? null;
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
    `select j.*, f.text_status from ingest_jobs j left join files f on f.id = j.file_id
      where j.publication_id = $1 and (j.state in ('queued', 'running') or j.ocr_state in ('pending', 'running')
        or j.finished_at > now() - make_interval(days => $2))
      order by j.id desc limit $3`,
    [publicationId, days, limit],
  );
}

export async function ingestJobWithPublication(db: Db, id: number): Promise<IngestJobPage | null> {
  return db.one<IngestJobPage>(
    `select j.*, p.slug, p.status, p.title, p.original_language, f.text_status
       from ingest_jobs j join publications p on p.id = j.publication_id left join files f on f.id = j.file_id where j.id = $1`,
    [id],
  );
}

// A job still to run (queued, reading, or with OCR to do) that nobody holds: never leased, let go, or
// left by a worker whose lease ran out (its instance died).
const TO_RUN = `(state in ('queued', 'running') or ocr_state in ('pending', 'running'))
  and (lease_until is null or lease_until < now())`;

/**
 * Claims the oldest job still to run for `owner`, for `leaseS` seconds, and returns its id (null: none).
 * SKIP LOCKED: two instances claiming at once take different jobs; a job under a live lease is nobody else's.
 */
export async function claimIngestJob(db: Db, owner: string, leaseS: number): Promise<number | null> {
  const row = await db.one<{ id: number }>(
    `update ingest_jobs set lease_owner = $1, lease_until = now() + make_interval(secs => $2)
     where id = (select id from ingest_jobs where ${TO_RUN} order by id limit 1 for update skip locked)
     returning id`,
    [owner, leaseS],
  );
  return row?.id ?? null;
}

/**
 * Claims one job by its id for `owner` (a command running the job it queued), as claimIngestJob would take it;
 * false when a worker holds it already or it has nothing left to run.
 */
export async function claimIngestJobById(db: Db, id: number, owner: string, leaseS: number): Promise<boolean> {
  const row = await db.one<{ id: number }>(
    `update ingest_jobs set lease_owner = $2, lease_until = now() + make_interval(secs => $3)
     where id = $1 and ${TO_RUN} returning id`,
    [id, owner, leaseS],
  );
  return row !== null;
}

/** Keeps the lease of a job its owner is still working on; false when another worker has taken it over. */
export async function renewIngestLease(db: Db, id: number, owner: string, leaseS: number): Promise<boolean> {
  const row = await db.one<{ id: number }>(
    `update ingest_jobs set lease_until = now() + make_interval(secs => $3) where id = $1 and lease_owner = $2 returning id`,
    [id, owner, leaseS],
  );
  return row !== null;
}

/** Lets go of a job (ended, or stopped on shutdown): it can be claimed again at once if it still has work. */
export async function releaseIngestLease(db: Db, id: number, owner: string): Promise<void> {
  await db.query('update ingest_jobs set lease_owner = null, lease_until = null where id = $1 and lease_owner = $2', [
    id,
    owner,
  ]);
}

/**
 * Forgets every lease: for the embedded database, which one process owns, so that a job its last run was
 * killed in is taken up at once at start instead of when the lease runs out.
 */
export async function releaseAllIngestLeases(db: Db): Promise<void> {
  await db.query('update ingest_jobs set lease_owner = null, lease_until = null where lease_owner is not null');
}

/** Marks the job running (one more attempt, progress from 0) and returns it; null when it has already ended. */
export async function startedIngestJob(db: Db, id: number): Promise<IngestJob | null> {
  return db.one<IngestJob>(
    `update ingest_jobs set state = 'running', attempts = attempts + 1, progress_page = 0, updated_at = now()
     where id = $1 and state in ('queued', 'running') returning *`,
    [id],
  );
}

export async function setIngestProgress(db: Db, id: number, page: number, total: number): Promise<void> {
  await db.query('update ingest_jobs set progress_page = $2, progress_total = $3, updated_at = now() where id = $1', [
    id,
    page,
    total,
  ]);
}

export async function setIngestJobDone(db: Db, id: number, fileId: number, pageCount: number): Promise<void> {
  await db.query(
    `update ingest_jobs set state = 'done', file_id = $2, progress_page = $3, progress_total = $3, error = null, error_code = null,
       finished_at = now(), updated_at = now() where id = $1`,
    [id, fileId, pageCount],
  );
}

export async function setIngestJobFailed(db: Db, id: number, reason: string, code: JobFailure): Promise<void> {
  await db.query(
    `update ingest_jobs set state = 'failed', error = $2, error_code = $3, finished_at = now(), updated_at = now() where id = $1`,
    [id, reason, code],
  );
}

/** What reading a file found, stored on its row. */
export interface FileReading {
  textStatus: 'no_text' | 'extracted';
  coverSha256: string | null;
  warnings: unknown[];
  metadata: DocumentMetadata;
  embargoUntil: string | null;
  otherLanguages: string[];
}

export async function setFileReading(db: Db, fileId: number, r: FileReading): Promise<void> {
  await db.query(
    `update files set text_status = $2, cover_sha256 = $3, warnings = $4, metadata = $5, embargo_until = $6, other_languages = $7 where id = $1`,
    [
      fileId,
      r.textStatus,
      r.coverSha256,
      JSON.stringify(r.warnings),
      JSON.stringify(r.metadata),
      r.embargoUntil,
      r.otherLanguages,
    ],
  );
}

/** The text of every page of a file (index 0 is page 1), OCR included. */
export async function fileText(db: Db, fileId: number): Promise<string[]> {
  return (
    await db.query<{ text: string }>('select text from file_pages where file_id = $1 order by page', [fileId])
  ).map((r) => r.text);
}

/** Sets a file's languages where none was known (after OCR gave it text). */
export async function setFileLanguagesIfUnknown(
  db: Db,
  fileId: number,
  language: string | null,
  others: string[],
): Promise<void> {
  await db.query(`update files set language = $2, other_languages = $3 where id = $1 and language is null`, [
    fileId,
    language,
    others,
  ]);
}

/** Stores the text of every page (index 0 is page 1) in one statement: a 350-page book is one round trip. */
export async function insertFilePages(
  db: Db,
  fileId: number,
  pages: string[],
  pagesWithoutText: number[],
  pageLanguages: Array<string | null> = [],
): Promise<void> {
  // One insert for all pages: a 350-page book is one round trip. A page's language is null when it is its file's.
  await db.query(
    `insert into file_pages (file_id, page, text, has_text, language)
     select $1, p.n::int, p.text, not (p.n::int = any($3::int[])), p.language
     from unnest($2::text[], $4::text[]) with ordinality as p(text, language, n)`,
    [fileId, pages, pagesWithoutText, pages.map((_, i) => pageLanguages[i] ?? null)],
  );
}

/** Pages of a file still waiting for OCR: without text, not read by OCR yet; in order. */
export async function pagesAwaitingOcr(db: Db, fileId: number): Promise<number[]> {
  const rows = await db.query<{ page: number }>(
    'select page from file_pages where file_id = $1 and not has_text and not ocr order by page',
    [fileId],
  );
  return rows.map((r) => r.page);
}

/** Stores a page read by OCR (its text is indexed by the file_pages triggers like any page). */
export async function setOcrPage(
  db: Db,
  fileId: number,
  page: number,
  text: string,
  confidence: number,
): Promise<void> {
  await db.query(
    `update file_pages set text = $3, has_text = ($3 <> ''), ocr = true, ocr_confidence = $4 where file_id = $1 and page = $2`,
    [fileId, page, text, confidence],
  );
}

/** A file that had no text layer at all now has text (from OCR). */
export async function setFileHasText(db: Db, fileId: number): Promise<void> {
  await db.query(`update files set text_status = 'extracted' where id = $1 and text_status = 'no_text'`, [fileId]);
}

/** Sets the job's OCR step; `total` and `languages` only when given. */
export async function setOcrState(
  db: Db,
  id: number,
  state: OcrState,
  note: string | null = null,
  total?: number,
  languages?: string,
): Promise<void> {
  await db.query(
    `update ingest_jobs set ocr_state = $2, ocr_note = $3, ocr_total = coalesce($4, ocr_total), ocr_languages = coalesce($5, ocr_languages),
       updated_at = now() where id = $1`,
    [id, state, note, total ?? null, languages ?? null],
  );
}

export async function setOcrProgress(db: Db, id: number, page: number): Promise<void> {
  await db.query('update ingest_jobs set ocr_page = $2, updated_at = now() where id = $1', [id, page]);
}

/** Cancels the job's OCR if it has not ended; true when it did. */
export async function cancelOcr(db: Db, id: number): Promise<boolean> {
  const row = await db.one(
    `update ingest_jobs set ocr_state = 'cancelled', updated_at = now() where id = $1 and ocr_state in ('pending', 'running') returning id`,
    [id],
  );
  return row !== null;
}

/** The job's OCR state as it is now in the database (a cancel arrives through it). */
export async function ocrStateOf(db: Db, id: number): Promise<OcrState | null> {
  return (
    (await db.one<{ ocr_state: OcrState | null }>('select ocr_state from ingest_jobs where id = $1', [id]))
      ?.ocr_state ?? null
  );
}

/** The languages a file's OCR may use, most likely first: the upload's, the file's, the publication's. */
export async function ocrLanguageHints(db: Db, fileId: number): Promise<string[]> {
  const row = await db.one<{ file: string | null; original: string; languages: string[] }>(
    `select f.language as file, p.original_language as original, p.languages from files f join publications p on p.id = f.publication_id where f.id = $1`,
    [fileId],
  );
  return row ? [...new Set([row.file, row.original, ...row.languages].filter((l): l is string => !!l))] : [];
}

/** The text of the pages a file has from its text layer, for the script check before OCR. */
export async function textLayerSample(db: Db, fileId: number): Promise<string> {
  const row = await db.one<{ text: string | null }>(
    `select string_agg(left(text, 2000), ' ') as text from (select text from file_pages where file_id = $1 and has_text and not ocr order by page limit 5) p`,
    [fileId],
  );
  return row?.text ?? '';
}

/** What OCR read of a file: pages and their mean confidence, for staff. */
export interface OcrSummary {
  pages: number;
  confidence: number | null;
  lowest: number | null;
}

export async function ocrSummaryOf(db: Db, fileId: number): Promise<OcrSummary> {
  const row = await db.one<{ pages: number; confidence: number | null; lowest: number | null }>(
    `select count(*)::int as pages, round(avg(ocr_confidence)::numeric, 1)::float8 as confidence, min(ocr_confidence)::float8 as lowest
       from file_pages where file_id = $1 and ocr and has_text`,
    [fileId],
  );
  return row ?? { pages: 0, confidence: null, lowest: null };
}
