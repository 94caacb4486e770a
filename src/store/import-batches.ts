// The staff import's proposals between preview and import (migration 0075), and what an import matches in
// the library. A batch is read only by its owner: every read takes the user's id.
import type { Db } from '../db/db.ts';

/** A batch as stored; rows and report are the import page's own shapes (src/admin/import/rows.ts). */
export interface ImportBatch<Row = unknown, Report = unknown> {
  id: number;
  user_id: number;
  source_name: string;
  notice: string | null;
  rows: Row[];
  report: Report;
  imported: Array<{ row: number; slug: string; title: string }> | null;
  created_at: Date;
  imported_at: Date | null;
}

/** How long a proposal is kept: long enough to correct a big page, short enough not to pile up. */
const KEEP = "interval '1 day'";

/** Stores a new batch (and drops the expired ones); returns its id. */
export async function createImportBatch(
  db: Db,
  b: { userId: number; sourceName: string; notice: string | null; rows: unknown[]; report: unknown },
): Promise<number> {
  await db.query(`delete from import_batches where created_at < now() - ${KEEP}`);
  const row = await db.one<{ id: number }>(
    'insert into import_batches (user_id, source_name, notice, rows, report) values ($1, $2, $3, $4, $5) returning id',
    [b.userId, b.sourceName, b.notice, JSON.stringify(b.rows), JSON.stringify(b.report)],
  );
  return row!.id;
}

/** The user's batch, unexpired, or null (another's batch is as absent as a missing one); forUpdate locks it. */
export async function importBatchOf<Row, Report>(
  db: Db,
  id: number,
  userId: number,
  forUpdate = false,
): Promise<ImportBatch<Row, Report> | null> {
  return db.one<ImportBatch<Row, Report>>(
    `select * from import_batches where id = $1 and user_id = $2 and created_at >= now() - ${KEEP}${forUpdate ? ' for update' : ''}`,
    [id, userId],
  );
}

/** Replaces the batch's rows (after corrections). */
export async function saveImportRows(db: Db, id: number, rows: unknown[]): Promise<void> {
  await db.query('update import_batches set rows = $2 where id = $1', [id, JSON.stringify(rows)]);
}

/** Marks the batch imported, with the drafts it made. */
export async function markImported(db: Db, id: number, imported: ImportBatch['imported']): Promise<void> {
  await db.query('update import_batches set imported = $2, imported_at = now() where id = $1', [
    id,
    JSON.stringify(imported),
  ]);
}

export interface ImportCandidate {
  /** The slug an earlier import of the same record gave it. */
  key: string;
  title: string;
  year: number | null;
  urls: string[];
}

/**
 * For each candidate, a publication already in the library that is the same one — the slug an earlier import
 * gave it, the same normalised title (in any of its languages) and year, or one of the same source addresses (a
 * url identifier or the external address) — or null. Two statements whatever the number of candidates: the
 * titles are normalised once each.
 */
export async function publicationsMatching(
  db: Db,
  candidates: ImportCandidate[],
): Promise<Array<{ slug: string; title: string } | null>> {
  const out: Array<{ slug: string; title: string } | null> = candidates.map(() => null);
  if (!candidates.length) return out;
  const norm = (x: string) => `regexp_replace(lower(unaccent(${x})), '[^[:alnum:]]+', '', 'g')`;
  const byTitle = await db.query<{ i: number; slug: string; title: string }>(
    `with c as (select i, ${norm('t')} as n, y, s from unnest($1::int[], $2::text[], $3::int[], $4::text[]) as c(i, t, y, s)),
          p as (select p.id, p.slug, p.year, p.title, ${norm('v')} as n from publications p, jsonb_each_text(p.title) t(k, v))
     select distinct on (c.i) c.i, p.slug, coalesce(p.title->>'en', p.title->>'ru', (select min(v) from jsonb_each_text(p.title) x(k, v))) as title
       from c join p on p.slug = c.s or (c.n <> '' and p.n = c.n and p.year is not distinct from c.y)
      order by c.i, p.slug = c.s desc, p.id`,
    [
      candidates.map((_, i) => i),
      candidates.map((c) => c.title),
      candidates.map((c) => c.year),
      candidates.map((c) => c.key),
    ],
  );
  for (const r of byTitle) out[r.i] = { slug: r.slug, title: r.title };
  const urls = candidates.flatMap((c, i) => (out[i] ? [] : c.urls.map((u) => ({ i, u }))));
  if (!urls.length) return out;
  const byUrl = await db.query<{ i: number; slug: string; title: string }>(
    `with c as (select i, u from unnest($1::int[], $2::text[]) as c(i, u))
     select distinct on (c.i) c.i, p.slug, coalesce(p.title->>'en', p.title->>'ru', (select min(v) from jsonb_each_text(p.title) x(k, v))) as title
       from c join publications p on p.external_url = c.u
          or exists (select 1 from publication_identifiers d where d.publication_id = p.id and d.scheme = 'url' and d.value = c.u)
      order by c.i, p.id`,
    [urls.map((x) => x.i), urls.map((x) => x.u)],
  );
  for (const r of byUrl) out[r.i] = { slug: r.slug, title: r.title };
  return out;
}
