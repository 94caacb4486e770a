// Structured sources (issue 12 item 5): spreadsheets (CSV, XLSX) and reference files (BibTeX, RIS, CSL-JSON)
// → the importer's records and report, the same result `kitap import-page` makes, so that the CLI and the
// admin Import page show them in one preview and write them through the one writer (import-page/write.ts).
// OAI-PMH harvesting is in harvest.ts.
import path from 'node:path';
import type { ImportResult } from '../import-page/import-page.ts';
import { decodePage, InputError } from '../import-page/lines.ts';
import { readCitations, type CitationFormat } from './citations.ts';
import type { ColumnMapping, Target } from './columns.ts';
import { parseCsv } from './csv.ts';
import { itemsToResult } from './item.ts';
import { rowsToResult } from './table.ts';
import { readXlsx } from './xlsx.ts';

export const SOURCE_FORMATS = ['csv', 'xlsx', 'bibtex', 'ris', 'csljson'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** The importer's result, and for spreadsheets the column mapping used (to show and to change). */
export interface SourceResult extends ImportResult {
  mapping?: ColumnMapping[];
  format?: SourceFormat;
  /** How the bytes were read: "UTF-8", "Windows-1251 (converted)", "sheet “Лист1” of 2". */
  notes?: string[];
}

export interface ProposeOptions {
  /** The format, when not to be told from the name and content. */
  format?: SourceFormat;
  /** Column choices for spreadsheets: a header, number or letter → a field (null: not used). */
  map?: Array<{ column: string; field: Target | null }>;
}

/**
 * A file's bytes → proposed records (for the admin Import page and `kitap import`). Throws InputError with a
 * message for people (empty, binary, wrong format, no title column).
 */
export async function proposeFromFile(
  name: string,
  bytes: Uint8Array,
  options: ProposeOptions = {},
): Promise<SourceResult> {
  const base = path.basename(name);
  if (bytes.length === 0) throw new InputError(`${base} is empty: there is nothing to import`);
  const format = options.format ?? detectFormat(name, bytes);
  if (!format)
    throw new InputError(
      `${base}: not a spreadsheet or reference file Kitap reads (CSV, XLSX, BibTeX, RIS, CSL-JSON); name the format with --format, or use kitap import-page for a web page`,
    );
  try {
    if (format === 'xlsx') {
      if (!isZip(bytes))
        throw new InputError(
          isOle(bytes) ? 'an old Excel 97–2003 .xls workbook: save it as .xlsx (or CSV UTF-8)' : 'not an XLSX workbook',
        );
      const { rows, sheet, sheets } = await readXlsx(bytes);
      const r = rowsToResult(rows, { file: base, overrides: options.map });
      return { ...r, format, notes: [`sheet "${sheet}"${sheets > 1 ? ` (the first with data, of ${sheets})` : ''}`] };
    }
    const { text, encoding } = decode(bytes, base);
    if (format === 'csv') {
      const { rows, delimiter } = parseCsv(text);
      const r = rowsToResult(rows, { file: base, overrides: options.map });
      const named = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
      return { ...r, format, notes: [`${encoding}, fields separated by ${named}`] };
    }
    if (options.map?.length) throw new InputError('--map is for spreadsheets (CSV, XLSX) only');
    const { items, total } = await readCitations(text, format as CitationFormat, base);
    const usable = items.filter((i) => i.title);
    const skipped = items
      .filter((i) => !i.title)
      .map((i) => ({ line: i.lines[0], text: '(a reference without a title)', reason: 'no title' }));
    if (!usable.length) throw new InputError('none of its references has a title');
    const r = itemsToResult(usable, {
      totalLines: total,
      nonEmpty: items.length,
      skipped,
    });
    // Counted in references, not lines: a reference spans many lines.
    r.report.lines = { total: items.length, nonEmpty: items.length, inRecords: usable.length, skipped: skipped.length };
    return { ...r, format, notes: [encoding] };
  } catch (err) {
    if (err instanceof InputError && !err.message.startsWith(base)) throw new InputError(`${base}: ${err.message}`);
    throw err;
  }
}

/** The format from the file's extension, else from its first bytes; null when it is none of them. */
export function detectFormat(name: string, bytes: Uint8Array): SourceFormat | null {
  const ext = path.extname(name).toLowerCase();
  const byExt: Record<string, SourceFormat> = {
    '.csv': 'csv',
    '.tsv': 'csv',
    '.tab': 'csv',
    '.xlsx': 'xlsx',
    '.xls': 'xlsx',
    '.bib': 'bibtex',
    '.bibtex': 'bibtex',
    '.ris': 'ris',
    '.json': 'csljson',
    '.csljson': 'csljson',
  };
  if (byExt[ext]) return byExt[ext];
  if (isZip(bytes)) return 'xlsx';
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^TY {2}- /m.test(head)) return 'ris';
  if (/^@[a-z]+\s*[{(]/im.test(head)) return 'bibtex';
  if (/^[[{]/.test(head)) return 'csljson';
  if (/^[^\n]*[,;\t][^\n]*\n/.test(head)) return 'csv';
  return null;
}

const isZip = (b: Uint8Array): boolean => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array): boolean => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Bytes → text: UTF-8 (a byte-order mark dropped), or Windows-1251 converted when import-page's check says
 * the file is Cyrillic in that encoding (Excel's "CSV" on a Russian Windows); empty, binary, PDF and UTF-16
 * files are refused with import-page's messages.
 */
function decode(bytes: Uint8Array, name: string): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return { text: decodePage(buf, name), encoding: 'UTF-8' };
  } catch (err) {
    if (!(err instanceof InputError) || !/Windows-1251/.test(err.message)) throw err;
    return { text: new TextDecoder('windows-1251').decode(buf), encoding: 'Windows-1251 (converted to UTF-8)' };
  }
}
