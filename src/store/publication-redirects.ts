// publication_redirects: the old slugs of publications (issue 18), each leading to the current one for ever.
import type { Db } from '../db/db.ts';

/**
 * Gives a publication a new slug; the old one keeps leading to it. False when another publication has the
 * new slug. An old slug of another publication that is taken over stops redirecting: a live slug wins.
 */
export async function changeSlug(db: Db, publicationId: number, newSlug: string): Promise<boolean> {
  return db.tx(async (t) => {
    const row = await t.one<{ slug: string }>('select slug from publications where id = $1 for update', [
      publicationId,
    ]);
    if (!row || row.slug === newSlug) return row !== null;
    if (await t.one('select 1 from publications where slug = $1', [newSlug])) return false;
    await t.query('delete from publication_redirects where slug = $1', [newSlug]);
    await t.query('update publications set slug = $2, updated_at = now() where id = $1', [publicationId, newSlug]);
    await t.query(
      `insert into publication_redirects (slug, publication_id) values ($1, $2)
       on conflict (slug) do update set publication_id = excluded.publication_id, created_at = now()`,
      [row.slug, publicationId],
    );
    return true;
  });
}

/** The current slug of the publication that once had this slug, or null. */
export async function currentSlugOf(db: Db, oldSlug: string): Promise<string | null> {
  const row = await db.one<{ slug: string }>(
    'select p.slug from publication_redirects r join publications p on p.id = r.publication_id where r.slug = $1',
    [oldSlug],
  );
  return row?.slug ?? null;
}
