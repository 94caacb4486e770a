// GET /admin/requests — readers' requests, newest first, by status.
import { z } from 'zod';
import { canHandleRequests } from '../../policies.ts';
import { REQUEST_STATUSES, requestCounts, requestsByStatus } from '../../store/requests.ts';
import { pageMeta } from '../../http/context.ts';
import { badParams } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { InboxPage } from '../views/requests.tsx';

const query = z.object({
  status: z
    .enum(REQUEST_STATUSES)
    .or(z.literal(''))
    .optional()
    .transform((v) => v || null),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
const PER_PAGE = 50;

export async function requestsInbox(c: StaffCtx) {
  allow(canHandleRequests(actorOf(c)));
  const q = query.safeParse(c.req.query());
  if (!q.success) throw badParams(q.error);
  const db = c.var.deps.db;
  const { total, items } = await requestsByStatus(db, q.data.status, q.data.page, PER_PAGE);
  return c.html(
    <InboxPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      items={items}
      counts={await requestCounts(db)}
      status={q.data.status}
      page={q.data.page}
      pages={Math.max(1, Math.ceil(total / PER_PAGE))}
    />,
  );
}
