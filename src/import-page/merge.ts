// A publication listed twice on a page becomes one record that keeps the richer value of each field.
import type { ImportRecord } from './record.ts';

/** Title (or any text) reduced to letters and digits, for comparison. */
export const normalise = (s: string | null | undefined): string =>
  (s ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '');

const SUMMARY_KINDS = new Set(['summary', 'executive-summary', 'news']);

/** Two listings of the same publication: same title, and nothing that tells them apart. */
export function sameTitleAndCompatible(a: ImportRecord, b: ImportRecord): boolean {
  if (normalise(a.title) !== normalise(b.title)) return false;
  if (a.year !== null && b.year !== null && a.year !== b.year) return false;
  if (a.subtitle && b.subtitle && normalise(a.subtitle) !== normalise(b.subtitle)) return false;
  if (a.pages !== null && b.pages !== null && a.pages !== b.pages) return false;
  if (SUMMARY_KINDS.has(a.kind) !== SUMMARY_KINDS.has(b.kind)) return false;
  return true;
}

/** The two records as one; `changes` names what the second one added. */
export function mergeRecords(a: ImportRecord, b: ImportRecord): { record: ImportRecord; added: string[] } {
  const added: string[] = [];
  const pick = <K extends keyof ImportRecord>(
    key: K,
    better: (x: ImportRecord[K], y: ImportRecord[K]) => boolean,
  ): ImportRecord[K] => {
    if (better(b[key], a[key])) {
      added.push(String(key));
      return b[key];
    }
    return a[key];
  };
  const longer = (x: string | null, y: string | null): boolean =>
    (x ?? '').length > (y ?? '').length && normalise(x) !== normalise(y);
  const present = <T>(x: T | null, y: T | null): boolean => x !== null && y === null;
  const union = <T>(key: 'format' | 'languages' | 'topics' | 'countries' | 'file_urls'): string[] => {
    const out = [...a[key]];
    for (const v of b[key]) if (!out.includes(v)) out.push(v);
    if (out.length > a[key].length) added.push(key);
    return out;
  };
  const unionBy = <T>(xs: T[], ys: T[], id: (t: T) => string, key: string): T[] => {
    const out = [...xs];
    for (const y of ys) if (!out.some((x) => id(x) === id(y))) out.push(y);
    if (out.length > xs.length) added.push(key);
    return out;
  };
  const byName = (o: { name: string }): string => o.name;
  const description = mergeText(a.description, b.description);
  if (description !== a.description) added.push('description');
  const record: ImportRecord = {
    ...a,
    subtitle: pick(
      'subtitle',
      (x, y) => present(x, y) || (!!x && !!y && normalise(x) === normalise(y) && capitals(x) > capitals(y)),
    ),
    year: pick('year', present),
    pages: pick('pages', present),
    format: union('format'),
    languages: union('languages'),
    authors: unionBy(a.authors, b.authors, byName, 'authors'),
    publishers: unionBy(a.publishers, b.publishers, byName, 'publishers'),
    funders: unionBy(a.funders, b.funders, byName, 'funders'),
    partners: unionBy(a.partners, b.partners, byName, 'partners'),
    project: pick('project', present),
    series: pick('series', (x, y) => longer(x, y)),
    place: pick('place', present),
    has_download: a.has_download || b.has_download,
    file_urls: union('file_urls'),
    external_url: pick('external_url', present),
    for_sale: a.for_sale || b.for_sale,
    print_on_request: a.print_on_request || b.print_on_request,
    contact_phone: pick('contact_phone', present),
    topics: union('topics'),
    countries: union('countries'),
    description,
    ligature_repairs: [...a.ligature_repairs, ...b.ligature_repairs],
    duplicate_lines: [...a.duplicate_lines, b.source_lines, ...b.duplicate_lines],
    field_confidence: { ...b.field_confidence, ...a.field_confidence },
    confidence: Math.max(a.confidence, b.confidence),
  };
  if (b.has_download && !a.has_download) added.push('has_download');
  return { record, added: [...new Set(added)] };
}

const capitals = (s: string): number => (s.match(/\p{Lu}/gu) ?? []).length;

/** Both texts, without repeating one that the other already contains. */
function mergeText(a: string, b: string): string {
  if (!b || normalise(a).includes(normalise(b))) return a;
  if (!a || normalise(b).includes(normalise(a))) return b;
  return `${a}\n\n${b}`;
}
