// Where the extraction's time goes: the steps of src/ingest/pdf-worker.ts (open, the text of every
// page, cleaning, cover) timed one by one. Runs in a child process started as extract.ts starts its
// own (same heap limit; pdf.js loaded before the TypeScript loader, by bench/ingest-steps-entry.mjs,
// which times the start-up too); bench/ingest.ts starts one per file.
import fs from 'node:fs';
import { cleanPages } from '../src/ingest/clean.ts';
import { coverOf } from '../src/ingest/cover.ts';
import { largestDeclaredImage } from '../src/ingest/declared-images.ts';
import { infoDictionary, openPdf, pageLines } from '../src/ingest/pdfium.ts';

/** Milliseconds: the child's start in three parts, then each step of reading the file. */
export interface Steps {
  /** From the process's start to its first line of JavaScript. */
  node: number;
  pdfjs: number;
  /** The TypeScript loader and our modules (franc's language models among them). */
  modules: number;
  /** Reading the file, the image-size check, PDFium parsing its structure. */
  open: number;
  /** PDFium's text of every page. */
  text: number;
  /** src/ingest/clean.ts (language and ligature repair included) and the metadata. */
  clean: number;
  cover: number;
}

/** In the child: times the worker's steps on `file` after a start-up the entry has timed. */
export async function timeSteps(file: string, start: Pick<Steps, 'node' | 'pdfjs' | 'modules'>): Promise<Steps> {
  let doc: Awaited<ReturnType<typeof openPdf>> | null = null;
  let t = performance.now();
  const lap = () => {
    const ms = performance.now() - t;
    t = performance.now();
    return ms;
  };
  try {
    const bytes = fs.readFileSync(file);
    largestDeclaredImage(bytes);
    doc = await openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const open = lap();
    const raw: string[][] = [];
    for (let n = 1; n <= doc.getPageCount(); n++) raw.push(pageLines(doc, n));
    const text = lap();
    cleanPages(raw);
    infoDictionary(doc);
    const clean = lap();
    await coverOf(doc);
    return { ...start, open, text, clean, cover: lap() };
  } finally {
    doc?.destroy();
  }
}
