// PDFium compiled to WebAssembly (@hyzyla/pdfium): the reader of the PDF worker for text, metadata and
// page images. Measured beside pdf.js and poppler's pdftotext (bench/RESULTS.md) it reads text at about
// pdftotext's rate where pdf.js reads at an eighth of it. Runs inside the worker process only: a
// hostile file can make it allocate or loop, and the parent kills the process when it does.
import { PDFiumLibrary, type PDFiumDocument, type PDFiumPage } from '@hyzyla/pdfium';
import type { Rejection } from './types.ts';

/** The parts of the Emscripten module we call beyond the library's own wrappers. */
interface PdfiumModule {
  HEAPU8: Uint8Array;
  wasmExports: { malloc(size: number): number; free(ptr: number): void };
  _FPDF_GetMetaText(doc: number, tag: number, buffer: number, length: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDF_GetPageWidth(page: number): number;
  _FPDF_GetPageHeight(page: number): number;
}

let library: Promise<PDFiumLibrary> | null = null;

/** The WebAssembly module, instantiated once per process (about 40 ms). */
export function pdfium(): Promise<PDFiumLibrary> {
  library ??= PDFiumLibrary.init();
  return library;
}

const moduleOf = (x: PDFiumLibrary | PDFiumDocument | PDFiumPage) => (x as unknown as { module: PdfiumModule }).module;

/** The parsed document; rejects with PDFium's error (see rejectionFromPdfiumError). */
export async function openPdf(bytes: Uint8Array): Promise<PDFiumDocument> {
  return (await pdfium()).loadDocument(bytes);
}

/** The text of page `n` (1-based) as lines, as PDFium reads it; the page is closed after. */
export function pageLines(doc: PDFiumDocument, n: number): string[] {
  const page = doc.getPage(n - 1);
  try {
    // PDFium joins a word hyphenated at a line's end, marking the place with U+FFFE: given back as the
    // hyphen and line break it was, so that cleaning decides as for any text ("hous-ing", "self-employed").
    const text = page.getText().replace(/\uFFFE/g, '-\n');
    return text ? text.split(/\r\n|\r|\n/) : [];
  } finally {
    closePage(page);
  }
}

/** Page `n`'s size in points (1/72 inch). */
export function pageSize(doc: PDFiumDocument, n: number): { width: number; height: number } {
  const page = doc.getPage(n - 1);
  try {
    const m = moduleOf(page);
    const idx = (page as unknown as { pageIdx: number }).pageIdx;
    return { width: m._FPDF_GetPageWidth(idx), height: m._FPDF_GetPageHeight(idx) };
  } finally {
    closePage(page);
  }
}

/** Page `n` drawn on white at `scale` pixels per point: RGBA, or one grey byte per pixel. */
export async function renderPage(
  doc: PDFiumDocument,
  n: number,
  scale: number,
  gray = false,
): Promise<{ width: number; height: number; data: Uint8Array }> {
  // render() closes the page itself.
  const r = await doc.getPage(n - 1).render({ scale, render: 'bitmap', colorSpace: gray ? 'Gray' : 'BGRA' });
  return { width: r.width, height: r.height, data: r.data };
}

function closePage(page: PDFiumPage): void {
  moduleOf(page)._FPDF_ClosePage((page as unknown as { pageIdx: number }).pageIdx);
}

/** The Info dictionary's entries PDFium gives (FPDF_GetMetaText), as pdf.js's getMetadata().info would. */
export function infoDictionary(doc: PDFiumDocument): Record<string, string> {
  const m = moduleOf(doc);
  const handle = (doc as unknown as { documentIdx: number }).documentIdx;
  const info: Record<string, string> = {};
  for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
    const tag = cString(m, key);
    try {
      const size = m._FPDF_GetMetaText(handle, tag, 0, 0);
      if (size <= 2) continue;
      const buffer = m.wasmExports.malloc(size);
      try {
        m._FPDF_GetMetaText(handle, tag, buffer, size);
        info[key] = new TextDecoder('utf-16le').decode(m.HEAPU8.subarray(buffer, buffer + size - 2));
      } finally {
        m.wasmExports.free(buffer);
      }
    } finally {
      m.wasmExports.free(tag);
    }
  }
  return info;
}

function cString(m: PdfiumModule, s: string): number {
  const bytes = new TextEncoder().encode(s);
  const ptr = m.wasmExports.malloc(bytes.length + 1);
  m.HEAPU8.set(bytes, ptr);
  m.HEAPU8[ptr + bytes.length] = 0;
  return ptr;
}

/** A readable rejection for an exception from openPdf; `complete` is what hasEndOfFile said. */
export function rejectionFromPdfiumError(err: unknown, complete: boolean): Rejection {
  const message = err instanceof Error ? err.message : String(err);
  if (/password/i.test(message)) return { ok: false, code: 'encrypted', reason: 'encrypted PDF: needs a password' };
  if (!complete)
    return {
      ok: false,
      code: 'damaged',
      reason: 'damaged file: incomplete, it has no end-of-file marker (an interrupted download?)',
    };
  if (/not in PDF format or corrupted/i.test(message))
    return { ok: false, code: 'damaged', reason: 'damaged file: invalid PDF structure' };
  return { ok: false, code: 'damaged', reason: `damaged file: ${message.replace(/\.$/, '')}` };
}

/** True when the file ends with %%EOF (give or take a little junk), as a complete PDF does. */
export function hasEndOfFile(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-1024);
  return tail.includes('%%EOF');
}

/**
 * True when the last startxref does not point at a cross-reference table or stream: the reader then
 * rebuilds the structure by scanning every object (what pdf.js reports as "Indexing all PDF objects").
 */
export function structureNeedsRepair(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = buffer.subarray(-1024).toString('latin1');
  const offset = Number(/startxref\s+(\d+)\s*%%EOF\s*$/.exec(tail.trimEnd())?.[1] ?? NaN);
  if (!Number.isFinite(offset) || offset >= buffer.length) return true;
  const at = buffer.subarray(offset, offset + 32).toString('latin1');
  return !/^\s*(xref|\d+\s+\d+\s+obj)/.test(at);
}
