// Renders the staff page of an entity — after a GET, or again with messages after a refused form.
import type { StatusCode } from 'hono/utils/http-status';
import type { EntityRecord, EntityType } from '../domain/records.ts';
import { canEditEntities } from '../policies.ts';
import { publicationsLinkedTo } from '../store/entities.ts';
import { entityChangesOf } from '../store/entity-changes.ts';
import { pageMeta } from '../http/context.ts';
import type { EntityForm } from './entity-form.ts';
import { actorOf, appCtx, type StaffCtx } from './guard.ts';
import type { FieldError } from '../http/forms.ts';
import { EntityEditPage } from './views/entities.tsx';

export async function renderEntityPage(
  c: StaffCtx,
  type: EntityType,
  e: EntityRecord,
  form: EntityForm,
  errors: FieldError[],
  status: StatusCode = 200,
  notice?: string,
) {
  const publications = await publicationsLinkedTo(c.var.deps.db, type, e.id);
  const changes = await entityChangesOf(c.var.deps.db, type, e.id);
  return c.html(
    <EntityEditPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      type={type}
      entity={e}
      form={form}
      errors={errors}
      publications={publications}
      changes={changes}
      editable={canEditEntities(actorOf(c))}
      notice={notice}
    />,
    status as 200,
  );
}
