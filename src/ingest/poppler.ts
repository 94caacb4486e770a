// Poppler's pdftotext (Debian's poppler-utils), used by the PDF worker for the text of every page where
// it is installed: it reads dense text five to eight times faster than PDFium compiled to WebAssembly
// (bench/RESULTS.md). It runs in the worker's process group (killed with it at the time limit) under an
// address-space limit of its own. PDFium reads the text where it is missing or fails.
import { execFile, spawn } from 'node:child_process';

let present: Promise<boolean> | null = null;

/** Whether pdftotext can be run here; asked once per process. */
export function hasPdftotext(): Promise<boolean> {
  present ??= new Promise((resolve) => execFile('pdftotext', ['-v'], { timeout: 10_000 }, (err) => resolve(!err)));
  return present;
}

/**
 * The lines of each page (index 0 is page 1) as pdftotext reads them in reading order, or null when it
 * is not installed, fails, or finds another number of pages than `pageCount`.
 */
export async function popplerPages(file: string, pageCount: number, maxMemoryMb: number): Promise<string[][] | null> {
  if (!(await hasPdftotext())) return null;
  const text = await new Promise<string | null>((resolve) => {
    const child = spawn(
      'sh',
      ['-c', 'ulimit -v "$1" && exec pdftotext -q -enc UTF-8 "$2" -', 'sh', String(maxMemoryMb * 1024), file],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : null));
  });
  if (text === null) return null;
  // Every page ends with a form feed.
  const pages = text.split('\f');
  if (pages.pop()?.trim() || pages.length !== pageCount) return null;
  return pages.map((page) => (page.trim() ? page.replace(/\n+$/, '').split('\n') : []));
}
