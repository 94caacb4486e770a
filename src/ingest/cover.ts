// Page images: a page drawn by PDFium and encoded as WebP with @napi-rs/canvas — the cover (page 1,
// 400 px wide) and the page images readers ask for at a width.
import { createCanvas, ImageData } from '@napi-rs/canvas';
import type { PDFiumDocument } from '@hyzyla/pdfium';
import { pageSize, renderPage } from './pdfium.ts';
import type { Cover } from './types.ts';

const WIDTH = 400;
const MAX_HEIGHT = 1200; // a very tall page is scaled to this height instead
const WEBP_QUALITY = 80;

/** A cover, or null with the reason it could not be drawn. */
export type CoverResult = { cover: Cover; failure: null } | { cover: null; failure: string };

/** The cover of the document, drawn from page 1. Never throws. */
export async function coverOf(doc: PDFiumDocument): Promise<CoverResult> {
  try {
    return { cover: await pageWebp(doc, 1, WIDTH, MAX_HEIGHT), failure: null };
  } catch (err) {
    return { cover: null, failure: err instanceof Error ? err.message : String(err) };
  }
}

/** Page `n` drawn `width` pixels wide (or `maxHeight` high, if that is smaller), as WebP. */
export async function pageWebp(doc: PDFiumDocument, n: number, width: number, maxHeight = width * 4): Promise<Cover> {
  const size = pageSize(doc, n);
  // PDFium floors the page's size in points, then the scaled size: half a pixel more lands on `width`.
  const scale = Math.min(
    (width + 0.5) / Math.max(1, Math.floor(size.width)),
    (maxHeight + 0.5) / Math.max(1, Math.floor(size.height)),
  );
  const image = await renderPage(doc, n, scale);
  const canvas = createCanvas(Math.max(1, image.width), Math.max(1, image.height));
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  canvas.getContext('2d').putImageData(new ImageData(pixels, image.width, image.height), 0, 0);
  const data = new Uint8Array(await canvas.encode('webp', WEBP_QUALITY));
  return { data, mime: 'image/webp', width: canvas.width, height: canvas.height };
}
