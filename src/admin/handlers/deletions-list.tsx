// GET /admin/deleted — what was deleted or merged away in the last 30 days, and (for admins) a button to undo it.
import { recentEntityChanges } from '../../store/entity-changes.ts';
import { purgeOldDeletions, recentDeletions } from '../../store/deleted.ts';
import { canUndoDeletion } from '../../policies.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, appCtx, type StaffCtx } from '../guard.ts';
import { DeletedPage } from '../views/deleted.tsx';

export async function deletionsList(c: StaffCtx) {
  const db = c.var.deps.db;
  await purgeOldDeletions(db);
  const entities = (await recentEntityChanges(db, 200)).filter((e) => e.action === 'deleted' || e.action === 'merged');
  const notice = c.req.query('deleted') ? 'deleted.done' : c.req.query('restored') ? 'deleted.restored' : undefined;
  return c.html(
    <DeletedPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      publications={await recentDeletions(db)}
      entities={entities}
      mayUndo={canUndoDeletion(actorOf(c))}
      notice={notice}
    />,
  );
}
