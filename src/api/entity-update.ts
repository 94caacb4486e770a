// PUT and PATCH /api/v1/{type}/{slug}/record — names in every language, identifiers and the slug of an entry (issue
// 18), as the staff form saves them (saveEntity: the old slug keeps redirecting), recorded with the token. PUT sends
// every field, PATCH a JSON Merge Patch; the version read must be the current one (409, nothing written).
import type { EntityEdit } from '../domain/entity.ts';
import type { EntityType } from '../domain/records.ts';
import { recordEntityChange } from '../history/entity.ts';
import { canEditEntities } from '../policies.ts';
import { entityRow, lockedEntityVersion, saveEntity } from '../store/entities.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden, HttpError } from '../http/errors.tsx';
import { checkBody, checkVersion, readJson, requireVersion } from './json-body.ts';
import { entityFields, entityVersion } from './present.ts';
import { answerEntity, mergePatch, requireEntity, splitVersion } from './records.ts';
import { ENTITY_WRITE } from './schemas.ts';
import { tokenUser } from './token-auth.ts';

export const entityUpdate = (type: EntityType, mode: 'put' | 'patch') => async (c: Ctx) => {
  const user = await tokenUser(c);
  if (!canEditEntities(user)) throw forbidden();
  const e = await requireEntity(c, type);
  const { version, fields } = splitVersion(await readJson(c));
  const sent = requireVersion(c, version);
  checkVersion(sent, entityVersion(e));
  const body = mode === 'patch' ? mergePatch(entityFields(type, e), fields) : fields;
  const edit = checkBody(ENTITY_WRITE[type], body) as EntityEdit;
  const saved = await c.var.deps.db.tx(async (t) => {
    checkVersion(sent, (await lockedEntityVersion(t, type, e.id))!);
    const before = (await entityRow(t, type, e.id))!;
    const result = await saveEntity(t, type, e.id, edit);
    if (result === 'saved')
      await recordEntityChange(t, type, e.id, user.id, 'edited', before, { tokenId: user.token_id });
    return result;
  });
  if (saved === 'slug_taken') throw new HttpError(409, 'slug_taken', 'entadmin.slug_taken');
  return answerEntity(c, type, edit.slug);
};
