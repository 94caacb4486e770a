// Reading a page file into lines: refuses empty, binary and non-UTF-8 files with a readable message,
// turns HTML into text lines, and repairs text damaged on its way from PDFs to the page.
import fs from 'node:fs';
import path from 'node:path';
import { repairLigatures } from '../text/ligatures.ts';
import { htmlToLines, looksLikeHtml } from './html.ts';

/** One line of the page: its text, its number in the source file, and (from HTML) its links. */
export interface SourceLine {
  /** Position in the list of lines. */
  index: number;
  /** Line number in the source file (1-based). */
  no: number;
  text: string;
  links: Array<{ href: string; text: string }>;
  /** An HTML heading or a line of only bold text. */
  heading: boolean;
  /** Why the line is site chrome (navigation, footer), when its place in the HTML says so. */
  chrome?: string;
  /** The first line of one of the HTML page's repeated siblings (a publication by the markup). */
  record?: true;
}

/** A change made to the text, with the source line it was made on. */
export interface TextRepair {
  from: string;
  to: string;
  line: number;
  kind: 'ligature' | 'hyphenation';
}

/** Why a file cannot be imported, for callers that say it in the user's language (the staff page). */
export type InputProblem =
  | 'unreadable'
  | 'empty'
  | 'pdf'
  | 'utf16'
  | 'binary'
  | 'windows-1251'
  | 'not-utf8'
  | 'no-publications';

/** A file the importer cannot read: the message says why, for the user; problem names the case. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly problem: InputProblem = 'unreadable',
  ) {
    super(message);
  }
}

export interface Page {
  lines: SourceLine[];
  format: 'text' | 'html';
  repairs: TextRepair[];
}

/** Reads and checks a page file, then splits it into repaired lines. */
export function readPage(file: string): Page {
  const { text, format } = readPageText(file);
  return pageFromText(text, format);
}

/** Reads and checks a page file: its text and whether it is HTML. */
export function readPageText(file: string): { text: string; format: 'text' | 'html' } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  const text = decodePage(bytes, file);
  const html = /\.x?html?$/i.test(path.extname(file)) || looksLikeHtml(text);
  return { text, format: html ? 'html' : 'text' };
}

/** The error for a file that cannot be read at all. */
export function unreadable(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  return new InputError(
    code === 'ENOENT'
      ? `${file}: no such file`
      : code === 'EISDIR'
        ? `${file} is a directory, not a page`
        : `${file}: cannot read (${code ?? String(err)})`,
  );
}

const NO_LINKS: SourceLine['links'] = [];

/** Lines of a page given as text (format decides whether it is parsed as HTML); firstLine numbers a part of a longer page. */
export function pageFromText(text: string, format: 'text' | 'html', firstLine = 1): Page {
  const raw =
    format === 'html'
      ? htmlToLines(text)
      : text.split(/\r\n|\r|\n/).map((t, i) => ({ no: i + firstLine, text: t, links: NO_LINKS, heading: false }));
  const lines: SourceLine[] = raw.map((l, index) => ({
    ...l,
    index,
    text: l.text
      .replace(/[\t\u00A0\u2007\u202F]/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim(),
  }));
  const repairs = repairText(lines);
  return { lines, format, repairs };
}

/** Bytes → text, or an InputError naming what is wrong with the file. */
export function decodePage(bytes: Buffer, file: string): string {
  const name = path.basename(file);
  checkHead(bytes, name);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(bytes, name);
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new InputError(`${name} has only blank lines: there is nothing to import`, 'empty');
  return text;
}

/** Refuses a file whose first bytes show it is no text page: empty, a PDF, UTF-16, binary. */
export function checkHead(bytes: Buffer, name: string): void {
  if (bytes.length === 0) throw new InputError(`${name} is empty: there is nothing to import`, 'empty');
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-')
    throw new InputError(`${name} is a PDF file, not a publications page (save the page as text or HTML)`, 'pdf');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(`${name} is UTF-16 text; save it as UTF-8 and try again`, 'utf16');
  }
  const head = bytes.subarray(0, 8192);
  const controls = [...head].filter((b) => b < 9 || (b > 13 && b < 32)).length;
  if (head.includes(0) || controls > head.length * 0.05)
    throw new InputError(`${name} looks like a binary file, not a text or HTML page`, 'binary');
}

/** The error for bytes that are not UTF-8: Windows-1251 named as such, anything else with where it breaks. */
export function notUtf8(bytes: Buffer, name: string): InputError {
  if (looksLikeWindows1251(bytes)) {
    return new InputError(
      `${name} is not UTF-8 text: it is Windows-1251 (Cyrillic); convert it first: iconv -f windows-1251 -t utf-8 ${name} > ${name.replace(/(\.\w+)?$/, '-utf8$1')}`,
      'windows-1251',
    );
  }
  return new InputError(
    `${name} is not UTF-8 text (an invalid byte near offset ${firstInvalidUtf8(bytes)}); convert it to UTF-8 first (iconv -f ITS-ENCODING -t utf-8)`,
    'not-utf8',
  );
}

/**
 * Windows-1251: most bytes above 0x7F are its Cyrillic letters (0xC0–0xFF, 0xA8, 0xB8), and the lowercase
 * ones, as in any running text, outnumber the capitals, and they make up much of the letters (in Latin-1
 * French or German, accented letters are a few per cent).
 */
function looksLikeWindows1251(bytes: Buffer): boolean {
  let high = 0;
  let lower = 0;
  let upper = 0;
  let ascii = 0;
  for (const b of bytes.subarray(0, 65536)) {
    if (b < 0x80) {
      if ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a) ascii++;
      continue;
    }
    high++;
    if (b >= 0xe0 || b === 0xb8) lower++;
    else if (b >= 0xc0 || b === 0xa8) upper++;
  }
  return high > 0 && (lower + upper) / high > 0.8 && lower > upper && high > (high + ascii) * 0.3;
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection (a cut inside a character is allowed for by the 4-byte margin).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Repairs, in place: lost ligatures (over the whole page, so the page's own words back up doubtful
 * cases) and words broken by a line-end hyphen that survived as "Kazakh- stan" when the rest of the page
 * writes the word whole.
 */
function repairText(lines: SourceLine[]): TextRepair[] {
  const joined = lines.map((l) => l.text).join('\n');
  const { text, repairs } = repairLigatures(joined);
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.text.length + 1;
  }
  const lineAt = (index: number): SourceLine => {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > index) i--;
    return lines[i]!;
  };
  const out: TextRepair[] = repairs.map((r) => ({
    from: r.from,
    to: r.to,
    line: lineAt(r.index).no,
    kind: 'ligature',
  }));
  const repaired = text.split('\n');
  const words = new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
  lines.forEach((l, i) => {
    l.text = repaired[i]!.replace(/(?<!\p{L})(\p{L}{2,})- (\p{Ll}{2,})/gu, (m, a: string, b: string) => {
      if (!words.has((a + b).toLowerCase())) return m;
      out.push({ from: m, to: a + b, line: l.no, kind: 'hyphenation' });
      return a + b;
    });
  });
  return out;
}
