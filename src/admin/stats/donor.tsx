// GET /admin/stats/donor?funder=…&from=…&to=… — one printable page for a funder: what it funded, views and
// downloads by month, by language version and by country, and the top publications.
import { canSeeUsage } from '../../policies.ts';
import { publicationsOfFunder, usageBy, usageTotals } from '../../store/stats-reports.ts';
import { pageMeta } from '../../http/context.ts';
import { HttpError } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { usageUpToDate } from '../../stats/recorder.ts';
import { DonorPage, type Tables } from './pages.tsx';
import { pageScope } from './scope.ts';

export async function statsDonor(c: StaffCtx) {
  allow(canSeeUsage(actorOf(c)));
  const db = c.var.deps.db;
  await usageUpToDate(db);
  const s = await pageScope(db, c.req.query());
  if (!s.funder) throw new HttpError(400, 'bad_request', 'stats.donor.choose');
  const tables: Tables = {
    month: await usageBy(db, 'month', s.scope),
    file: await usageBy(db, 'file', s.scope, 20),
    country: await usageBy(db, 'country', s.scope, 20),
    publication: await usageBy(db, 'publication', s.scope, 10),
  };
  const tr = c.var.tr;
  const funded = (await publicationsOfFunder(db, s.funder.id)).map((p) => {
    const title = tr.pick(p.title, p.original_language);
    return { slug: p.slug, title: title?.text ?? p.slug, lang: title?.lang ?? tr.lang, year: p.year };
  });
  return c.html(
    <DonorPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      s={s}
      totals={await usageTotals(db, s.scope)}
      tables={tables}
      funded={funded}
    />,
  );
}
