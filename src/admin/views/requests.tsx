// The inbox of readers' requests, and one request with its status form.
import type { FieldError } from '../../http/forms.ts';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import { REQUEST_STATUSES, type ReaderRequest, type RequestMessage, type RequestStatus } from '../../store/requests.ts';
import type { Session } from '../../store/sessions.ts';
import { languageName, Localized, Pager } from '../../views/components.tsx';
import { href } from '../../views/href.ts';
import { AdminPage, Csrf, ErrorSummary, FieldMessage, fieldAttrs, StatusTag, when, type Meta } from './frame.tsx';

export function InboxPage(props: {
  meta: Meta;
  session: Session;
  items: ReaderRequest[];
  counts: Record<RequestStatus, number>;
  status: RequestStatus | null;
  page: number;
  pages: number;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('admin.requests')}>
      <h1>{t('admin.requests')}</h1>
      <nav aria-label={t('inbox.filter')}>
        <a href={href(tr.lang, '/admin/requests')} aria-current={props.status === null ? 'page' : undefined}>
          {t('admin.all')}
        </a>
        {REQUEST_STATUSES.map((s) => (
          <>
            {' '}
            ·{' '}
            <a
              href={href(tr.lang, `/admin/requests?status=${s}`)}
              aria-current={props.status === s ? 'page' : undefined}
            >
              {t(`admin.status.${s}`)} ({props.counts[s]})
            </a>
          </>
        ))}
      </nav>
      {props.items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('inbox.received')}</th>
              <th scope="col">{t('inbox.kind')}</th>
              <th scope="col">{t('inbox.name')}</th>
              <th scope="col">{t('inbox.language')}</th>
              <th scope="col">{t('inbox.publication')}</th>
              <th scope="col">{t('pubstatus.title')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((r) => (
              <tr>
                <td>
                  <a href={href(tr.lang, `/admin/requests/${r.id}`)}>{when(tr, r.created_at)}</a>
                </td>
                <td>
                  {t(`inbox.kind.${r.kind}` as MessageKey)}
                  {r.quantity ? ` × ${r.quantity}` : ''}
                </td>
                <td>{r.name}</td>
                <td>{languageName(tr, r.language)}</td>
                <td>
                  {r.publication_title ? (
                    <Localized tr={tr} value={r.publication_title} original={r.original_language ?? undefined} />
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <StatusTag tr={tr} status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        tr={tr}
        base="/admin/requests"
        params={{ status: props.status ?? undefined }}
        page={props.page}
        pages={props.pages}
      />
    </AdminPage>
  );
}

/** What the request page's forms carry back: the notice after a redirect, or the values and problems of a form. */
export interface RequestPageState {
  notice?: MessageKey;
  errors?: FieldError[];
  /** The values of the note or reply form sent back with errors. */
  note?: string;
  reply?: { subject: string; body: string };
}

/** A note or a reply in the request's thread: who, when, the text, and for a reply whether it was sent. */
function Message(props: { tr: Translator; m: RequestMessage }) {
  const { tr, m } = props;
  const t = tr.t;
  const who = m.user_email ?? t('history.nobody');
  return (
    <li class={`message message-${m.kind}`}>
      <p>
        <strong>
          {m.kind === 'note' ? t('inbox.entry.note', { who }) : t('inbox.entry.reply', { who, to: m.sent_to ?? '' })}
        </strong>{' '}
        · {when(tr, m.created_at)}
      </p>
      {m.subject && (
        <p>
          {t('inbox.reply.subject')}: {m.subject}
        </p>
      )}
      <p class="message-body">{m.body}</p>
      {m.kind === 'reply' &&
        (m.sent_at ? (
          <p class="ok">{t('inbox.entry.sent', { when: when(tr, m.sent_at) })}</p>
        ) : (
          <p class="error">{t('inbox.entry.failed', { reason: m.mail_error ?? '' })}</p>
        ))}
    </li>
  );
}

export function RequestPage(props: {
  meta: Meta;
  session: Session;
  r: ReaderRequest;
  messages: RequestMessage[];
  /** Whether replies can be mailed (SMTP_URL is set). */
  canMail: boolean;
  /** The reply's subject as the reader will read it, in their language. */
  replySubject: string;
  state: RequestPageState;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { r, state } = props;
  const errors = state.errors ?? [];
  const row = (key: MessageKey, value: string | number | null | undefined) =>
    value === null || value === undefined || value === '' ? null : (
      <>
        <dt>{t(key)}</dt>
        <dd>{value}</dd>
      </>
    );
  const base = href(tr.lang, `/admin/requests/${r.id}`);
  return (
    <AdminPage meta={props.meta} session={props.session} title={t(`inbox.kind.${r.kind}` as MessageKey)}>
      <h1>
        {t(`inbox.kind.${r.kind}` as MessageKey)} <StatusTag tr={tr} status={r.status} />
      </h1>
      {state.notice && (
        <p class="ok" role="status">
          {t(state.notice)}
        </p>
      )}
      <ErrorSummary
        tr={tr}
        errors={errors}
        labels={{ note: t('inbox.note.label'), subject: t('inbox.reply.subject'), body: t('inbox.reply.body') }}
      />
      <p>
        <a href={href(tr.lang, '/admin/requests')}>{t('inbox.back')}</a>
      </p>
      <dl class="fields">
        {row('inbox.received', when(tr, r.created_at))}
        {r.publication_slug && (
          <>
            <dt>{t('inbox.publication')}</dt>
            <dd>
              <a href={href(tr.lang, `/admin/publications/${r.publication_slug}`)}>
                <Localized tr={tr} value={r.publication_title} original={r.original_language ?? undefined} />
              </a>
            </dd>
          </>
        )}
        {row('inbox.name', r.name)}
        {row('inbox.organisation', r.organisation)}
        <dt>{t('inbox.email')}</dt>
        <dd>
          <a href={`mailto:${r.email}`}>{r.email}</a>
        </dd>
        {row('inbox.quantity', r.quantity)}
        {row('inbox.address', r.postal_address)}
        {row('inbox.message', r.message)}
        {row('inbox.language', languageName(tr, r.language))}
        {row('inbox.mailed', r.mailed_at ? when(tr, r.mailed_at) : null)}
        {row('inbox.mail_error', r.mail_error)}
        {row('inbox.handled_by', r.handled_by_email)}
      </dl>
      <form method="post" action={base} class="inline">
        <Csrf session={props.session} />
        <p>
          <label for="f-status">{t('pubstatus.new')}</label>{' '}
          <select id="f-status" name="status">
            {REQUEST_STATUSES.map((s) => (
              <option value={s} selected={s === r.status}>
                {t(`admin.status.${s}`)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit">{t('pubstatus.change')}</button>
        </p>
      </form>
      <section aria-labelledby="thread-h">
        <h2 id="thread-h">{t('inbox.thread')}</h2>
        {props.messages.length === 0 ? (
          <p>{t('inbox.thread_empty')}</p>
        ) : (
          <ol class="thread">
            {props.messages.map((m) => (
              <Message tr={tr} m={m} />
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="reply-h">
        <h2 id="reply-h">{t('inbox.reply.title')}</h2>
        {!props.canMail && <p>{t('inbox.reply.no_mail')}</p>}
        <form method="post" action={`${base}/reply`} class="stack">
          <Csrf session={props.session} />
          <p>{t('inbox.reply.to', { email: r.email, language: languageName(tr, r.language) })}</p>
          <p>
            <label class="block" for="f-subject">
              {t('inbox.reply.subject')}
            </label>
            <input
              {...fieldAttrs(errors, 'subject')}
              value={state.reply?.subject ?? props.replySubject}
              maxlength={200}
            />
            <FieldMessage tr={tr} errors={errors} field="subject" />
          </p>
          <p>
            <label class="block" for="f-body">
              {t('inbox.reply.body')}
            </label>
            <textarea {...fieldAttrs(errors, 'body')} rows={8}>
              {state.reply?.body ?? ''}
            </textarea>
            <FieldMessage tr={tr} errors={errors} field="body" />
          </p>
          <p>
            <label for="f-done">
              <input type="checkbox" id="f-done" name="done" /> {t('inbox.reply.done')}
            </label>
          </p>
          <p>
            <button type="submit">{t('inbox.reply.send')}</button>
          </p>
        </form>
      </section>
      <section aria-labelledby="note-h">
        <h2 id="note-h">{t('inbox.note.title')}</h2>
        <form method="post" action={`${base}/notes`} class="stack">
          <Csrf session={props.session} />
          <p>
            <label class="block" for="f-note">
              {t('inbox.note.label')}
            </label>
            <textarea {...fieldAttrs(errors, 'note')} rows={3}>
              {state.note ?? ''}
            </textarea>
            <FieldMessage tr={tr} errors={errors} field="note" />
          </p>
          <p>
            <button type="submit">{t('inbox.note.save')}</button>
          </p>
        </form>
      </section>
    </AdminPage>
  );
}
