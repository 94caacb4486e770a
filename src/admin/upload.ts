// Uploaded files: storing the bytes (streamed into the file store, never held in memory) and the
// file row. storeUpload is the one place that does it, so it can hand files to the ingest queue later.
import path from 'node:path';
import type { Readable } from 'node:stream';
import { changePublication } from '../history/record.ts';
import { addFile, isBlobReferenced } from '../store/files.ts';
import { supersede, updateFileMeta } from '../store/file-versions.ts';
import type { Deps } from '../web/context.ts';

/** True for the upload route, which the global body limit leaves alone: it has its own, larger one. */
export function isUploadRequest(method: string, urlPath: string): boolean {
  return method === 'POST' && /^(?:\/(?:ru|kk))?\/admin\/publications\/[^/]+\/files\/?$/.test(urlPath);
}

// Only these types are served as themselves; anything else is sent as application/octet-stream, so
// no upload can become a script or a page of this site (downloads also carry nosniff and attachment).
const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf', epub: 'application/epub+zip', doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', zip: 'application/zip', txt: 'text/plain', csv: 'text/csv',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', mp3: 'audio/mpeg', mp4: 'video/mp4',
};

/** The media type a file is served with, from its name. */
export function mediaTypeOf(name: string): string {
  return MEDIA_TYPES[path.extname(name).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** A file name as shown and sent back: no directories, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-200);
  return clean || 'file';
}

/** An upload of no bytes: nothing is kept. */
export class EmptyFileError extends Error {}

export interface Upload { stream: Readable; filename: string }
export interface UploadMeta { language: string | null; embargo_until: string | null; replaces: number | null }

/**
 * Stores an upload as a file of the publication — a new version of `replaces` when given — recorded
 * in its history as a change by userId, and returns
 * its id. Over UPLOAD_MAX_BYTES it throws FileTooLargeError, for no bytes EmptyFileError, and keeps nothing.
 */
export async function storeUpload(deps: Deps, publicationId: number, upload: Upload, meta: UploadMeta, userId: number): Promise<{ id: number; size: number }> {
  const put = await deps.files.put(upload.stream, deps.config.UPLOAD_MAX_BYTES);
  const name = cleanFileName(upload.filename);
  if (put.size === 0) {
    if (!put.existed && !(await isBlobReferenced(deps.db, put.sha256))) deps.files.remove(put.sha256);
    throw new EmptyFileError('the file is empty');
  }
  try {
    // The bytes are in the store before the transaction starts: no transaction waits on a slow upload.
    const id = await changePublication(deps.db, publicationId, userId, 'files', async (t) => {
      const fileId = await addFile(t, publicationId, { sha256: put.sha256, original_name: name, media_type: mediaTypeOf(name), size: put.size, language: meta.language });
      await updateFileMeta(t, fileId, { language: meta.language, embargo_until: meta.embargo_until, is_sample: false });
      if (meta.replaces) await supersede(t, meta.replaces, fileId);
      return fileId;
    });
    return { id, size: put.size };
  } catch (err) {
    if (!put.existed && !(await isBlobReferenced(deps.db, put.sha256))) deps.files.remove(put.sha256);
    throw err;
  }
}
