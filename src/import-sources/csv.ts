// CSV (and tab-separated) text → rows, through csv-parse: the delimiter found from the header line
// (`,` `;` or tab, counted outside quotes), quoted fields with line breaks and doubled quotes.
import { parse } from 'csv-parse/sync';
import { InputError } from '../import-page/lines.ts';

/** The delimiter the first line uses most outside quotes; a comma when it has none. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as Array<[',' | ';' | '\t', number]>).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/** Parses CSV text into rows of strings; a clear InputError where the quoting is broken. */
export function parseCsv(text: string): { rows: string[][]; delimiter: string } {
  const delimiter = detectDelimiter(text);
  try {
    const rows = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
    return { rows, delimiter };
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new InputError(`not readable as CSV${e.lines ? ` (near line ${e.lines})` : ''}: ${e.message ?? String(err)}`);
  }
}
