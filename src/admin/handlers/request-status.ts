// POST /admin/requests/:id — new → in progress → done.
import { REQUEST_STATUSES, setRequestStatus, type RequestStatus } from '../../store/requests.ts';
import { href } from '../../views/href.ts';
import { HttpError } from '../../http/errors.tsx';
import { requireRequest } from '../request-page.tsx';
import { actorOf, type StaffCtx } from '../guard.ts';

export async function requestStatus(c: StaffCtx) {
  const r = await requireRequest(c);
  const status = String((await c.req.parseBody()).status ?? '') as RequestStatus;
  // Only a hand-made request can send another value: the form offers a select.
  if (!REQUEST_STATUSES.includes(status)) throw new HttpError(422, 'invalid', 'form.invalid');
  await setRequestStatus(c.var.deps.db, r.id, status, actorOf(c).id);
  return c.redirect(href(c.var.tr.lang, `/admin/requests/${r.id}?saved=status`), 303);
}
