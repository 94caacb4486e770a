// The inbox of readers' requests, and one request with its status form.
import type { MessageKey } from '../../i18n/i18n.ts';
import { REQUEST_STATUSES, type ReaderRequest, type RequestStatus } from '../../store/requests.ts';
import type { Session } from '../../store/sessions.ts';
import { Localized, Pager } from '../../views/components.tsx';
import { href } from '../../views/href.ts';
import { AdminPage, Csrf, StatusTag, when, type Meta } from './frame.tsx';

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
              <th scope="col">{t('request.name')}</th>
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

export function RequestPage(props: { meta: Meta; session: Session; r: ReaderRequest; notice?: boolean }) {
  const { tr } = props.meta;
  const t = tr.t;
  const { r } = props;
  const row = (key: MessageKey, value: string | number | null | undefined) =>
    value === null || value === undefined || value === '' ? null : (
      <>
        <dt>{t(key)}</dt>
        <dd>{value}</dd>
      </>
    );
  return (
    <AdminPage meta={props.meta} session={props.session} title={t(`inbox.kind.${r.kind}` as MessageKey)}>
      <h1>
        {t(`inbox.kind.${r.kind}` as MessageKey)} <StatusTag tr={tr} status={r.status} />
      </h1>
      {props.notice && (
        <p class="ok" role="status">
          {t('admin.saved')}
        </p>
      )}
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
        {row('request.name', r.name)}
        {row('request.organisation', r.organisation)}
        <dt>{t('request.email')}</dt>
        <dd>
          <a href={`mailto:${r.email}`}>{r.email}</a>
        </dd>
        {row('request.quantity', r.quantity)}
        {row('request.address', r.postal_address)}
        {row('request.message', r.message)}
        {row('inbox.language', r.language)}
        {row('inbox.mailed', r.mailed_at ? when(tr, r.mailed_at) : null)}
        {row('inbox.mail_error', r.mail_error)}
        {row('inbox.handled_by', r.handled_by_email)}
      </dl>
      <form method="post" action={href(tr.lang, `/admin/requests/${r.id}`)} class="inline">
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
    </AdminPage>
  );
}
