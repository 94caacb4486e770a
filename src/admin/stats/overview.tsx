// GET /admin/stats — usage of a period, by month, year, publication, file, funder, project, topic and country.
import { canSeeUsage } from '../../policies.ts';
import { USAGE_DIMENSIONS, usageBy, usageTotals } from '../../store/stats-reports.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { usageUpToDate } from '../../stats/recorder.ts';
import { StatsPage, type Tables } from './pages.tsx';
import { pageScope } from './scope.ts';

/** Rows shown on the page per table (the CSV has them all). */
const SHOWN = 10;

export async function statsOverview(c: StaffCtx) {
  allow(canSeeUsage(actorOf(c)));
  const db = c.var.deps.db;
  await usageUpToDate(db);
  const s = await pageScope(db, c.req.query());
  const tables: Tables = {};
  for (const d of USAGE_DIMENSIONS)
    tables[d] = await usageBy(db, d, s.scope, d === 'month' || d === 'year' ? 1000 : SHOWN);
  return c.html(
    <StatsPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      s={s}
      totals={await usageTotals(db, s.scope)}
      tables={tables}
    />,
  );
}
