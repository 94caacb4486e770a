// The importer's report for people: what was found, repaired, merged, skipped and guessed.
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ImportReport } from './import-page.ts';
import type { ImportRecord } from './record.ts';

const quote = (s: string, max = 70): string => `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
const range = ([a, b]: [number, number]): string => (a === b ? `line ${a}` : `lines ${a}–${b}`);

type Report = ImportReport;

/** The report's listed sections, in the order it gives them, with a line per event. */
const LISTED = {
  repairs: {
    title: 'Text repairs',
    line: (x: Report['repairs'][number]) =>
      `line ${x.line}: ${quote(x.from)} → ${quote(x.to)} (${x.kind === 'ligature' ? 'lost ligature' : 'line-break hyphen'})`,
  },
  merged: {
    title: 'Duplicates merged',
    line: (m: Report['merged'][number]) =>
      `${range(m.lines)} repeat ${range(m.into)} → ${m.key}${m.added.length ? `; added ${m.added.join(', ')}` : '; nothing new'}`,
  },
  relations: { title: 'Relations', line: (r: string) => r },
  skipped: {
    title: 'Not used',
    line: (s: Report['skipped'][number]) => `line ${s.line}: ${quote(s.text)} — ${s.reason}`,
  },
} as const;
type Listed = keyof typeof LISTED;
const ORDER: Listed[] = ['repairs', 'merged', 'relations', 'skipped'];
// The uncertain records come between the relations and the lines not used.
const BEFORE_UNCERTAIN: Listed[] = ['repairs', 'merged', 'relations'];

const lineOf = <K extends Listed>(kind: K, x: Report[K][number]): string =>
  (LISTED[kind].line as (x: Report[K][number]) => string)(x);

const heading = (r: Report, file: string, total: number): string =>
  `${file}: ${total} publications from ${r.lines.nonEmpty} non-empty lines (${r.lines.inRecords} in records, ${r.lines.skipped} skipped)`;

const isUncertain = (x: ImportRecord): boolean => x.confidence < 0.7;
const uncertainLine = (x: ImportRecord): string =>
  `${x.key} (${range(x.source_lines)}): confidence ${x.confidence.toFixed(2)}; ${
    Object.entries(x.field_confidence)
      .filter(([, v]) => v < 0.7)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ') || 'no year'
  }`;
// The least certain records first: the ones to look at before importing.
type Certainty = Pick<ImportRecord, 'confidence' | 'source_lines'>;
const byCertainty = (a: Certainty, b: Certainty): number =>
  a.confidence - b.confidence || a.source_lines[0] - b.source_lines[0];

/** "To check": the same guess for many records is said once, with the records it applies to (`count` of them). */
const noteLine = (note: string, keys: string[], count: number): string =>
  count === 1
    ? `${keys[0]}: ${note}`
    : `${note} (${count}): ${keys.join(', ')}${count > keys.length ? `, … (${count - keys.length} more)` : ''}`;

const section = (title: string, count: number): string => `\n${title} (${count}):`;

/** The report as text, one section per kind of event; `total` when `records` holds only the uncertain ones. */
export function formatReport(file: string, records: ImportRecord[], r: Report, total = records.length): string {
  const out: string[] = [heading(r, file, total)];
  const list = (title: string, items: string[]): void => {
    if (items.length) out.push(section(title, items.length), ...items.map((i) => `  ${i}`));
  };
  for (const kind of BEFORE_UNCERTAIN)
    list(
      LISTED[kind].title,
      r[kind].map((x) => lineOf(kind, x)),
    );
  list('Uncertain records, least certain first', records.filter(isUncertain).sort(byCertainty).map(uncertainLine));
  list(
    LISTED.skipped.title,
    r.skipped.map((x) => lineOf('skipped', x)),
  );
  const byNote = new Map<string, string[]>();
  for (const a of r.ambiguities) byNote.set(a.note, [...(byNote.get(a.note) ?? []), a.key]);
  list(
    'To check',
    [...byNote].map(([note, keys]) => noteLine(note, keys, keys.length)),
  );
  return `${out.join('\n')}\n`;
}

const FLUSH = 64 * 1024;
/** A copy of a string that refers to no other (V8 keeps the whole of a string a slice was cut from). */
const flat = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

/**
 * A long page's report, gathered section by section in bounded memory: every listed line (repairs, merges,
 * relations, lines not used) is formatted at once and spooled to a temporary file, and streamed out at the
 * end; remarks are counted, with the first records of each named; uncertain records are kept as their line.
 * Nothing of a section (its text, its records) is held once added.
 */
export class ReportSpool {
  readonly lines = { total: 0, nonEmpty: 0, inRecords: 0, skipped: 0 };
  records = 0;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-report-'));
  private readonly lists = new Map<Listed, { file: string; count: number; buffer: string }>(
    ORDER.map((k) => [k, { file: path.join(this.dir, k), count: 0, buffer: '' }]),
  );
  private readonly uncertain: Array<{ record: Certainty; line: string }> = [];
  private readonly notes = new Map<string, { count: number; keys: string[] }>();

  /** @param sample records named with each remark; the rest are counted */
  constructor(private readonly sample = 20) {}

  /** Adds one section's report and records. */
  add(r: Report, records: ImportRecord[]): void {
    this.records += records.length;
    for (const k of ['total', 'nonEmpty', 'inRecords', 'skipped'] as const) this.lines[k] += r.lines[k];
    for (const kind of ORDER) {
      const list = this.lists.get(kind)!;
      for (const x of r[kind]) {
        list.buffer += `  ${lineOf(kind, x)}\n`;
        list.count++;
      }
      if (list.buffer.length > FLUSH) this.flush(list);
    }
    for (const x of records)
      if (isUncertain(x))
        this.uncertain.push({
          record: { confidence: x.confidence, source_lines: [x.source_lines[0], x.source_lines[1]] },
          line: uncertainLine(x),
        });
    for (const a of r.ambiguities) this.remark(a.key, a.note);
  }

  private remark(key: string, note: string): void {
    let n = this.notes.get(note);
    // Copied flat: a remark quoting the page would otherwise keep its section's text alive.
    if (!n) this.notes.set(flat(note), (n = { count: 0, keys: [] }));
    n.count++;
    if (n.keys.length < this.sample) n.keys.push(flat(key));
  }

  /** Writes the report (`first` remarks open "To check") and removes the spool. */
  async write(out: Writable, file: string, first: Report['ambiguities'] = []): Promise<void> {
    try {
      const put = async (text: string): Promise<void> => {
        if (!out.write(text)) await once(out, 'drain');
      };
      const r = { lines: this.lines } as Report;
      await put(`${heading(r, file, this.records)}\n`);
      const stream = async (kind: Listed): Promise<void> => {
        const list = this.lists.get(kind)!;
        if (!list.count) return;
        this.flush(list);
        await put(`${section(LISTED[kind].title, list.count)}\n`);
        const decoder = new StringDecoder('utf8');
        const buf = Buffer.alloc(FLUSH * 16);
        const fd = fs.openSync(list.file, 'r');
        try {
          for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf))
            await put(decoder.write(buf.subarray(0, n)));
        } finally {
          fs.closeSync(fd);
        }
      };
      for (const kind of BEFORE_UNCERTAIN) await stream(kind);
      if (this.uncertain.length) {
        this.uncertain.sort((a, b) => byCertainty(a.record, b.record));
        await put(`${section('Uncertain records, least certain first', this.uncertain.length)}\n`);
        for (const u of this.uncertain) await put(`  ${u.line}\n`);
      }
      await stream('skipped');
      const notes = new Map(first.map((a) => [a.note, { count: 1, keys: [a.key] }]));
      for (const [note, n] of this.notes) notes.set(note, n);
      if (notes.size) {
        await put(`${section('To check', notes.size)}\n`);
        for (const [note, n] of notes) await put(`  ${noteLine(note, n.keys, n.count)}\n`);
      }
    } finally {
      this.close();
    }
  }

  /** Removes the spool (also when the import stops on the way). */
  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(list: { file: string; buffer: string }): void {
    if (list.buffer) fs.appendFileSync(list.file, list.buffer);
    list.buffer = '';
  }
}

/** A short human-readable listing of the records (dry run without --json). */
export function formatRecords(records: ImportRecord[]): string {
  return records
    .map((rec) => {
      const facts = [
        rec.kind,
        rec.year,
        rec.pages && `${rec.pages} p.`,
        rec.languages.join('/') || null,
        rec.has_download && 'download',
      ]
        .filter(Boolean)
        .join(', ');
      const rel = rec.relations.map((x) => `\n    ${x.type} → ${x.target}`).join('');
      return `${rec.key}\n    ${rec.title}${rec.subtitle ? `: ${rec.subtitle}` : ''}\n    ${facts} (${range(rec.source_lines)})${rel}`;
    })
    .join('\n');
}
