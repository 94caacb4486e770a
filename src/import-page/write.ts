// Writing imported records to the catalogue through the store: new ones are created (drafts unless
// published), ones from an earlier import are recognised and compared, and relations linked last.
import type { Db } from '../db/db.ts';
import type { PublicationInput } from '../domain/publication.ts';
import type { PublicationDetail } from '../domain/records.ts';
import { openRuntime } from '../runtime.ts';
import {
  addRelation,
  createPublication,
  publicationBySlug,
  publicationIdBySlug,
  publicationIdByTitleYear,
  replacePublication,
  type PendingRelation,
} from '../store/publications.ts';
import { normalise } from './merge.ts';
import type { ImportRecord } from './record.ts';
import { toPublicationInput } from './to-publication-input.ts';

export interface WriteSummary {
  created: number;
  unchanged: number;
  changed: number;
}
export interface WriteOptions {
  publish: boolean;
  update: boolean;
  progress: (line: string) => void;
  db?: Db;
}

/** Writes the records in one transaction: all or nothing. */
export async function writeRecords(records: ImportRecord[], opts: WriteOptions): Promise<WriteSummary> {
  return writeSections([records], opts);
}

/**
 * Writes the records of each part of a long page as it comes, all in one transaction: an error in a later
 * part (a bad byte, no publication at all) leaves nothing written.
 */
export async function writeSections(parts: Iterable<ImportRecord[]>, opts: WriteOptions): Promise<WriteSummary> {
  const runtime = opts.db ? null : await openRuntime();
  const db = opts.db ?? runtime!.db;
  try {
    return await db.tx(async (t) => {
      const total: WriteSummary = { created: 0, unchanged: 0, changed: 0 };
      for (const records of parts) {
        const s = await writeAll(t, records, opts);
        total.created += s.created;
        total.unchanged += s.unchanged;
        total.changed += s.changed;
      }
      return total;
    });
  } finally {
    if (runtime) await runtime.db.close();
  }
}

async function writeAll(t: Db, records: ImportRecord[], opts: WriteOptions): Promise<WriteSummary> {
  const summary: WriteSummary = { created: 0, unchanged: 0, changed: 0 };
  const pending: PendingRelation[] = [];
  // Title and year identify a record only where no other record of the page shares them.
  const titleYear = (r: ImportRecord): string => `${normalise(r.title)}|${r.year}`;
  const shared = new Set(records.map(titleYear).filter((k, i, all) => all.indexOf(k) !== i));
  for (const [i, r] of records.entries()) {
    const input = toPublicationInput(r, opts.publish);
    const step = `[${i + 1}/${records.length}] ${r.key}`;
    const id =
      (await publicationIdBySlug(t, r.key)) ??
      (shared.has(titleYear(r)) ? null : await publicationIdByTitleYear(t, r.title, r.year));
    if (id === null) {
      pending.push(...(await createPublication(t, input)).pending);
      summary.created++;
      opts.progress(`${step}: created (${input.status})`);
      continue;
    }
    const existing = await publicationBySlug(t, r.key);
    const changes = existing ? differences(existing, input) : [];
    if (!existing)
      opts.progress(`${step}: already in the catalogue under another slug (matched by title and year); not compared`);
    else if (!changes.length) opts.progress(`${step}: unchanged`);
    else {
      opts.progress(`${step}: ${opts.update ? 'updated' : 'differs'}: ${changes.join('; ')}`);
      if (opts.update)
        pending.push(
          ...(await replacePublication(t, id, { ...input, status: existing.status, featured: existing.featured })),
        );
    }
    if (changes.length) summary.changed++;
    else summary.unchanged++;
  }
  for (const r of pending) {
    const source = await publicationIdBySlug(t, r.source);
    if (source === null || !(await addRelation(t, source, r.type, r.target)))
      opts.progress(`relation ${r.source} ${r.type} ${r.target}: no such publication, not linked`);
  }
  return summary;
}

/** What the page says differently from the catalogue, field by field ("pages 40 → 180"). */
export function differences(p: PublicationDetail, input: PublicationInput): string[] {
  const out: string[] = [];
  const cmp = (name: string, was: unknown, now: unknown): void => {
    if (JSON.stringify(was ?? null) !== JSON.stringify(now ?? null)) out.push(`${name} ${short(was)} → ${short(now)}`);
  };
  cmp('kind', p.kind, input.kind);
  cmp('title', p.title, input.title);
  cmp('subtitle', p.subtitle, input.subtitle);
  cmp('year', p.year, input.year);
  cmp('pages', p.pages, input.pages);
  cmp('formats', [...p.formats].sort(), [...input.formats].sort());
  cmp('languages', p.languages, input.languages);
  cmp('countries', [...p.countries].sort(), [...input.countries].sort());
  cmp('series', p.series, input.series);
  cmp('download', p.download, input.download);
  cmp('for sale', p.for_sale, input.for_sale);
  cmp('print on request', p.print_on_request, input.print_on_request);
  cmp('external URL', p.external_url, input.external_url);
  cmp('contact phone', p.contact_phone, input.contact_phone);
  cmp('description', p.abstract, input.abstract);
  cmp('topics', p.topics.map((x) => x.slug).sort(), [...input.topics].sort());
  cmp(
    'relations',
    p.relations_out.map((x) => `${x.type} ${x.slug}`).sort(),
    input.relations.map((x) => `${x.type} ${x.target}`).sort(),
  );
  return out;
}

const short = (v: unknown): string => {
  const s = JSON.stringify(v ?? null);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};
