// The history of organisations, people, projects and topics (issue 18): each change by a member of staff,
// with the entity as it was before it, written in the same transaction as the change.
import type { Db } from '../db/db.ts';
import type { EntityType } from '../domain/records.ts';
import { entityChangesOf, insertEntityChange, type EntityAction } from '../store/entity-changes.ts';

/** Records that userId changed the entity, which was `before` until now. */
export async function recordEntityChange(
  db: Db,
  type: EntityType,
  id: number,
  userId: number | null,
  action: EntityAction,
  before: Record<string, unknown>,
  extra: { links?: unknown[]; mergedInto?: number; tokenId?: number | null } = {},
): Promise<number> {
  return insertEntityChange(db, {
    type,
    entityId: id,
    userId,
    action,
    before,
    links: extra.links ?? [],
    mergedInto: extra.mergedInto ?? null,
    tokenId: extra.tokenId ?? null,
  });
}

export { entityChangesOf };
