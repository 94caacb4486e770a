// GET /admin/fixity — the latest file checks (fixity) and what the latest one found (admins only).
import { canSeeFixity } from '../../policies.ts';
import { fixityRuns } from '../../store/fixity.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { FixityPage } from '../views/fixity.tsx';

export async function fixityList(c: StaffCtx) {
  allow(canSeeFixity(actorOf(c)));
  return c.html(
    <FixityPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      runs={await fixityRuns(c.var.deps.db)}
      intervalHours={c.var.deps.config.FIXITY_INTERVAL_HOURS}
    />,
  );
}
