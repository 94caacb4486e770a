// The importer's report for people: what was found, repaired, merged, skipped and guessed.
import type { ImportReport } from './import-page.ts';
import type { ImportRecord } from './record.ts';

const quote = (s: string, max = 70): string => `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
const range = ([a, b]: [number, number]): string => (a === b ? `line ${a}` : `lines ${a}–${b}`);

/** The report as text, one section per kind of event; `total` when `records` holds only the uncertain ones. */
export function formatReport(file: string, records: ImportRecord[], r: ImportReport, total = records.length): string {
  const out: string[] = [];
  out.push(
    `${file}: ${total} publications from ${r.lines.nonEmpty} non-empty lines (${r.lines.inRecords} in records, ${r.lines.skipped} skipped)`,
  );
  const section = (title: string, items: string[]): void => {
    if (!items.length) return;
    out.push('', `${title} (${items.length}):`, ...items.map((i) => `  ${i}`));
  };
  section(
    'Text repairs',
    r.repairs.map(
      (x) =>
        `line ${x.line}: ${quote(x.from)} → ${quote(x.to)} (${x.kind === 'ligature' ? 'lost ligature' : 'line-break hyphen'})`,
    ),
  );
  section(
    'Duplicates merged',
    r.merged.map(
      (m) =>
        `${range(m.lines)} repeat ${range(m.into)} → ${m.key}${m.added.length ? `; added ${m.added.join(', ')}` : '; nothing new'}`,
    ),
  );
  section('Relations', r.relations);
  // The least certain records first: the ones to look at before importing.
  const uncertain = records
    .filter((x) => x.confidence < 0.7)
    .sort((a, b) => a.confidence - b.confidence || a.source_lines[0] - b.source_lines[0]);
  section(
    'Uncertain records, least certain first',
    uncertain.map(
      (x) =>
        `${x.key} (${range(x.source_lines)}): confidence ${x.confidence.toFixed(2)}; ${
          Object.entries(x.field_confidence)
            .filter(([, v]) => v < 0.7)
            .map(([k, v]) => `${k} ${v.toFixed(2)}`)
            .join(', ') || 'no year'
        }`,
    ),
  );
  section(
    'Not used',
    r.skipped.map((s) => `line ${s.line}: ${quote(s.text)} — ${s.reason}`),
  );
  // The same guess for many records is said once, with the records it applies to.
  const byNote = new Map<string, string[]>();
  for (const a of r.ambiguities) byNote.set(a.note, [...(byNote.get(a.note) ?? []), a.key]);
  section(
    'To check',
    [...byNote].map(([note, keys]) =>
      keys.length === 1 ? `${keys[0]}: ${note}` : `${note} (${keys.length}): ${keys.join(', ')}`,
    ),
  );
  return `${out.join('\n')}\n`;
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
