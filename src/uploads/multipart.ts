// A multipart/form-data body read as a stream (busboy): fields are collected, the one file is handed
// over as a stream the moment it begins. Hono's parseBody() would first buffer the whole body in memory,
// which for a 200 MB upload is what we must not do.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';

export class MultipartError extends Error {}

export interface FilePart {
  stream: Readable;
  filename: string;
}

/**
 * Reads the body; when the part named `fileField` begins, calls onFile with the fields read so far
 * (the form puts its other fields first) and the file's stream, which onFile must consume.
 * Resolves with every field and onFile's result (null when no file was sent).
 */
export function readMultipart<T>(
  req: Request,
  fileField: string,
  maxFileBytes: number,
  onFile: (fields: Record<string, string>, file: FilePart) => Promise<T>,
): Promise<{ fields: Record<string, string>; result: T | null }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: { 'content-type': req.headers.get('content-type') ?? '' },
        // Browsers send file names as raw UTF-8 (Cyrillic names are common here); busboy's default is latin1.
        defParamCharset: 'utf8',
        // One byte over the limit is enough for the store to notice and refuse.
        limits: { files: 1, fields: 50, parts: 60, fieldSize: 64 * 1024, fileSize: maxFileBytes + 1 },
      });
    } catch (err) {
      reject(new MultipartError((err as Error).message));
      return;
    }
    if (!req.body) {
      reject(new MultipartError('no body'));
      return;
    }
    const source = Readable.fromWeb(req.body as WebReadableStream);
    const fields: Record<string, string> = {};
    let pending: Promise<T> | null = null;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      source.unpipe(bb);
      source.destroy();
      reject(err);
    };
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== fileField || pending) {
        stream.resume();
        return;
      }
      pending = onFile({ ...fields }, { stream, filename: info.filename ?? '' });
      pending.catch(fail);
    });
    bb.on('error', (err) => fail(new MultipartError((err as Error).message)));
    bb.on('close', () => {
      if (failed) return;
      if (!pending) resolve({ fields, result: null });
      else pending.then((result) => resolve({ fields, result }), fail);
    });
    source.on('error', fail);
    source.pipe(bb);
  });
}
