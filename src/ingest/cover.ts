// The cover thumbnail: page 1 drawn by pdf.js on an @napi-rs/canvas canvas, encoded as WebP.
import { createCanvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from './read-pdf.ts';
import type { Cover } from './types.ts';

const WIDTH = 400;
const MAX_HEIGHT = 1200; // a very tall page is scaled to this height instead
const WEBP_QUALITY = 80;

/** A cover, or null with the reason it could not be drawn. */
export type CoverResult = { cover: Cover; failure: null } | { cover: null; failure: string };

/** The cover of the document, drawn from page 1. Never throws. */
export async function coverOf(doc: PDFDocumentProxy): Promise<CoverResult> {
  try {
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(WIDTH / natural.width, MAX_HEIGHT / natural.height) });
    const canvas = createCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff'; // pages are transparent: paper is white
    context.fillRect(0, 0, canvas.width, canvas.height);
    // pdf.js is typed for the DOM canvas; @napi-rs/canvas is the Node implementation it supports.
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    page.cleanup();
    const data = new Uint8Array(await canvas.encode('webp', WEBP_QUALITY));
    return { cover: { data, mime: 'image/webp', width: canvas.width, height: canvas.height }, failure: null };
  } catch (err) {
    return { cover: null, failure: err instanceof Error ? err.message : String(err) };
  }
}
