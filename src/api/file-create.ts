// POST /api/v1/publications/{slug}/files — a program adds a file with a staff member's API token.
// The body is multipart/form-data (the file in the field "file", optionally "language" before it), or
// the file itself (its name in ?name= or Content-Disposition). It is streamed into the file store, never
// held in memory, under UPLOAD_MAX_BYTES (413). Like the staff form (storeUpload): a PDF is queued for
// ingest — 202, the job, Location: /api/v1/jobs/{id} — and any other file is stored as it is — 201, the file.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { MultipartError, readMultipart } from '../uploads/multipart.ts';
import { EmptyFileError, storeUpload, type Stored } from '../uploads/upload.ts';
import { FileTooLargeError } from '../files/store.ts';
import { DuplicateFileError } from '../ingest/jobs.ts';
import { canEditPublication } from '../policies.ts';
import { jobWithFile } from '../store/api-jobs.ts';
import { staffFile } from '../store/file-versions.ts';
import { publicationRefBySlug } from '../store/snapshots.ts';
import { type Ctx, publicOrigin } from '../http/context.ts';
import { badParams, forbidden, HttpError, notFound } from '../http/errors.tsx';
import { dispositionFileName } from './disposition.ts';
import { presentJob, presentStoredFile } from './present.ts';
import { uploadQuery } from './schemas.ts';
import { tokenUser } from './token-auth.ts';
import type { TokenUser } from '../store/api-tokens.ts';

const MB = 1024 * 1024;

export async function fileCreate(c: Ctx) {
  const user = await tokenUser(c);
  const query = uploadQuery.safeParse(c.req.query());
  if (!query.success) throw badParams(query.error);
  const { deps } = c.var;
  const pub = await publicationRefBySlug(deps.db, c.req.param('slug') ?? '');
  if (!pub) throw notFound();
  if (!canEditPublication(user, pub.status)) throw forbidden();

  const max = deps.config.UPLOAD_MAX_BYTES;
  const multipart = mediaType(c.req.header('Content-Type')) === 'multipart/form-data';
  // A declared length over the limit is refused before a byte is read (a form's own fields get 1 MB).
  if (Number(c.req.header('Content-Length') ?? 0) > max + (multipart ? MB : 0)) throw tooLarge(max);
  let stored: Stored | null;
  try {
    stored = multipart
      ? await fromForm(c, pub.id, query.data.language ?? null, user)
      : await fromBody(c, pub.id, pub.slug, query.data, user);
  } catch (err) {
    throw uploadError(err, max);
  }
  if (!stored) throw new HttpError(400, 'bad_request', 'error.upload_no_file');

  const origin = publicOrigin(c);
  if (stored.kind === 'job') {
    c.header('Location', `/api/v1/jobs/${stored.id}`);
    return c.json(presentJob((await jobWithFile(deps.db, stored.id))!, origin), 202);
  }
  const file = presentStoredFile((await staffFile(deps.db, pub.id, stored.id))!, pub.slug, origin);
  c.header('Location', file.url);
  return c.json(file, 201);
}

/** A form's file, with its "language" field (which wins over ?language=); null when it holds no file. */
async function fromForm(
  c: Ctx,
  publicationId: number,
  language: string | null,
  user: TokenUser,
): Promise<Stored | null> {
  const { deps } = c.var;
  const { result } = await readMultipart(c.req.raw, 'file', deps.config.UPLOAD_MAX_BYTES, async (fields, file) => {
    const field = uploadQuery.pick({ language: true }).safeParse({ language: fields.language || undefined });
    if (!field.success) throw badParams(field.error);
    if (!file.filename) {
      file.stream.resume();
      return null;
    }
    return storeUpload(
      deps,
      publicationId,
      file,
      { language: field.data.language ?? language, embargo_until: null, replaces: null },
      user.id,
      user.token_id,
    );
  });
  return result;
}

/** The body as the file: named by ?name=, else Content-Disposition, else (a PDF) after the publication. */
async function fromBody(
  c: Ctx,
  publicationId: number,
  slug: string,
  q: { name?: string; language?: string },
  user: TokenUser,
): Promise<Stored> {
  const type = mediaType(c.req.header('Content-Type'));
  const name =
    q.name ??
    dispositionFileName(c.req.header('Content-Disposition')) ??
    (type === 'application/pdf' ? `${slug}.pdf` : null);
  if (!name) throw new HttpError(400, 'bad_request', 'error.upload_name');
  const body = c.req.raw.body;
  const stream = body ? Readable.fromWeb(body as WebReadableStream) : Readable.from([]);
  return storeUpload(
    c.var.deps,
    publicationId,
    { stream, filename: name },
    { language: q.language ?? null, embargo_until: null, replaces: null },
    user.id,
    user.token_id,
  );
}

const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

const tooLarge = (max: number) =>
  new HttpError(413, 'too_large', 'error.file_too_large', { max: `${Math.round((max / MB) * 10) / 10} MB` });

/** The refusals of storing an upload as the API's errors; anything else as it is (a 500). */
function uploadError(err: unknown, max: number): unknown {
  if (err instanceof FileTooLargeError) return tooLarge(max);
  if (err instanceof EmptyFileError) return new HttpError(400, 'empty', 'error.upload_empty');
  if (err instanceof DuplicateFileError) {
    return err.fileId !== null
      ? new HttpError(409, 'duplicate', 'error.duplicate_file', { file: String(err.fileId) })
      : new HttpError(409, 'duplicate', 'error.duplicate_job', { job: String(err.jobId) });
  }
  if (err instanceof MultipartError) return new HttpError(400, 'bad_request', 'error.bad_upload');
  return err;
}
