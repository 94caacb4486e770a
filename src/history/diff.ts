// The difference between two versions of a publication, field by field. The values stay as they were
// stored (a boolean, a status, a list of people); src/history/words.ts says them in the staff member's language.
import type { PublicationInput } from '../domain/publication.ts';

export interface FieldChange {
  /** "title.en", "year", "people", "file 3" … */
  field: string;
  /** undefined: the field had no value on that side. */
  before: unknown;
  after: unknown;
}

type Snapshot = { input: PublicationInput | null; files: Array<Record<string, unknown>> };

const empty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  v === false ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && Object.keys(v).length === 0);

/** A snapshot flattened to "field → value": one entry per language of a text, one per file. */
export function flatten(s: Snapshot): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (s.input) {
    for (const [key, value] of Object.entries(s.input)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [lang, text] of Object.entries(value)) out.set(`${key}.${lang}`, text);
      } else out.set(key, value);
    }
  }
  // Without its empty values, so that a column added later (a label) is no change.
  for (const f of s.files) out.set(`file ${f.id}`, Object.fromEntries(Object.entries(f).filter(([, v]) => !empty(v))));
  return out;
}

const same = (a: unknown, b: unknown) => (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between two versions, in the order of the newer one, then the removed ones. */
export function diffSnapshots(before: Snapshot | null, after: Snapshot): FieldChange[] {
  const a = before ? flatten(before) : new Map<string, unknown>();
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const [field, value] of b)
    if (!same(a.get(field), value)) changes.push({ field, before: a.get(field), after: value });
  for (const [field, value] of a)
    if (!b.has(field) && !empty(value)) changes.push({ field, before: value, after: undefined });
  return changes;
}
