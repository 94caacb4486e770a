// The child process that reads PDFs (started through pdf-worker-entry.mjs and kept warm across the
// queue): tasks arrive one at a time as messages — extract a file, OCR some of its pages, draw a page.
// extract.ts forks it with a heap limit, watches its memory and time, and kills it (with the
// Tesseract it started: the child leads its own process group) when over; nothing here guards
// itself beyond a memory self-check.
import type { PDFiumDocument } from '@hyzyla/pdfium';
import fs from 'node:fs/promises';
import { cleanPages, joinHyphenated, tidyWhitespace } from './clean.ts';
import { coverOf, pageWebp } from './cover.ts';
import { largestDeclaredImage } from './declared-images.ts';
import { metadataSuggestions } from './metadata.ts';
import { ocrLanguages, scriptOfOsd } from './ocr-languages.ts';
import { detectScript, missingPackages, OCR_DPI, recognise } from './ocr.ts';
import {
  hasEndOfFile,
  infoDictionary,
  openPdf,
  pageLines,
  rejectionFromPdfiumError,
  renderPage,
  structureNeedsRepair,
} from './pdfium.ts';
import { popplerPages } from './poppler.ts';
import { OUT_OF_MEMORY_EXIT, type WorkerMessage, type WorkerTask } from './protocol.ts';
import { scriptOf, textByPdfjs } from './second-reader.ts';
import type { Extraction, Limits, Rejection, Warning } from './types.ts';

type Send = (message: WorkerMessage) => Promise<void>;

process.on('disconnect', () => process.exit(1)); // the parent is gone: nobody waits for the results
process.on('message', (task: WorkerTask) => {
  selfCheckMemory(task.limits.maxMemoryMb);
  const send: Send = (message) => new Promise((resolve) => process.send!(message, () => resolve()));
  run(task, send).then(
    () => send({ id: task.id, kind: 'done' }),
    (err: unknown) =>
      send({ id: task.id, kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
process.send!({ id: 0, kind: 'done' } satisfies WorkerMessage); // ready

async function run(task: WorkerTask, send: Send): Promise<void> {
  const bytes = await fs.readFile(task.path);
  if (task.kind === 'extract') return extract(task.path, bytes, task.limits, task.id, send);
  const doc = await openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    if (task.kind === 'render') {
      if (task.page < 1 || task.page > doc.getPageCount())
        return send({ id: task.id, kind: 'failed', reason: 'no such page' });
      const image = await pageWebp(doc, task.page, task.width);
      return send({ id: task.id, kind: 'image', data: image.data, width: image.width, height: image.height });
    }
    const { tesseract, limits } = task;
    const unavailable = (missing: string[]) =>
      send({
        id: task.id,
        kind: 'ocr-unavailable',
        missing: missing.join(' '),
        reason: `OCR needs ${missing.join(', ')}: apt-get install ${missing.join(' ')}`,
      });
    const scale = OCR_DPI / 72;
    let script = task.script;
    if (!script && task.pages.length > 0) {
      if ((await missingPackages(tesseract, ['osd'])).includes('tesseract-ocr')) return unavailable(['tesseract-ocr']);
      script = scriptOfOsd(
        await detectScript(tesseract, await renderPage(doc, task.pages[0]!, scale, true), limits.timeoutMs),
      );
    }
    const languages = ocrLanguages(task.hints, script);
    const missing = await missingPackages(tesseract, languages);
    if (missing.length > 0) return unavailable(missing);
    await send({ id: task.id, kind: 'ocr-languages', languages: languages.join('+') });
    for (const page of task.pages) {
      const image = await renderPage(doc, page, scale, true);
      const { text, confidence } = await recognise(tesseract, image, languages.join('+'), limits.timeoutMs);
      await send({
        id: task.id,
        kind: 'ocr-page',
        page,
        text: tidyWhitespace(joinHyphenated(text.split('\n'))),
        confidence,
      });
    }
  } finally {
    doc.destroy();
  }
}

async function extract(path: string, bytes: Buffer, limits: Limits, id: number, send: Send): Promise<void> {
  const image = largestDeclaredImage(bytes);
  if (image && image.width * image.height > limits.maxImagePixels) {
    const megapixels = (n: number) => `${Math.round(n / 1e6)} megapixels`;
    const reason = `too large: an image declares ${image.width} × ${image.height} pixels (${megapixels(image.width * image.height)}; the limit is ${megapixels(limits.maxImagePixels)})`;
    return send({ id, kind: 'text', result: { ok: false, code: 'too-large', reason } });
  }
  const complete = hasEndOfFile(bytes);
  const repaired = complete && structureNeedsRepair(bytes);
  let doc: PDFiumDocument;
  try {
    doc = await openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    return send({ id, kind: 'text', result: rejectionFromPdfiumError(err, complete) });
  }
  try {
    const pageCount = doc.getPageCount();
    if (pageCount > limits.maxPages) {
      const result: Rejection = {
        ok: false,
        code: 'too-many-pages',
        reason: `too many pages: ${pageCount}, the limit is ${limits.maxPages}`,
      };
      return send({ id, kind: 'text', result });
    }
    const raw: string[][] = (await popplerPages(path, pageCount, limits.maxMemoryMb)) ?? [];
    const failed: number[] = [];
    const otherScript: number[] = [];
    for (let n = 1; n <= pageCount; n++) {
      // Progress for the job page ("page N of M"), and a turn of the event loop so that it leaves.
      if (n === 1 || n % 20 === 0) {
        process.send!({ id, kind: 'progress', page: n, total: pageCount } satisfies WorkerMessage);
        await new Promise((r) => setImmediate(r));
      }
      try {
        if (raw.length < n) raw.push(pageLines(doc, n));
        if (scriptOf(raw[n - 1]!.join('\n')) === 'unexpected') otherScript.push(n);
      } catch {
        raw.push([]);
        failed.push(n);
      }
    }
    // Where PDFium maps a font's codes to an unlikely script (a Cyrillic font read as Hangul), pdf.js,
    // which reads fonts' own encodings differently, gets a second look at those pages.
    if (otherScript.length > 0) {
      const second = await textByPdfjs(bytes, otherScript, limits);
      for (const [n, lines] of second) raw[n - 1] = lines;
    }
    const cleaned = cleanPages(raw);
    const warnings: Warning[] = [...cleaned.warnings];
    if (failed.length > 0)
      warnings.unshift({
        code: 'page-failed',
        message: `pages that could not be read: ${failed.join(', ')}`,
        pages: failed,
      });
    if (repaired)
      warnings.unshift({ code: 'structure-repaired', message: 'damaged file: its structure was rebuilt to read it' });
    const result: Omit<Extraction, 'cover'> = {
      ok: true,
      pageCount,
      pages: cleaned.pages,
      pagesWithoutText: [...new Set([...cleaned.pagesWithoutText, ...failed])].sort((a, b) => a - b),
      language: cleaned.language,
      otherLanguages: cleaned.otherLanguages,
      metadata: metadataSuggestions({ info: infoDictionary(doc), metadata: null }),
      warnings,
    };
    await send({ id, kind: 'text', result });
    await send({ id, kind: 'cover', ...(await coverOf(doc)) });
  } finally {
    doc.destroy();
  }
}

// Where the parent cannot read this process's memory (no /proc), it relies on this check; it
// runs between the reader's steps, the heap limit covers the rest.
let memoryTimer: NodeJS.Timeout | null = null;
function selfCheckMemory(maxMemoryMb: number): void {
  if (memoryTimer) clearInterval(memoryTimer);
  memoryTimer = setInterval(() => {
    if (process.memoryUsage.rss() > maxMemoryMb * 1024 * 1024) process.exit(OUT_OF_MEMORY_EXIT);
  }, 100);
  memoryTimer.unref();
}
