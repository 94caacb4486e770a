// POST /admin/requests/:id — new → in progress → done.
import { canHandleRequests } from '../../policies.ts';
import { REQUEST_STATUSES, requestById, setRequestStatus, type RequestStatus } from '../../store/requests.ts';
import { href } from '../../views/href.ts';
import { HttpError, notFound } from '../../http/errors.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function requestStatus(c: StaffCtx) {
  allow(canHandleRequests(actorOf(c)));
  const db = c.var.deps.db;
  const r = await requestById(db, Number(c.req.param('id')) || 0);
  if (!r) throw notFound();
  const status = String((await c.req.parseBody()).status ?? '') as RequestStatus;
  // Only a hand-made request can send another value: the form offers a select.
  if (!REQUEST_STATUSES.includes(status)) throw new HttpError(422, 'invalid', 'form.invalid');
  await setRequestStatus(db, r.id, status, actorOf(c).id);
  return c.redirect(href(c.var.tr.lang, `/admin/requests/${r.id}?saved=1`), 303);
}
