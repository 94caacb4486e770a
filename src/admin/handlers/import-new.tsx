// GET /admin/import — paste a page's text or upload its file (issue 12 item 4).
import { canCreatePublication } from '../../policies.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { ImportStartPage } from '../views/import.tsx';

export function importNew(c: StaffCtx) {
  allow(canCreatePublication(actorOf(c)));
  return c.html(<ImportStartPage meta={pageMeta(appCtx(c))} session={c.var.session} />);
}
