// Every change a member of staff makes goes through here: the write and its history row in one
// transaction. A publication made before history was kept (demo, import) first gets a "baseline"
// row holding its state before the change, so the first diff shows what changed.
import type { Db } from '../db/db.ts';
import type { PublicationInput } from '../domain/publication.ts';
import { changesOf, deleteChange, hasHistory, recordChange, type ChangeAction } from '../store/history.ts';
import { createPublication, refreshSearch } from '../store/publications.ts';

/** Runs fn (a write to the publication) and records the result as a change by userId (with API token tokenId). */
export async function changePublication<T>(
  db: Db,
  publicationId: number,
  userId: number,
  action: ChangeAction,
  fn: (t: Db) => Promise<T>,
  note: string | null = null,
  tokenId: number | null = null,
): Promise<T> {
  return db.tx(async (t) => {
    if (!(await hasHistory(t, publicationId))) await recordChange(t, publicationId, null, 'baseline');
    const result = await fn(t);
    // A file's language, a new version or an embargo changes what search and the facets know of it.
    if (action === 'files') await refreshSearch(t, publicationId);
    await recordChange(t, publicationId, userId, action, note, tokenId);
    await dropIfUnchanged(t, publicationId);
    return result;
  });
}

/** Creates a publication and records it as created by userId (with API token tokenId when through the API), or
 * as imported, the note naming the source. */
export async function createRecorded(
  db: Db,
  input: PublicationInput,
  userId: number,
  tokenId: number | null = null,
  action: 'created' | 'imported' = 'created',
  note: string | null = null,
): Promise<{ id: number; slug: string }> {
  return db.tx(async (t) => {
    const r = await createPublication(t, input);
    await recordChange(t, r.id, userId, action, note, tokenId);
    return r;
  });
}

/** A save that changed nothing leaves no row behind. */
async function dropIfUnchanged(db: Db, publicationId: number): Promise<void> {
  const [last, before] = await changesOf(db, publicationId, 2);
  if (
    last &&
    before &&
    JSON.stringify(last.snapshot) === JSON.stringify(before.snapshot) &&
    JSON.stringify(last.files) === JSON.stringify(before.files)
  ) {
    await deleteChange(db, last.id);
  }
}
