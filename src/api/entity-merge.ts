// POST /api/v1/{type}/{slug}/merge {"into": "other-slug"} — merges an entry into another (issue 18) as the staff page
// does (mergeEntity: every publication names the other, the old address redirects), recorded with the token so an
// admin can undo it. Answers the entry that stays. A version sent (If-Match or "version") must be the current one.
import type { EntityType } from '../domain/records.ts';
import { recordEntityChange } from '../history/entity.ts';
import { canEditEntities } from '../policies.ts';
import { entityBySlug, lockedEntityVersion, mergeEntity } from '../store/entities.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.tsx';
import { checkBody, checkVersion, readJson, versionSent } from './json-body.ts';
import { refuseFieldErrors } from './field-errors.ts';
import { answerEntity, requireEntity, splitVersion } from './records.ts';
import { entityMergeBody } from './schemas.ts';
import { tokenUser } from './token-auth.ts';

export const entityMerge = (type: EntityType) => async (c: Ctx) => {
  const user = await tokenUser(c);
  if (!canEditEntities(user)) throw forbidden();
  const from = await requireEntity(c, type);
  const { version, fields } = splitVersion(await readJson(c));
  const { into } = checkBody(entityMergeBody, fields);
  const db = c.var.deps.db;
  const target = await entityBySlug(db, type, into);
  if (!target || target.id === from.id)
    refuseFieldErrors(c, [{ field: 'into', key: 'entadmin.merge_unknown', vars: { into } }]);
  const sent = versionSent(c, version);
  await db.tx(async (t) => {
    checkVersion(sent, (await lockedEntityVersion(t, type, from.id))!);
    const merged = await mergeEntity(t, type, from.id, target!.id);
    if (merged)
      await recordEntityChange(t, type, from.id, user.id, 'merged', merged.row, {
        links: merged.links,
        mergedInto: target!.id,
        tokenId: user.token_id,
      });
  });
  return answerEntity(c, type, target!.slug);
};
