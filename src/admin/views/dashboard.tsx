// The staff's list of publications in every status, with a filter by status and words of the title.
import { STATUSES } from '../../domain/publication.ts';
import type { StaffListItem } from '../../store/staff-lists.ts';
import type { Session } from '../../store/sessions.ts';
import { Localized, Pager } from '../../views/components.tsx';
import { href } from '../../views/href.ts';
import { AdminPage, StatusTag, when, type Meta } from './frame.tsx';

export function DashboardPage(props: {
  meta: Meta;
  session: Session;
  items: StaffListItem[];
  total: number;
  page: number;
  pages: number;
  status: string | null;
  q: string | null;
  newRequests: number | null;
  /** Damaged or missing files the latest fixity check found (admins only; 0 otherwise). */
  fixityProblems: number;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('admin.publications')}>
      <h1>{t('admin.publications')}</h1>
      {props.newRequests ? (
        <p class="notice">
          <a href={href(tr.lang, '/admin/requests?status=new')}>
            {t('admin.new_requests', { count: props.newRequests })}
          </a>
        </p>
      ) : null}
      {props.fixityProblems ? (
        <p class="notice error" role="alert">
          <a href={href(tr.lang, '/admin/fixity')}>{t('fixity.alert', { count: props.fixityProblems })}</a>
        </p>
      ) : null}
      <form method="get" action={href(tr.lang, '/admin')} class="inline">
        <p>
          <label for="f-status">{t('admin.filter_status')}</label>{' '}
          <select id="f-status" name="status">
            <option value="">{t('admin.all')}</option>
            {STATUSES.map((s) => (
              <option value={s} selected={s === props.status}>
                {t(`admin.status.${s}`)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="f-q">{t('admin.filter_q')}</label> <input id="f-q" name="q" value={props.q ?? ''} />
        </p>
        <p>
          <button type="submit">{t('browse.apply')}</button>
        </p>
      </form>
      <p>{t('browse.count', { count: props.total })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('pubform.title')}</th>
            <th scope="col">{t('pubform.year')}</th>
            <th scope="col">{t('pubstatus.title')}</th>
            <th scope="col">{t('admin.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((p) => (
            <tr>
              <td>
                <a href={href(tr.lang, `/admin/publications/${p.slug}`)}>
                  <Localized tr={tr} value={p.title} original={p.original_language} />
                </a>
              </td>
              <td>{p.year ?? '—'}</td>
              <td>
                <StatusTag tr={tr} status={p.status} />
              </td>
              <td>{when(tr, p.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        tr={tr}
        base="/admin"
        params={{ status: props.status ?? undefined, q: props.q ?? undefined }}
        page={props.page}
        pages={props.pages}
      />
    </AdminPage>
  );
}
