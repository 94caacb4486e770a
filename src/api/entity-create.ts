// POST /api/v1/{organisations,people,projects,topics} — a new entry from JSON (issue 18): the staff form's schema
// (src/domain/entity.ts), the editors' policy (canEditEntities), recorded in the entity's history with the token.
// 201 with the record and its Location; 409 when its slug is taken.
import type { EntityType } from '../domain/records.ts';
import { recordEntityChange } from '../history/entity.ts';
import { canEditEntities } from '../policies.ts';
import { createEntity } from '../store/entities.ts';
import { type Ctx, publicOrigin } from '../http/context.ts';
import { forbidden, HttpError } from '../http/errors.tsx';
import { checkBody, readJson } from './json-body.ts';
import { answerEntity } from './records.ts';
import { ENTITY_WRITE } from './schemas.ts';
import { tokenUser } from './token-auth.ts';
import type { EntityEdit } from '../domain/entity.ts';

export const entityCreate = (type: EntityType) => async (c: Ctx) => {
  const user = await tokenUser(c);
  if (!canEditEntities(user)) throw forbidden();
  const edit = checkBody(ENTITY_WRITE[type], await readJson(c)) as EntityEdit;
  const id = await c.var.deps.db.tx(async (t) => {
    const made = await createEntity(t, type, edit);
    if (made !== 'slug_taken')
      await recordEntityChange(t, type, made, user.id, 'created', {}, { tokenId: user.token_id });
    return made;
  });
  if (id === 'slug_taken') throw new HttpError(409, 'slug_taken', 'entadmin.slug_taken');
  c.header('Location', `${publicOrigin(c)}/api/v1/${type}/${edit.slug}/record`);
  return answerEntity(c, type, edit.slug, 201);
};
