// The rows of the staff import table: each proposed record with whether it is ticked, what it matches in the
// library, and what staff corrected. Pure functions: the form's edits applied, two rows merged, a row as the
// catalogue's input. Nothing here decides a permission; the batch belongs to the session's user (store).
import { z } from 'zod';
import { CONTENT_LANGUAGES, isWebUrl, KINDS, type PublicationInput } from '../../domain/publication.ts';
import type { ImportResult } from '../../import-page/import-page.ts';
import { mergeRecords } from '../../import-page/merge.ts';
import type { AuthorRef, ImportRecord } from '../../import-page/record.ts';
import { toPublicationInput } from '../../import-page/to-publication-input.ts';
import type { MessageKey } from '../../i18n/i18n.ts';

/** The columns staff can correct, in the table's order. */
export const EDITABLE = [
  'title',
  'year',
  'kind',
  'languages',
  'authors',
  'publishers',
  'pages',
  'place',
  'urls',
] as const;
export type Editable = (typeof EDITABLE)[number];

export interface RowError {
  field: Editable;
  key: MessageKey;
}

export interface StagedRow {
  /** The row's number: its place among the proposed records, kept through merges. */
  n: number;
  include: boolean;
  record: ImportRecord;
  /** The publication already in the library that this one is, or null. */
  existing: { slug: string; title: string } | null;
  /** Fields staff corrected: their confidence is theirs, not the importer's. */
  edited: Editable[];
  /** Rows merged into this one. */
  merged: number[];
  /** What staff typed that cannot be kept, with the value as typed. */
  errors: RowError[];
  typed?: Partial<Record<Editable, string>>;
}

/** The report kept with a batch: counts, unused lines, remarks. */
export interface StagedReport {
  nonEmpty: number;
  inRecords: number;
  skipped: Array<{ line: number; text: string; reason: string }>;
  notes: Array<{ key: string; note: string }>;
}

/** A field counts as uncertain below this confidence (as in the command's report). */
export const UNSURE = 0.7;

/** Rows and report from an importer's result; every record ticked (the caller unticks existing ones). */
export function stageResult(result: ImportResult): { rows: StagedRow[]; report: StagedReport } {
  const rows = result.records.map((record, i) => ({
    n: i + 1,
    include: true,
    record,
    existing: null,
    edited: [],
    merged: [],
    errors: [],
  }));
  const r = result.report;
  return {
    rows,
    report: {
      nonEmpty: r.lines.nonEmpty,
      inRecords: r.lines.inRecords,
      skipped: r.skipped.map((s) => ({ line: s.line, text: s.text.slice(0, 300), reason: s.reason })),
      notes: r.ambiguities,
    },
  };
}

/** The value of a field as the table shows it. */
export function shown(r: ImportRecord, f: Editable): string {
  switch (f) {
    case 'title':
      return r.title;
    case 'year':
      return r.year === null ? '' : String(r.year);
    case 'kind':
      return r.kind;
    case 'languages':
      return r.languages.join(' ');
    case 'authors':
      return r.authors.map((a) => a.name).join('; ');
    case 'publishers':
      return r.publishers.map((p) => p.name).join('; ');
    case 'pages':
      return r.pages === null ? '' : String(r.pages);
    case 'place':
      return r.place ?? '';
    case 'urls':
      return r.file_urls.join(' ');
  }
}

/** How sure the importer is of a field (1 when staff corrected it); null when it has no say. */
export function fieldConfidence(row: StagedRow, f: Editable): number | null {
  if (row.edited.includes(f)) return 1;
  const c = row.record.field_confidence;
  return f === 'title' || f === 'year' || f === 'kind' || f === 'languages' || f === 'authors' || f === 'pages'
    ? (c[f] ?? null)
    : null;
}

/** The record's confidence: the weaker of title and year, counting staff's corrections as certain. */
export function rowConfidence(row: StagedRow): number {
  return Math.min(
    fieldConfidence(row, 'title') ?? 1,
    row.record.year === null ? 0.6 : (fieldConfidence(row, 'year') ?? 1),
  );
}

/** The table's order: uncertain rows first, least certain first, then the rest as the page listed them. */
export function displayOrder(rows: StagedRow[]): StagedRow[] {
  return [...rows].sort((a, b) => {
    const ca = rowConfidence(a);
    const cb = rowConfidence(b);
    const ua = ca < UNSURE ? 0 : 1;
    const ub = cb < UNSURE ? 0 : 1;
    return ua - ub || (ua === 0 ? ca - cb : 0) || a.n - b.n;
  });
}

const list = (s: string, sep: RegExp) =>
  s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);
const number = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d*$/)
    .transform((s) => (s ? Number(s) : null))
    .refine((n) => n === null || (n >= min && n <= max));

/** Each field's check and how a valid value goes into the record. */
const FIELDS: Record<Editable, { check: z.ZodType; key: MessageKey; set: (r: ImportRecord, v: never) => void }> = {
  title: {
    check: z.string().trim().min(1).max(2000),
    key: 'import.error.title',
    set: (r, v: string) => {
      r.title = v;
    },
  },
  year: {
    check: number(1900, 2100),
    key: 'import.error.year',
    set: (r, v: number | null) => {
      r.year = v;
    },
  },
  kind: {
    check: z.enum(KINDS),
    key: 'import.error.kind',
    set: (r, v: ImportRecord['kind']) => {
      r.kind = v;
    },
  },
  languages: {
    check: z
      .string()
      .transform((s) => list(s.toLowerCase(), /[\s,;]+/))
      .pipe(z.array(z.enum(CONTENT_LANGUAGES))),
    key: 'import.error.languages',
    set: (r, v: string[]) => {
      r.languages = v;
    },
  },
  authors: {
    check: z.string().transform((s) => list(s, /;/)),
    key: 'import.error.authors',
    set: (r, v: string[]) => {
      // A name kept keeps its role and affiliation; a new one is an author.
      r.authors = v.map(
        (name): AuthorRef => r.authors.find((a) => a.name === name) ?? { name: name.slice(0, 300), role: 'author' },
      );
    },
  },
  publishers: {
    check: z.string().transform((s) => list(s, /;/).map((x) => x.slice(0, 300))),
    key: 'import.error.publishers',
    set: (r, v: string[]) => {
      r.publishers = v.map((name) => r.publishers.find((p) => p.name === name) ?? { name });
    },
  },
  pages: {
    check: number(1, 100_000),
    key: 'import.error.pages',
    set: (r, v: number | null) => {
      r.pages = v;
    },
  },
  place: {
    check: z
      .string()
      .trim()
      .max(300)
      .transform((s) => s || null),
    key: 'import.error.place',
    set: (r, v: string | null) => {
      r.place = v;
    },
  },
  urls: {
    check: z
      .string()
      .transform((s) => list(s, /\s+/))
      .refine((us) => us.every((u) => isWebUrl(u) && u.length <= 500)),
    key: 'import.error.urls',
    set: (r, v: string[]) => {
      r.file_urls = v;
      if (v.length) r.has_download = true;
    },
  },
};

/**
 * Applies what the form says about one row: whether it is ticked, and each field that differs from what the
 * table showed. A value that cannot be kept is remembered as typed, with its message; the record keeps the last
 * good value. Fields the form does not carry are left as they are.
 */
export function applyEdits(
  row: StagedRow,
  form: { include: boolean; values: Partial<Record<Editable, string>> },
): void {
  row.include = form.include;
  row.errors = [];
  row.typed = {};
  for (const f of EDITABLE) {
    const typed = form.values[f];
    if (typed === undefined || typed.trim() === shown(row.record, f).trim()) continue;
    const parsed = FIELDS[f].check.safeParse(typed);
    if (!parsed.success) {
      row.errors.push({ field: f, key: FIELDS[f].key });
      row.typed[f] = typed.slice(0, 2000);
      continue;
    }
    FIELDS[f].set(row.record, parsed.data as never);
    if (!row.edited.includes(f)) row.edited.push(f);
  }
  if (!Object.keys(row.typed).length) delete row.typed;
}

/** Merges row `from` into row `into` (the importer's rule: the richer value of each field); returns the rows left. */
export function mergeRows(rows: StagedRow[], from: number, into: number): StagedRow[] | null {
  const a = rows.find((r) => r.n === into);
  const b = rows.find((r) => r.n === from);
  if (!a || !b || a === b) return null;
  a.record = mergeRecords(a.record, b.record).record;
  a.merged.push(b.n, ...b.merged);
  a.edited = [...new Set([...a.edited, ...b.edited])];
  a.include = a.include || b.include;
  return rows.filter((r) => r !== b);
}

/** The row as the catalogue's input: a draft, its files' source addresses kept as url identifiers. */
export function rowInput(row: StagedRow): PublicationInput {
  const input = toPublicationInput(row.record, false);
  // The slug stays the importer's key even when staff correct the title: a later import of the same page
  // recognises the record by it (as `kitap import-page` does).
  const urls = [...new Set([...row.record.file_urls].filter((u) => isWebUrl(u) && u.length <= 500))];
  return { ...input, identifiers: [...input.identifiers, ...urls.map((value) => ({ scheme: 'url' as const, value }))] };
}
