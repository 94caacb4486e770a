// The difference between two versions of a publication, field by field, as text a person can read.
import type { PublicationInput } from '../domain/publication.ts';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

type Snapshot = { input: PublicationInput | null; files: Array<Record<string, unknown>> };

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v))
    return v
      .map((x) =>
        typeof x === 'object' && x
          ? Object.values(x)
              .filter((y) => y !== null && y !== undefined && y !== '')
              .join(' · ')
          : String(x),
      )
      .join('\n');
  return JSON.stringify(v);
};

/** A snapshot flattened to "field → text": one entry per language of a text, one per file. */
export function flatten(s: Snapshot): Map<string, string> {
  const out = new Map<string, string>();
  if (s.input) {
    for (const [key, value] of Object.entries(s.input)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [lang, text] of Object.entries(value)) out.set(`${key}.${lang}`, show(text));
      } else out.set(key, show(value));
    }
  }
  for (const f of s.files) {
    const marks = [
      f.language && `language ${f.language}`,
      f.embargo_until && `embargo until ${f.embargo_until}`,
      f.is_cover && 'cover',
      f.is_sample && 'sample',
      f.replaced_by && `replaced by file ${f.replaced_by}`,
      `${f.size} bytes`,
      String(f.sha256).slice(0, 12),
    ].filter(Boolean);
    out.set(`file ${f.id}: ${f.name}`, marks.join(', '));
  }
  return out;
}

/** The fields that differ between two versions, in the order of the newer one, then the removed ones. */
export function diffSnapshots(before: Snapshot | null, after: Snapshot): FieldChange[] {
  const a = before ? flatten(before) : new Map<string, string>();
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const [field, value] of b)
    if ((a.get(field) ?? '') !== value) changes.push({ field, before: a.get(field) ?? '', after: value });
  for (const [field, value] of a) if (!b.has(field) && value !== '') changes.push({ field, before: value, after: '' });
  return changes;
}
