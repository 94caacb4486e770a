// What each imported publication came from (issue 12 item 5): source keys, and the identifiers importers
// match on, so that a second import of the same source finds what the first one made.
import type { Db } from '../db/db.ts';

/** The publication an earlier import made from this source record, or null. */
export async function publicationIdBySourceKey(db: Db, sourceKey: string): Promise<number | null> {
  const row = await db.one<{ id: number }>(
    `select s.publication_id as id from import_sources s where s.source_key = $1`,
    [sourceKey],
  );
  return row?.id ?? null;
}

/** Remembers that this source record is that publication (a later import of it updates, never duplicates). */
export async function rememberSourceKey(db: Db, sourceKey: string, publicationId: number): Promise<void> {
  await db.query(
    `insert into import_sources (source_key, publication_id) values ($1, $2)
     on conflict (source_key) do update set publication_id = excluded.publication_id, imported_at = now()`,
    [sourceKey, publicationId],
  );
}

/**
 * The publication with this DOI (given lowercased, without its https://doi.org/ prefix) or ISBN (given as
 * its digits and X), compared with the stored value written any way; null when none has it.
 */
export async function publicationIdByIdentifier(db: Db, scheme: 'doi' | 'isbn', value: string): Promise<number | null> {
  const stored =
    scheme === 'doi'
      ? `regexp_replace(lower(value), '^(https?://(dx\\.)?doi\\.org/|doi:\\s*)', '')`
      : `regexp_replace(upper(value), '[^0-9X]+', '', 'g')`;
  const row = await db.one<{ id: number }>(
    `select publication_id as id from publication_identifiers where scheme = $1 and ${stored} = $2
      order by publication_id limit 1`,
    [scheme, value],
  );
  return row?.id ?? null;
}

/** The slug of a publication by id, or null. */
export async function slugById(db: Db, id: number): Promise<string | null> {
  return (await db.one<{ slug: string }>('select slug from publications where id = $1', [id]))?.slug ?? null;
}
