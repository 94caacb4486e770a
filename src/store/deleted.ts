// deleted_publications: a deleted draft kept whole for 30 days (issue 18). Deleting copies the rows of every
// table hanging off the publication into one JSON value, then deletes the publication (the rest cascades);
// undoing puts those rows back as they were, ids included, so its files, history and addresses return too.
import type { Db } from '../db/db.ts';
import type { LocalizedText } from '../domain/publication.ts';
import { indexPublication } from './search.ts';

/** How long a deletion can be undone. */
export const UNDO_DAYS = 30;

// Each table's rows of a publication, parents before children (the order they go back in).
const TABLES: Array<{ table: string; where: string }> = [
  { table: 'publications', where: 'id = $1' },
  { table: 'publication_people', where: 'publication_id = $1' },
  { table: 'publication_organisations', where: 'publication_id = $1' },
  { table: 'publication_projects', where: 'publication_id = $1' },
  { table: 'publication_topics', where: 'publication_id = $1' },
  { table: 'publication_identifiers', where: 'publication_id = $1' },
  { table: 'publication_relations', where: 'source_id = $1 or target_id = $1' },
  { table: 'files', where: 'publication_id = $1' },
  { table: 'file_pages', where: 'file_id in (select id from files where publication_id = $1)' },
  { table: 'publication_changes', where: 'publication_id = $1' },
  { table: 'publication_redirects', where: 'publication_id = $1' },
];

// A link back may point to what is gone since (an entity merged away, a related record deleted): such rows are left out.
const STILL_THERE: Record<string, string> = {
  publication_people: 'exists (select 1 from people e where e.id = r.person_id)',
  publication_organisations: 'exists (select 1 from organisations e where e.id = r.organisation_id)',
  publication_projects: 'exists (select 1 from projects e where e.id = r.project_id)',
  publication_topics: 'exists (select 1 from topics e where e.id = r.topic_id)',
  publication_relations:
    'exists (select 1 from publications p where p.id = r.source_id) and exists (select 1 from publications p where p.id = r.target_id)',
  publication_changes: 'true',
  publication_redirects: 'not exists (select 1 from publications p where p.slug = r.slug)',
};

export interface DeletedPublication {
  id: number;
  publication_id: number;
  slug: string;
  title: LocalizedText;
  original_language: string;
  user_email: string | null;
  /** Deleted through the API with this token (issue 18), else null; its name while the token is kept. */
  api_token_id: number | null;
  api_token_name: string | null;
  deleted_at: Date;
  restored_at: Date | null;
}

/** Deletes a publication, keeping its rows for undoing; returns the deletion's id. */
export async function deletePublication(
  db: Db,
  publicationId: number,
  userId: number | null,
  tokenId: number | null = null,
): Promise<number> {
  return db.tx(async (t) => {
    const rows: Record<string, unknown[]> = {};
    for (const { table, where } of TABLES) {
      rows[table] = (
        await t.query<{ r: unknown }>(`select row_to_json(x) as r from ${table} x where ${where}`, [publicationId])
      ).map((r) => r.r);
    }
    const p = rows.publications![0] as { slug: string; title: LocalizedText; original_language: string } | undefined;
    if (!p) throw new Error(`publication ${publicationId} does not exist`);
    // Requests about it stay in the inbox; their link is remembered so undoing restores it.
    rows.reader_requests = (
      await t.query<{ id: number }>('select id from reader_requests where publication_id = $1', [publicationId])
    ).map((r) => r.id);
    const row = await t.one<{ id: number }>(
      `insert into deleted_publications (publication_id, slug, title, original_language, rows, user_id, api_token_id)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [publicationId, p.slug, p.title, p.original_language, JSON.stringify(rows), userId, tokenId],
    );
    await t.query('delete from publications where id = $1', [publicationId]);
    return row!.id;
  });
}

const SELECT = `select d.id, d.publication_id, d.slug, d.title, d.original_language, u.email as user_email,
    d.api_token_id, k.name as api_token_name, d.deleted_at, d.restored_at
  from deleted_publications d left join users u on u.id = d.user_id left join api_tokens k on k.id = d.api_token_id`;

/** Deletions of the last UNDO_DAYS days, newest first. */
export async function recentDeletions(db: Db): Promise<DeletedPublication[]> {
  return db.query<DeletedPublication>(
    `${SELECT} where d.deleted_at > now() - make_interval(days => $1) order by d.id desc`,
    [UNDO_DAYS],
  );
}

/** One deletion, or null. */
export async function deletionById(db: Db, id: number): Promise<DeletedPublication | null> {
  return db.one<DeletedPublication>(`${SELECT} where d.id = $1`, [id]);
}

/**
 * Puts a deleted publication back as it was. 'expired' after UNDO_DAYS, 'done' when already undone,
 * 'slug_taken' when another publication took its address meanwhile; null for no such deletion.
 */
export async function undoDeletion(db: Db, id: number): Promise<'restored' | 'expired' | 'done' | 'slug_taken' | null> {
  return db.tx(async (t) => {
    const d = await t.one<{
      publication_id: number;
      slug: string;
      rows: Record<string, unknown[]>;
      restored_at: Date | null;
      expired: boolean;
    }>(
      `select publication_id, slug, rows, restored_at, deleted_at <= now() - make_interval(days => $2) as expired
         from deleted_publications where id = $1 for update`,
      [id, UNDO_DAYS],
    );
    if (!d) return null;
    if (d.restored_at) return 'done';
    if (d.expired) return 'expired';
    if (await t.one('select 1 from publications where slug = $1 or id = $2', [d.slug, d.publication_id]))
      return 'slug_taken';
    for (const { table } of TABLES) {
      const rows = d.rows[table] ?? [];
      if (!rows.length) continue;
      const filter = STILL_THERE[table] ?? 'true';
      await t.query(
        `insert into ${table} select * from json_populate_recordset(null::${table}, $1::json) r where ${filter} on conflict do nothing`,
        [JSON.stringify(rows)],
      );
    }
    await t.query(
      'update reader_requests set publication_id = $1 where id = any($2::int[]) and publication_id is null',
      [d.publication_id, (d.rows.reader_requests ?? []) as number[]],
    );
    await t.query('update deleted_publications set restored_at = now() where id = $1', [id]);
    await indexPublication(t, d.publication_id);
    return 'restored';
  });
}

/** Forgets deletions older than UNDO_DAYS: they can no longer be undone. */
export async function purgeOldDeletions(db: Db): Promise<number> {
  return (
    await db.query(
      'delete from deleted_publications where deleted_at <= now() - make_interval(days => $1) returning id',
      [UNDO_DAYS],
    )
  ).length;
}
