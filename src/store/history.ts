// The history of publications: one row per change with who, when, and the whole record afterwards.
import type { Db } from '../db/db.ts';
import type { PublicationInput } from '../domain/publication.ts';
import { fileSnapshot } from './file-versions.ts';
import { publicationInputById } from './snapshots.ts';

export const CHANGE_ACTIONS = ['baseline', 'created', 'edited', 'status', 'files', 'restored', 'imported'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export interface Change {
  id: number;
  user_id: number | null;
  user_email: string | null;
  action: ChangeAction;
  snapshot: PublicationInput;
  files: Array<Record<string, unknown>>;
  note: string | null;
  /** Made through the API with this token (issue 18), else null; its name while the token is kept. */
  api_token_id: number | null;
  api_token_name: string | null;
  created_at: Date;
}

/**
 * Records the publication as it is now, as a change by userId (null: not made through the staff pages),
 * made with the API token tokenId when it came through the API.
 */
export async function recordChange(
  db: Db,
  publicationId: number,
  userId: number | null,
  action: ChangeAction,
  note: string | null = null,
  tokenId: number | null = null,
): Promise<void> {
  const snapshot = await publicationInputById(db, publicationId);
  await db.query(
    'insert into publication_changes (publication_id, user_id, action, snapshot, files, note, api_token_id) values ($1, $2, $3, $4, $5, $6, $7)',
    [
      publicationId,
      userId,
      action,
      JSON.stringify(snapshot),
      JSON.stringify(await fileSnapshot(db, publicationId)),
      note,
      tokenId,
    ],
  );
}

/** True when some change of the publication is recorded. */
export async function hasHistory(db: Db, publicationId: number): Promise<boolean> {
  return (
    (await db.one('select 1 from publication_changes where publication_id = $1 limit 1', [publicationId])) !== null
  );
}

const SELECT = `select c.id, c.user_id, u.email as user_email, c.action, c.snapshot, c.files, c.note, c.api_token_id,
    k.name as api_token_name, c.created_at
  from publication_changes c left join users u on u.id = c.user_id left join api_tokens k on k.id = c.api_token_id`;

/** The changes of a publication, newest first. */
export async function changesOf(db: Db, publicationId: number, limit = 100): Promise<Change[]> {
  return db.query(`${SELECT} where c.publication_id = $1 order by c.id desc limit $2`, [publicationId, limit]);
}

/** One change of a publication, or null. */
export async function changeById(db: Db, publicationId: number, changeId: number): Promise<Change | null> {
  return db.one(`${SELECT} where c.publication_id = $1 and c.id = $2`, [publicationId, changeId]);
}

/** Removes one history row (a save that changed nothing). */
export async function deleteChange(db: Db, changeId: number): Promise<void> {
  await db.query('delete from publication_changes where id = $1', [changeId]);
}
