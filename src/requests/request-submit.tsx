// POST /publications/:slug/order and /contact — a reader's request: 303 to the thanks; 422 with the form
// and messages; 429 (Retry-After) past REQUEST_LIMIT an hour from one address. A filled honeypot is
// answered like a success and dropped. Stored for the inbox, then mailed to staff in the background.
import { clientAddress } from '../auth/address.ts';
import { hit, limitKey, retryAfter } from '../store/rate-limits.ts';
import { createRequest } from '../store/requests.ts';
import { href } from '../views/href.ts';
import { pageMeta, type Ctx } from '../http/context.ts';
import { inputRefused } from '../http/input-check.ts';
import { HONEYPOT, REQUEST_FIELDS, requestFieldError, requestSchemas, type RequestValues } from './form.ts';
import { notifyStaff } from './mail.ts';
import { requestablePublication, requestKind } from './publication.ts';
import { RequestPage, type RequestFormState } from './views.tsx';

export async function requestSubmit(c: Ctx) {
  const kind = requestKind(c);
  const p = await requestablePublication(c, kind);
  const { db, config } = c.var.deps;
  const body = await c.req.parseBody();
  const values = Object.fromEntries(
    REQUEST_FIELDS[kind].map((f) => [f, typeof body[f] === 'string' ? body[f] : '']),
  ) as Partial<RequestValues>;
  const render = (state: RequestFormState, status: 400 | 422 | 429, headers: Record<string, string> = {}) =>
    c.html(<RequestPage meta={pageMeta(c)} kind={kind} p={p} state={state} />, status, headers);
  // Control characters were removed (src/http/input-check.ts): the form again, to check and send, uncharged.
  if (inputRefused(c)) return render({ values, errors: {}, message: c.var.tr.t('error.control_characters') }, 400);
  const limit = {
    bucket: 'request-address',
    key: limitKey(clientAddress(c)),
    max: config.REQUEST_LIMIT,
    windowSeconds: 3600,
  };
  if ((await hit(db, limit)) > config.REQUEST_LIMIT) {
    const wait = await retryAfter(db, limit);
    return render(
      { values, errors: {}, message: c.var.tr.t('request.too_many', { count: Math.ceil(wait / 60) }) },
      429,
      { 'Retry-After': String(wait) },
    );
  }
  const sent = href(c.var.tr.lang, `/publications/${p.slug}/${kind}?sent=1`);
  if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') return c.redirect(sent, 303);
  const parsed = requestSchemas[kind].safeParse(values);
  if (!parsed.success) {
    const errors = Object.fromEntries(
      parsed.error.issues.reverse().map((i) => [String(i.path[0]), requestFieldError(String(i.path[0]), i.code)]),
    );
    return render({ values, errors }, 422);
  }
  const request = { publication_id: p.id, kind, language: c.var.tr.lang, ...parsed.data };
  const id = await createRequest(db, request);
  notifyStaff(c.var.deps, { id, ...request }, p, pageMeta(c).origin);
  return c.redirect(sent, 303);
}
