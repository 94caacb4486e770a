// pdf.js, opened the safe way: no evaluated code, no system fonts, no network, assets from the
// package; and its errors turned into readable reasons. Runs inside the worker process only.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { textLines } from './text-layer.ts';
import type { Limits, Rejection } from './types.ts';

export type { PDFDocumentProxy };

const assets = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** The parsed document; rejects with pdf.js's exception (see rejectionFromPdfError). */
export function openPdf(data: Uint8Array, limits: Limits): Promise<PDFDocumentProxy> {
  return pdfjs.getDocument({
    data,
    verbosity: pdfjs.VerbosityLevel.WARNINGS, // heard by watchPdfjsWarnings
    isEvalSupported: false,
    useSystemFonts: false,
    enableXfa: false,
    stopAtErrors: false, // recover what text there is from damaged streams
    maxImageSize: limits.maxImagePixels,
    cMapUrl: `${assets}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${assets}/standard_fonts/`,
    wasmUrl: `${assets}/wasm/`,
    iccUrl: `${assets}/iccs/`,
  }).promise;
}

/** The lines of page `n` (1-based), raw as pdf.js reads them. */
export async function pageLines(doc: PDFDocumentProxy, n: number): Promise<string[]> {
  const page = await doc.getPage(n);
  try {
    const content = await page.getTextContent();
    return textLines(content.items.flatMap((item) => ('str' in item ? [item] : [])));
  } finally {
    page.cleanup();
  }
}

/** A readable rejection for an exception from openPdf; `complete` is what hasEndOfFile said. */
export function rejectionFromPdfError(err: unknown, complete: boolean): Rejection {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') {
    const wrong = (err as { code?: number }).code === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
    return { ok: false, code: 'encrypted', reason: wrong ? 'encrypted PDF: wrong password' : 'encrypted PDF: needs a password' };
  }
  if (name === 'InvalidPDFException' && !complete) {
    return { ok: false, code: 'damaged', reason: 'damaged file: incomplete, it has no end-of-file marker (an interrupted download?)' };
  }
  return { ok: false, code: 'damaged', reason: `damaged file: ${message.replace(/\.$/, '')}` };
}

/** True when the file ends with %%EOF (give or take a little junk), as a complete PDF does. */
export function hasEndOfFile(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-1024);
  return tail.includes('%%EOF');
}

/**
 * Starts listening to pdf.js's warnings (it prints them with console.warn, which this takes over:
 * the worker process prints nothing else) and returns a function telling whether pdf.js rebuilt
 * a damaged file's structure. Other warnings are dropped.
 */
export function watchPdfjsWarnings(): () => boolean {
  let rebuilt = false;
  console.warn = (...args: unknown[]) => {
    if (/Indexing all PDF objects|trying to recover/.test(args.join(' '))) rebuilt = true;
  };
  return () => rebuilt;
}
