// POST /admin/publications/:slug/files — a new file or a new version of one, streamed to the file store.
// The form sends _csrf, language, replaces and embargo_until before the file, so they are checked
// before a byte is stored. A PDF is queued for ingest and the answer does not wait for it. 303 back to
// the page's files; 422 with the message beside the upload form (bytes already there too); 413 over the limit.
import { validCsrfToken, CSRF_FIELD } from '../../auth/csrf.ts';
import { FileTooLargeError } from '../../files/store.ts';
import { DuplicateFileError } from '../../ingest/jobs.ts';
import { canEditPublication } from '../../policies.ts';
import { filesOfPublication, staffFile } from '../../store/file-versions.ts';
import { href } from '../../views/href.ts';
import { forbidden, HttpError } from '../../http/errors.tsx';
import { renderEditPage, requirePublication } from '../edit-page.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';
import { MultipartError, readMultipart } from '../../uploads/multipart.ts';
import type { FieldError } from '../../http/forms.ts';
import { filledFields, uploadFieldErrors, uploadMeta } from '../../uploads/meta.ts';
import { EmptyFileError, storeUpload, type Stored, type UploadMeta } from '../../uploads/upload.ts';

const tooLarge = () => new HttpError(413, 'too_large', 'error.too_large');

/** The upload's fields as metadata, or the messages for the ones that are wrong. */
async function readMeta(
  c: StaffCtx,
  publicationId: number,
  fields: Record<string, string>,
): Promise<UploadMeta | FieldError[]> {
  const parsed = uploadMeta.safeParse(filledFields(fields));
  if (!parsed.success) return uploadFieldErrors(parsed.error);
  const { language = null, embargo_until = null, replaces = null } = parsed.data;
  if (replaces !== null) {
    const current = (await filesOfPublication(c.var.deps.db, publicationId)).filter((f) => f.replaced_by === null);
    if (!current.some((f) => f.id === replaces)) return [{ field: 'replaces', key: 'form.invalid' }];
  }
  return { language, embargo_until, replaces };
}

/** "This file is already on the publication: report.pdf", or already on its way there. */
async function duplicateError(c: StaffCtx, publicationId: number, err: DuplicateFileError): Promise<FieldError> {
  if (err.fileId === null) return { field: 'file', key: 'files.duplicate_job' };
  const same = await staffFile(c.var.deps.db, publicationId, err.fileId);
  return { field: 'file', key: 'files.duplicate', vars: { name: same?.original_name ?? String(err.fileId) } };
}

export async function fileUpload(c: StaffCtx) {
  const pub = await requirePublication(c);
  const actor = actorOf(c);
  const { deps, session } = c.var;
  if (Number(c.req.header('Content-Length') ?? 0) > deps.config.UPLOAD_MAX_BYTES + 1024 * 1024) throw tooLarge();
  let outcome: { fields: Record<string, string>; result: Stored | FieldError[] | null };
  try {
    outcome = await readMultipart(c.req.raw, 'file', deps.config.UPLOAD_MAX_BYTES, async (fields, file) => {
      if (!validCsrfToken(session, fields[CSRF_FIELD])) throw forbidden();
      allow(canEditPublication(actor, pub.status));
      const meta = await readMeta(c, pub.id, fields);
      if (Array.isArray(meta) || !file.filename) {
        file.stream.resume();
        return Array.isArray(meta) ? meta : null;
      }
      return storeUpload(deps, pub.id, file, meta, actor.id);
    });
  } catch (err) {
    if (err instanceof FileTooLargeError) throw tooLarge();
    if (err instanceof EmptyFileError)
      return renderEditPage(c, pub, { fileErrors: [{ field: 'file', key: 'files.empty' }] }, 422);
    if (err instanceof DuplicateFileError)
      return renderEditPage(c, pub, { fileErrors: [await duplicateError(c, pub.id, err)] }, 422);
    if (err instanceof MultipartError) throw new HttpError(400, 'bad_request', 'error.bad_upload');
    throw err;
  }
  if (!validCsrfToken(session, outcome.fields[CSRF_FIELD])) throw forbidden();
  allow(canEditPublication(actor, pub.status));
  const { result } = outcome;
  if (Array.isArray(result)) return renderEditPage(c, pub, { fileErrors: result }, 422);
  if (!result) return renderEditPage(c, pub, { fileErrors: [{ field: 'file', key: 'files.choose' }] }, 422);
  const done = result.kind === 'job' ? `queued=${result.id}` : 'saved=1';
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${pub.slug}?${done}#files-h`), 303);
}
