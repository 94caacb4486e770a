// GET and POST /admin/organisations/:id/merge (people, projects, topics) — names the entry to merge into, shows
// what will happen, then merges (issue 18): every publication moves to the other entry, the old address redirects.
import type { EntityType } from '../../domain/records.ts';
import { recordEntityChange } from '../../history/entity.ts';
import { canEditEntities } from '../../policies.ts';
import { entityById, entityBySlug, mergeEntity } from '../../store/entities.ts';
import { href } from '../../views/href.ts';
import { pageMeta } from '../../http/context.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { MergeEntityPage } from '../views/entities.tsx';

/** The slug typed, or pasted as an address (/people/aigerim-bekova, https://…/ru/people/aigerim-bekova). */
const slugOf = (s: string) =>
  s
    .trim()
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .pop()!
    .toLowerCase();

async function load(c: StaffCtx, type: EntityType, into: string) {
  allow(canEditEntities(actorOf(c)));
  const db = c.var.deps.db;
  const from = await entityById(db, type, Number(c.req.param('id')) || 0);
  if (!from) throw notFound();
  const target = into ? await entityBySlug(db, type, slugOf(into)) : null;
  return { from, target: target && target.id !== from.id ? target : null };
}

export const entityMergeConfirm = (type: EntityType) => async (c: StaffCtx) => {
  const into = c.req.query('into') ?? '';
  const { from, target } = await load(c, type, into);
  const status = into && !target ? 422 : 200;
  return c.html(
    <MergeEntityPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      type={type}
      from={from}
      into={into}
      target={target}
    />,
    status as 200,
  );
};

export const entityMerge = (type: EntityType) => async (c: StaffCtx) => {
  const into = String((await c.req.parseBody()).into ?? '');
  const { from, target } = await load(c, type, into);
  if (!target)
    return c.html(
      <MergeEntityPage
        meta={pageMeta(appCtx(c))}
        session={c.var.session}
        type={type}
        from={from}
        into={into}
        target={null}
      />,
      422,
    );
  const db = c.var.deps.db;
  await db.tx(async (t) => {
    const merged = await mergeEntity(t, type, from.id, target.id);
    if (merged)
      await recordEntityChange(t, type, from.id, actorOf(c).id, 'merged', merged.row, {
        links: merged.links,
        mergedInto: target.id,
      });
  });
  return c.redirect(href(c.var.tr.lang, `/admin/${type}/${target.id}?merged=1`), 303);
};
