// XLSX workbooks → rows, through read-excel-file (a small, maintained reader: unzip and SAX, no writer):
// the first sheet with something in it; dates as Date cells, numbers as numbers.
import { InputError } from '../import-page/lines.ts';
import type { Cell } from './table.ts';

/** The rows of the workbook's first non-empty sheet, and its name; InputError for a file that is no workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<{ rows: Cell[][]; sheet: string; sheets: number }> {
  const { default: readXlsxFile } = await import('read-excel-file/node');
  let sheets: Array<{ sheet: string; data: unknown[][] }>;
  try {
    sheets = (await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as unknown as Array<{
      sheet: string;
      data: unknown[][];
    }>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(
      code === 'XLS_FILE_NOT_SUPPORTED'
        ? 'an old Excel 97–2003 .xls workbook: save it as .xlsx (or CSV UTF-8) and import that'
        : `not a readable XLSX workbook (${code ?? (err as Error).message})`,
    );
  }
  const first = sheets.find((s) => s.data.some((r) => r.some((c) => c !== null && c !== '')));
  if (!first) throw new InputError('the workbook has no sheet with anything in it: there is nothing to import');
  return { rows: first.data as Cell[][], sheet: first.sheet, sheets: sheets.length };
}
