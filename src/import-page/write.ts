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
import {
  publicationIdByIdentifier,
  publicationIdBySourceKey,
  rememberSourceKey,
  slugById,
} from '../store/import-sources.ts';
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
    // A structured source's own identity first (src/import-sources/): its source key, then its DOI or ISBN.
    const bySource = await publicationIdBySource(t, r);
    const id =
      bySource ??
      (await publicationIdBySlug(t, r.key)) ??
      (shared.has(titleYear(r)) ? null : await publicationIdByTitleYear(t, r.title, r.year));
    if (id === null) {
      const made = await createPublication(t, input);
      pending.push(...made.pending);
      if (r.source_key) await rememberSourceKey(t, r.source_key, made.id);
      summary.created++;
      opts.progress(`${step}: created (${input.status})`);
      continue;
    }
    if (r.source_key) await rememberSourceKey(t, r.source_key, id);
    const existing = await publicationBySlug(t, bySource === null ? r.key : ((await slugById(t, id)) ?? r.key));
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

/** The publication a structured source's record was imported as before: by its source key, DOI or ISBN. */
async function publicationIdBySource(t: Db, r: ImportRecord): Promise<number | null> {
  if (r.source_key) {
    const id = await publicationIdBySourceKey(t, r.source_key);
    if (id !== null) return id;
  }
  for (const ident of r.identifiers ?? []) {
    if (ident.scheme !== 'doi' && ident.scheme !== 'isbn') continue;
    const id = await publicationIdByIdentifier(t, ident.scheme, identifierKey(ident.scheme, ident.value));
    if (id !== null) return id;
  }
  return null;
}

/** A DOI lowercased without its resolver prefix; an ISBN as its digits (and X). */
export function identifierKey(scheme: 'doi' | 'isbn', value: string): string {
  return scheme === 'doi'
    ? value
        .trim()
        .toLowerCase()
        .replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/, '')
    : value.toUpperCase().replace(/[^0-9X]+/g, '');
}

/** What the page says differently from the catalogue, field by field ("pages 40 → 180"). */
export function differences(p: PublicationDetail, input: PublicationInput): string[] {
  const out: string[] = [];
  const cmp = (name: string, was: unknown, now: unknown): void => {
    if (JSON.stringify(was ?? null) === JSON.stringify(now ?? null)) return;
    if (isTextMap(was) && isTextMap(now)) {
      // A value in several languages: each language that changed on its own ("title (ru) "…" → "…"").
      for (const lang of new Set([...Object.keys(was), ...Object.keys(now)]))
        if (was[lang] !== now[lang]) out.push(`${name} (${lang}) ${short(was[lang])} → ${short(now[lang])}`);
    } else out.push(`${name} ${short(was)} → ${short(now)}`);
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
  // Identifiers only where the source gives some (a page gives none; staff may have added them since).
  if (input.identifiers.length)
    cmp(
      'identifiers',
      p.identifiers.map((x) => `${x.scheme}:${x.value}`).sort(),
      input.identifiers.map((x) => `${x.scheme}:${x.value}`).sort(),
    );
  cmp(
    'relations',
    p.relations_out.map((x) => `${x.type} ${x.slug}`).sort(),
    input.relations.map((x) => `${x.type} ${x.target}`).sort(),
  );
  return out;
}

const isTextMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

const short = (v: unknown): string => {
  const s = JSON.stringify(v ?? null);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};
