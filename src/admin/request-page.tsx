// The page of one reader's request, shared by its handlers: the request, its notes and replies, and the forms.
import { isUiLang, translator } from '../i18n/i18n.ts';
import { pageMeta } from '../http/context.ts';
import { notFound } from '../http/errors.tsx';
import { canHandleRequests } from '../policies.ts';
import { requestById, requestMessages, type ReaderRequest } from '../store/requests.ts';
import { actorOf, allow, appCtx, type StaffCtx } from './guard.ts';
import { RequestPage, type RequestPageState } from './views/requests.tsx';

/** The request named by the address, for someone who may handle requests; 404 when there is none. */
export async function requireRequest(c: StaffCtx): Promise<ReaderRequest> {
  allow(canHandleRequests(actorOf(c)));
  const id = c.req.param('id') ?? '';
  const r = /^\d{1,9}$/.test(id) ? await requestById(c.var.deps.db, Number(id)) : null;
  if (!r) throw notFound();
  return r;
}

/** The subject a reply gets unless staff change it: in the language the reader wrote in. */
export function replySubject(r: ReaderRequest): string {
  const tr = translator(isUiLang(r.language) ? r.language : 'en');
  const title = tr.pick(r.publication_title, r.original_language ?? undefined)?.text;
  return title ? tr.t('reply.subject', { title }) : tr.t('reply.subject_plain');
}

export async function renderRequestPage(c: StaffCtx, r: ReaderRequest, state: RequestPageState, status = 200) {
  return c.html(
    <RequestPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      r={r}
      messages={await requestMessages(c.var.deps.db, r.id)}
      canMail={!!c.var.deps.config.SMTP_URL}
      replySubject={replySubject(r)}
      state={state}
    />,
    status as 200,
  );
}
