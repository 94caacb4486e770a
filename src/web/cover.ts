// GET /covers/:sha256.webp[?w=72|144|200|400] — a cover from the file store, at the width it is shown:
// content-addressed, so cached forever. Covers are stored 400 px wide; a list shows them 72 px wide, so
// smaller copies are drawn on first use and kept in memory (a few KB each, a bounded number).
import { buffer } from 'node:stream/consumers';
import type { Ctx } from '../http/context.ts';
import { HttpError, notFound } from '../http/errors.tsx';
import { isReadableCover } from '../store/files.ts';

/** The widths pages ask for: a list's 72 px (144 px was its 2× copy), 1× and 2× of an item page's 200 px. */
export const COVER_WIDTHS = [72, 144, 200, 400] as const;
/** WebP quality per width: a list's thumbnail a little lower, so that twenty of them stay under 40 KB. */
const QUALITY: Record<number, number> = { 72: 60, 144: 60, 200: 80, 400: 80 };
const MAX_COPIES = 4000;
const copies = new Map<string, Buffer>();

/** The cover scaled to `width` (never enlarged), as WebP. */
async function scaled(original: Buffer, width: number): Promise<Buffer> {
  // The canvas library's native code (some 20 MB of memory) is loaded by the first cover drawn, not at start.
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const img = await loadImage(original);
  if (img.width <= width) return original;
  const height = Math.round((img.height * width) / img.width);
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').drawImage(img, 0, 0, width, height);
  return canvas.encode('webp', QUALITY[width] ?? 80);
}

export async function coverImage(c: Ctx) {
  const sha = /^([0-9a-f]{64})\.webp$/.exec(c.req.param('name') ?? '')?.[1];
  if (!sha) throw notFound();
  const w = c.req.query('w');
  const width = w === undefined ? null : Number(w);
  if (width !== null && !(COVER_WIDTHS as readonly number[]).includes(width)) {
    throw new HttpError(400, 'bad_request', 'error.param', { name: 'w', message: `one of ${COVER_WIDTHS.join(', ')}` });
  }
  const { db, files } = c.var.deps;
  // Only the cover of a file readers may see: not of a draft's, an embargoed or a replaced file (nor any other blob).
  if (!(await isReadableCover(db, sha))) throw notFound();
  const original = async () => {
    const stream = await files.read(sha);
    if (!stream) throw notFound();
    return buffer(stream); // a cover is a small image, drawn by the ingest
  };
  let body: Buffer;
  if (width === null) body = await original();
  else {
    const key = `${sha}:${width}`;
    body = copies.get(key) ?? (await scaled(await original(), width));
    if (!copies.has(key)) {
      if (copies.size >= MAX_COPIES) copies.delete(copies.keys().next().value!);
      copies.set(key, body);
    }
  }
  return c.body(new Uint8Array(body), 200, {
    'Content-Type': 'image/webp',
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
}
