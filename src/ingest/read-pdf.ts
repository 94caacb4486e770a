// pdf.js, opened the safe way: no evaluated code, no system fonts, no network, assets from the
// package. The worker's second reader (second-reader.ts); runs inside the worker process only.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { textLines } from './text-layer.ts';
import type { Limits } from './types.ts';

export type { PDFDocumentProxy };

const assets = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** The parsed document; rejects with pdf.js's exception. */
export function openPdf(data: Uint8Array, limits: Limits): Promise<PDFDocumentProxy> {
  return pdfjs.getDocument({
    data,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
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
