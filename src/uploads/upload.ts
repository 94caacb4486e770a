// Uploaded files: storing the bytes (streamed into the file store, never held in memory), then either
// queueing an ingest job (a PDF: its text, language, cover and page count are read in the background)
// or, for any other kind of file, the file row at once. storeUpload is the one place that decides.
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { FileStore } from '../files/store.ts';
import { changePublication } from '../history/record.ts';
import { queueStoredIngest, refuseDuplicate } from '../ingest/jobs.ts';
import { cleanFileName, mediaTypeOf } from '../domain/file-names.ts';
import { isBlobReferenced } from '../store/blobs.ts';
import { addFile } from '../store/files.ts';
import { supersede, updateFileMeta } from '../store/file-versions.ts';
import type { Deps } from '../http/context.ts';

/** An upload of no bytes: nothing is kept. */
export class EmptyFileError extends Error {}

export interface Upload {
  stream: Readable;
  filename: string;
}
/** An upload's metadata once checked (src/uploads/meta.ts): null for none. */
export interface UploadMeta {
  language: string | null;
  embargo_until: string | null;
  replaces: number | null;
}

/** What became of an upload: a file row at once, or an ingest job that will make it. */
export type Stored = { kind: 'file'; id: number; size: number } | { kind: 'job'; id: number; size: number };

/** A PDF by its name, or by its first bytes whatever its name says. */
export function isPdfUpload(name: string, head: Buffer): boolean {
  return mediaTypeOf(name) === 'application/pdf' || head.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** The first n bytes of a stored blob of at least one byte. */
async function firstBytes(files: FileStore, sha256: string, size: number, n = 5): Promise<Buffer> {
  const stream = await files.read(sha256, { start: 0, end: Math.min(n, size) - 1 });
  return stream ? buffer(stream) : Buffer.alloc(0);
}

/**
 * Stores an upload for the publication. A PDF is queued for ingest (the worker is woken) with the form's
 * language, embargo and the file it replaces, and the uploader, so the finished job records the change as
 * theirs. Any other file becomes a file row now — a new version of `replaces` when given — recorded as a
 * change by userId (with API token tokenId when it came through the API). Over UPLOAD_MAX_BYTES it throws FileTooLargeError, for no bytes EmptyFileError, for
 * bytes the publication already has DuplicateFileError; in each case it keeps nothing new.
 */
export async function storeUpload(
  deps: Deps,
  publicationId: number,
  upload: Upload,
  meta: UploadMeta,
  userId: number,
  tokenId: number | null = null,
): Promise<Stored> {
  const put = await deps.files.put(upload.stream, deps.config.UPLOAD_MAX_BYTES);
  const name = cleanFileName(upload.filename);
  // Bytes this upload brought into the store go again unless a file row or an unfinished job points to them.
  const forget = async () => {
    if (!put.existed && !(await isBlobReferenced(deps.db, put.sha256))) await deps.files.delete(put.sha256);
  };
  if (put.size === 0) {
    await forget();
    throw new EmptyFileError('the file is empty');
  }
  try {
    if (isPdfUpload(name, await firstBytes(deps.files, put.sha256, put.size))) {
      const id = await queueStoredIngest(deps.db, put.sha256, {
        publicationId,
        originalName: name,
        language: meta.language,
        userId,
        tokenId,
        embargoUntil: meta.embargo_until,
        replaces: meta.replaces,
      });
      deps.ingest?.notify();
      return { kind: 'job', id, size: put.size };
    }
    // The bytes are in the store before the transaction starts: no transaction waits on a slow upload.
    const id = await changePublication(
      deps.db,
      publicationId,
      userId,
      'files',
      async (t) => {
        await refuseDuplicate(t, publicationId, put.sha256);
        const fileId = await addFile(t, publicationId, {
          sha256: put.sha256,
          original_name: name,
          media_type: mediaTypeOf(name),
          size: put.size,
          language: meta.language,
          text_status: 'not_applicable',
        });
        await updateFileMeta(t, fileId, {
          language: meta.language,
          embargo_until: meta.embargo_until,
          is_sample: false,
        });
        if (meta.replaces) await supersede(t, meta.replaces, fileId);
        return fileId;
      },
      null,
      tokenId,
    );
    return { kind: 'file', id, size: put.size };
  } catch (err) {
    await forget();
    throw err;
  }
}
