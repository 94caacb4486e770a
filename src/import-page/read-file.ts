// A page file for the command: read whole when it is HTML or small, else handed on in pieces of a few MB so
// that a long text page is never in memory whole (its sections are cut from the pieces as they come).
import fs from 'node:fs';
import path from 'node:path';
import { looksLikeHtml } from './html.ts';
import { checkHead, decodePage, InputError, readPageText, unreadable } from './lines.ts';
import { SECTION } from './sections.ts';

const PIECE = 4 * 2 ** 20;

export type PageFile =
  | { format: 'text' | 'html'; text: string }
  /** A long text page: its text, piece by piece, checked as UTF-8 beforehand. */
  | { format: 'text'; pieces: () => Generator<string> };

/** Opens a page file, refusing what is no text page with an InputError (as readPageText does). */
export function openPage(file: string): PageFile {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (err) {
    throw unreadable(file, err);
  }
  // Up to four sections' worth of bytes the page is read whole (importText decides on its length in characters).
  if (size <= SECTION * 4 || /\.x?html?$/i.test(path.extname(file))) return readPageText(file);
  const name = path.basename(file);
  const head = Buffer.alloc(65_536);
  const fd = fs.openSync(file, 'r');
  try {
    const n = fs.readSync(fd, head, 0, head.length, 0);
    checkHead(head.subarray(0, n), name);
    if (looksLikeHtml(new TextDecoder().decode(head.subarray(0, n)))) return readPageText(file);
  } finally {
    fs.closeSync(fd);
  }
  // The whole file is checked first, so that a bad byte near its end stops the import before anything is written.
  let blank = true;
  for (const piece of decodedPieces(file)) {
    if (blank && piece.trim()) blank = false;
  }
  if (blank) decodePage(fs.readFileSync(file), file);
  return { format: 'text', pieces: () => decodedPieces(file) };
}

/** The file's text in pieces (UTF-8, its byte-order mark dropped); a byte that is not UTF-8 → InputError. */
function* decodedPieces(file: string): Generator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const buf = Buffer.alloc(PIECE);
  const fd = fs.openSync(file, 'r');
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      let text: string;
      try {
        text = decoder.decode(buf.subarray(0, n), { stream: n > 0 });
      } catch (err) {
        if (!(err instanceof TypeError)) throw err;
        // Said as readPageText says it (Windows-1251 named), from the whole file: rare, and only on the way out.
        decodePage(fs.readFileSync(file), file);
        throw new InputError(`${path.basename(file)} is not UTF-8 text`, 'not-utf8');
      }
      if (text) yield text;
      if (n === 0) return;
    }
  } finally {
    fs.closeSync(fd);
  }
}
