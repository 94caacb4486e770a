// GET /admin/requests/:id — one reader's request.
import { canHandleRequests } from '../../policies.ts';
import { requestById } from '../../store/requests.ts';
import { pageMeta } from '../../http/context.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { RequestPage } from '../views/requests.tsx';

export async function requestShow(c: StaffCtx) {
  allow(canHandleRequests(actorOf(c)));
  const r = await requestById(c.var.deps.db, Number(c.req.param('id')) || 0);
  if (!r) throw notFound();
  return c.html(
    <RequestPage meta={pageMeta(appCtx(c))} session={c.var.session} r={r} notice={!!c.req.query('saved')} />,
  );
}
