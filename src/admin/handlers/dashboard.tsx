// GET /admin — publications in every status, newest change first.
import { z } from 'zod';
import { STATUSES } from '../../domain/publication.ts';
import { canHandleRequests, canSeeFixity } from '../../policies.ts';
import { fixityRuns } from '../../store/fixity.ts';
import { requestCounts } from '../../store/requests.ts';
import { staffPublications } from '../../store/staff-lists.ts';
import { pageMeta } from '../../http/context.ts';
import { badParams } from '../../http/errors.tsx';
import { actorOf, appCtx, type StaffCtx } from '../guard.ts';
import { DashboardPage } from '../views/dashboard.tsx';

const query = z.object({
  status: z
    .enum(STATUSES)
    .or(z.literal(''))
    .optional()
    .transform((v) => v || null),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
const PER_PAGE = 50;

export async function dashboard(c: StaffCtx) {
  const q = query.safeParse(c.req.query());
  if (!q.success) throw badParams(q.error);
  const db = c.var.deps.db;
  const { total, items } = await staffPublications(db, { ...q.data, perPage: PER_PAGE });
  const newRequests = canHandleRequests(actorOf(c)) ? (await requestCounts(db)).new : null;
  const fixityProblems = canSeeFixity(actorOf(c)) ? ((await fixityRuns(db, 1))[0]?.problems.length ?? 0) : 0;
  return c.html(
    <DashboardPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      items={items}
      total={total}
      page={q.data.page}
      pages={Math.max(1, Math.ceil(total / PER_PAGE))}
      status={q.data.status}
      q={q.data.q}
      newRequests={newRequests}
      fixityProblems={fixityProblems}
    />,
  );
}
