// The child process that parses one PDF (started through pdf-worker-entry.mjs, the job as its one
// argument). extract.ts forks it with a heap limit, watches its memory and time, and kills it when
// over; so nothing here guards itself beyond a memory self-check.
import fs from 'node:fs/promises';
import { cleanPages } from './clean.ts';
import { coverOf } from './cover.ts';
import { largestDeclaredImage } from './declared-images.ts';
import { metadataSuggestions } from './metadata.ts';
import { OUT_OF_MEMORY_EXIT, type WorkerJob, type WorkerMessage } from './protocol.ts';
import { hasEndOfFile, openPdf, pageLines, rejectionFromPdfError, watchPdfjsWarnings, type PDFDocumentProxy } from './read-pdf.ts';
import type { Extraction, Rejection, Warning } from './types.ts';

const job = JSON.parse(process.argv[2]) as WorkerJob;
selfCheckMemory(job.limits.maxMemoryMb);
process.on('disconnect', () => process.exit(1)); // the parent is gone: nobody waits for the result
extract(job).then(
  () => process.exit(0),
  async (err: unknown) => {
    await send({ kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  },
);

async function extract({ path, limits }: WorkerJob): Promise<void> {
  const rebuilt = watchPdfjsWarnings();
  const bytes = await fs.readFile(path);
  const image = largestDeclaredImage(bytes);
  if (image && image.width * image.height > limits.maxImagePixels) {
    const megapixels = (n: number) => `${Math.round(n / 1e6)} megapixels`;
    const reason = `too large: an image declares ${image.width} × ${image.height} pixels (${megapixels(image.width * image.height)}; the limit is ${megapixels(limits.maxImagePixels)})`;
    return send({ kind: 'text', result: { ok: false, code: 'too-large', reason } });
  }
  const complete = hasEndOfFile(bytes); // asked now: pdf.js takes the bytes over
  let doc: PDFDocumentProxy;
  try {
    doc = await openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
  } catch (err) {
    return send({ kind: 'text', result: rejectionFromPdfError(err, complete) });
  }
  if (doc.numPages > limits.maxPages) {
    const result: Rejection = { ok: false, code: 'too-many-pages', reason: `too many pages: ${doc.numPages}, the limit is ${limits.maxPages}` };
    return send({ kind: 'text', result });
  }

  const raw: string[][] = [];
  const failed: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    // Progress for the job page ("page N of M"); not awaited: it must not slow the reading down.
    if (n === 1 || n % 5 === 0) process.send!({ kind: 'progress', page: n, total: doc.numPages } satisfies WorkerMessage);
    try {
      raw.push(await pageLines(doc, n));
    } catch {
      raw.push([]);
      failed.push(n);
    }
  }
  const cleaned = cleanPages(raw);
  const warnings: Warning[] = [...cleaned.warnings];
  if (failed.length > 0) warnings.unshift({ code: 'page-failed', message: `pages pdf.js could not read: ${failed.join(', ')}`, pages: failed });
  if (rebuilt()) warnings.unshift({ code: 'structure-repaired', message: 'damaged file: its structure was rebuilt to read it' });
  const result: Omit<Extraction, 'cover'> = {
    ok: true,
    pageCount: doc.numPages,
    pages: cleaned.pages,
    pagesWithoutText: [...new Set([...cleaned.pagesWithoutText, ...failed])].sort((a, b) => a - b),
    language: cleaned.language,
    metadata: metadataSuggestions(await doc.getMetadata()),
    warnings,
  };
  await send({ kind: 'text', result });
  await send({ kind: 'cover', ...(await coverOf(doc)) });
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

// Where the parent cannot read this process's memory (no /proc), it relies on this check; it
// runs between pdf.js's asynchronous steps, the heap limit covers the rest.
function selfCheckMemory(maxMemoryMb: number): void {
  const timer = setInterval(() => {
    if (process.memoryUsage.rss() > maxMemoryMb * 1024 * 1024) process.exit(OUT_OF_MEMORY_EXIT);
  }, 100);
  timer.unref();
}
