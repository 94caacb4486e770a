// GET /publications/:slug/files/:id/:name — a file's bytes with the headers downloaders rely on:
// Content-Type, a UTF-8-safe Content-Disposition, Content-Length, ETag/If-None-Match and one byte range.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { readableFile } from '../store/files.ts';
import type { Ctx } from './context.ts';
import { badParams, notFound } from './errors.tsx';

const params = z.object({
  slug: z.string().max(200),
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

/** RFC 6266 with RFC 5987: an ASCII fallback name plus the exact UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The one satisfiable range of a "bytes=" header, null for none, 'invalid' for an unsatisfiable one. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // multi-range or malformed: send the whole file (RFC 9110 §14.2)
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}

/** A file row whose bytes are not in the store: not found (fixity names it to staff). */
function notFoundFile(): never {
  throw notFound();
}

export async function downloadFile(c: Ctx) {
  const parsed = params.safeParse(c.req.param());
  if (!parsed.success) throw badParams(parsed.error);
  const { db, files } = c.var.deps;
  const file = await readableFile(db, parsed.data.slug, parsed.data.id);
  if (!file) throw notFound();
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    'Content-Type': file.media_type,
    'Content-Disposition': contentDisposition(file.original_name),
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'public, max-age=86400',
    'X-Content-Type-Options': 'nosniff',
  };
  const inm = c.req.header('If-None-Match');
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*'))
    return (await files.exists(file.sha256)) ? c.body(null, 304, { ETag: etag }) : notFoundFile();
  const size = Number(file.size);
  const ifRange = c.req.header('If-Range');
  const range = ifRange && ifRange !== etag ? null : parseRange(c.req.header('Range'), size);
  if (range === 'invalid') return c.body(null, 416, { 'Content-Range': `bytes */${size}` });
  if (c.req.method === 'HEAD')
    return (await files.exists(file.sha256))
      ? c.body(null, 200, { ...headers, 'Content-Length': String(size) })
      : notFoundFile();
  // The range goes to the store as it is (an S3 store asks its server for just those bytes).
  const body = await files.read(file.sha256, range ?? undefined);
  if (!body) return notFoundFile();
  if (!range)
    return c.body(Readable.toWeb(body) as ReadableStream, 200, { ...headers, 'Content-Length': String(size) });
  return c.body(Readable.toWeb(body) as ReadableStream, 206, {
    ...headers,
    'Content-Length': String(range.end - range.start + 1),
    'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
  });
}
