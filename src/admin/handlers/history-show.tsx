// GET /admin/publications/:slug/history — every recorded change, newest first, each diffed with the one before.
import { diffSnapshots } from '../../history/diff.ts';
import { canRestoreVersion } from '../../policies.ts';
import { changesOf } from '../../store/history.ts';
import { pageMeta } from '../../http/context.ts';
import { requirePublication } from '../edit-page.tsx';
import { actorOf, appCtx, type StaffCtx } from '../guard.ts';
import { HistoryPage } from '../views/history.tsx';

export async function historyShow(c: StaffCtx) {
  const pub = await requirePublication(c);
  const changes = await changesOf(c.var.deps.db, pub.id);
  const entries = changes.map((change, i) => {
    const older = changes[i + 1];
    return {
      change,
      diff: diffSnapshots(older ? { input: older.snapshot, files: older.files } : null, {
        input: change.snapshot,
        files: change.files,
      }),
      // The newest row is the current state: there is nothing to restore.
      restorable: i > 0 && canRestoreVersion(actorOf(c), pub.status, change.snapshot.status),
    };
  });
  const title = c.var.tr.pick(changes[0]?.snapshot.title, changes[0]?.snapshot.original_language)?.text ?? pub.slug;
  return c.html(
    <HistoryPage meta={pageMeta(appCtx(c))} session={c.var.session} slug={pub.slug} title={title} entries={entries} />,
  );
}
