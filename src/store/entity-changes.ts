// entity_changes: what staff did to an organisation, person, project or topic, newest first.
import type { Db } from '../db/db.ts';
import type { EntityType } from '../domain/records.ts';

export type EntityAction = 'created' | 'edited' | 'merged' | 'deleted' | 'restored';

export interface EntityChange {
  id: number;
  type: EntityType;
  entity_id: number;
  user_id: number | null;
  user_email: string | null;
  action: EntityAction;
  before: Record<string, unknown>;
  /** A merged or deleted entity's link rows ({publication_id, role, position, added}), for undoing. */
  links: Array<Record<string, unknown> & { added: boolean }>;
  merged_into: number | null;
  /** Made through the API with this token (issue 18), else null; its name while the token is kept. */
  api_token_id: number | null;
  api_token_name: string | null;
  undone_at: Date | null;
  created_at: Date;
}

export async function insertEntityChange(
  db: Db,
  c: {
    type: EntityType;
    entityId: number;
    userId: number | null;
    action: EntityAction;
    before: unknown;
    links: unknown[];
    mergedInto: number | null;
    tokenId?: number | null;
  },
): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into entity_changes (type, entity_id, user_id, action, before, links, merged_into, api_token_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      c.type,
      c.entityId,
      c.userId,
      c.action,
      JSON.stringify(c.before),
      JSON.stringify(c.links),
      c.mergedInto,
      c.tokenId ?? null,
    ],
  );
  return row!.id;
}

const SELECT = `select c.*, u.email as user_email, k.name as api_token_name
  from entity_changes c left join users u on u.id = c.user_id left join api_tokens k on k.id = c.api_token_id`;

/** The changes of one entity, newest first. */
export async function entityChangesOf(db: Db, type: EntityType, id: number, limit = 50): Promise<EntityChange[]> {
  return db.query<EntityChange>(
    `${SELECT} where c.type = $1 and (c.entity_id = $2 or c.merged_into = $2) order by c.id desc limit $3`,
    [type, id, limit],
  );
}

/** One change, or null. */
export async function entityChangeById(db: Db, id: number): Promise<EntityChange | null> {
  return db.one<EntityChange>(`${SELECT} where c.id = $1`, [id]);
}

/** The newest changes of every entity: deletions and merges an admin may undo. */
export async function recentEntityChanges(db: Db, limit: number): Promise<EntityChange[]> {
  return db.query<EntityChange>(`${SELECT} order by c.id desc limit $1`, [limit]);
}

/** Marks a deletion or merge as undone. */
export async function markEntityChangeUndone(db: Db, id: number): Promise<void> {
  await db.query('update entity_changes set undone_at = now() where id = $1', [id]);
}
