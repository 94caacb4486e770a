// The staff's list of publications in every status (issue 18, item 5): search over every field, filters,
// sorting and paging in a GET form; checked rows and a bulk action in a POST form. Works without script.
import { CONTENT_LANGUAGES, KINDS, STATUSES, type LocalizedText } from '../../domain/publication.ts';
import { TRANSLATED_FIELDS, TRANSLATION_LANGUAGES } from '../../domain/translations.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { Session } from '../../store/sessions.ts';
import { STAFF_SORTS, type StaffListItem } from '../../store/staff-lists.ts';
import { languageName, Localized, Pager } from '../../views/components.tsx';
import { href, qs } from '../../views/href.ts';
import type { StaffListQuery } from '../handlers/dashboard.tsx';
import { AdminPage, Csrf, StatusTag, when, type Meta } from './frame.tsx';
import { translateHref } from './translations.tsx';

/** The list's query as URL parameters (page left out), for the pager and the way back from a bulk action. */
export function listParams(q: StaffListQuery): Record<string, string | undefined> {
  const { page: _, ...rest } = q;
  return Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, v === null || (k === 'sort' && v === 'updated') ? undefined : String(v)]),
  );
}

function Choice(props: {
  id: string;
  name: string;
  label: string;
  value: string | null;
  options: Array<[string, string]>;
}) {
  return (
    <p>
      <label for={props.id}>{props.label}</label>{' '}
      <select id={props.id} name={props.name}>
        {props.options.map(([v, text]) => (
          <option value={v} selected={v === (props.value ?? '')}>
            {text}
          </option>
        ))}
      </select>
    </p>
  );
}

function Filters(props: { tr: Translator; q: StaffListQuery }) {
  const { tr, q } = props;
  const t = tr.t;
  const any: [string, string] = ['', t('admin.all')];
  return (
    <form method="get" action={href(tr.lang, '/admin')} class="inline filters">
      <p class="wide">
        <label for="f-q">{t('admin.filter_q')}</label> <input id="f-q" name="q" type="search" value={q.q ?? ''} />
      </p>
      <Choice
        id="f-status"
        name="status"
        label={t('admin.filter_status')}
        value={q.status}
        options={[any, ...STATUSES.map((s): [string, string] => [s, t(`admin.status.${s}`)])]}
      />
      <Choice
        id="f-kind"
        name="kind"
        label={t('pubform.kind')}
        value={q.kind}
        options={[any, ...KINDS.map((k): [string, string] => [k, t(`kind.${k}`)])]}
      />
      <p>
        <label for="f-year">{t('pubform.year')}</label>{' '}
        <input id="f-year" name="year" type="number" min="1900" max="2100" value={q.year ?? ''} class="year" />
      </p>
      <Choice
        id="f-language"
        name="language"
        label={t('finding.language')}
        value={q.language}
        options={[any, ...CONTENT_LANGUAGES.map((l): [string, string] => [l, languageName(tr, l)])]}
      />
      <Choice
        id="f-missing"
        name="missing"
        label={t('finding.missing')}
        value={q.missing}
        options={[['', '—'], ...TRANSLATION_LANGUAGES.map((l): [string, string] => [l, languageName(tr, l)])]}
      />
      <Choice
        id="f-field"
        name="field"
        label={t('finding.field')}
        value={q.field}
        options={[
          ['', t('finding.any_field')],
          ...TRANSLATED_FIELDS.map((f): [string, string] => [f, t(`pubform.${f}`)]),
        ]}
      />
      <Choice
        id="f-files"
        name="files"
        label={t('finding.files')}
        value={q.files}
        options={[any, ['with', t('finding.with_files')], ['without', t('finding.without_files')]]}
      />
      <Choice
        id="f-sort"
        name="sort"
        label={t('finding.sort')}
        value={q.sort}
        options={STAFF_SORTS.map((s): [string, string] => [s, t(`finding.sort.${s}`)])}
      />
      <p>
        <button type="submit">{t('browse.apply')}</button>
      </p>
    </form>
  );
}

function BulkActions(props: {
  tr: Translator;
  topics: Array<{ slug: string; label: LocalizedText }>;
  projects: Array<{ id: number; name: LocalizedText; abbreviation: string | null }>;
  mayPublish: boolean;
}) {
  const { tr } = props;
  const t = tr.t;
  const actions = props.mayPublish
    ? (['publish', 'review', 'topic', 'project', 'withdraw'] as const)
    : (['review', 'topic', 'project'] as const);
  return (
    <fieldset>
      <legend>{t('bulk.legend')}</legend>
      <p>
        <label for="b-action">{t('bulk.action')}</label>{' '}
        <select id="b-action" name="action">
          {actions.map((a) => (
            <option value={a}>{t(`bulk.${a}`)}</option>
          ))}
        </select>
      </p>
      <p>
        <label for="b-topic">{t('bulk.topic_choice')}</label>{' '}
        <select id="b-topic" name="topic">
          <option value="">—</option>
          {props.topics.map((x) => (
            <option value={x.slug}>{tr.pick(x.label, 'en')?.text ?? x.slug}</option>
          ))}
        </select>
      </p>
      <p>
        <label for="b-project">{t('bulk.project_choice')}</label>{' '}
        <select id="b-project" name="project">
          <option value="">—</option>
          {props.projects.map((x) => (
            <option value={String(x.id)}>
              {tr.pick(x.name, 'en')?.text ?? x.id}
              {x.abbreviation ? ` (${x.abbreviation})` : ''}
            </option>
          ))}
        </select>
      </p>
      {props.mayPublish && (
        <p>
          <label for="b-reason">{t('bulk.reason')}</label> <input id="b-reason" name="reason" maxlength={2000} />
        </p>
      )}
      <p>
        <button type="submit">{t('bulk.apply')}</button>
      </p>
    </fieldset>
  );
}

export function DashboardPage(props: {
  meta: Meta;
  session: Session;
  items: StaffListItem[];
  total: number;
  pages: number;
  query: StaffListQuery;
  topics: Array<{ slug: string; label: LocalizedText }>;
  projects: Array<{ id: number; name: LocalizedText; abbreviation: string | null }>;
  mayPublish: boolean;
  newRequests: number | null;
  /** Damaged or missing files the latest fixity check found (admins only; 0 otherwise). */
  fixityProblems: number;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const q = props.query;
  const params = listParams(q);
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
      <Filters tr={tr} q={q} />
      <p>
        {t('browse.count', { count: props.total })} ·{' '}
        <a href={href(tr.lang, '/admin/translations')}>{t('translations.title')}</a>
      </p>
      <form method="post" action={href(tr.lang, '/admin/bulk')}>
        <Csrf session={props.session} />
        <input type="hidden" name="back" value={qs({ ...params, page: q.page > 1 ? q.page : undefined })} />
        <table>
          <thead>
            <tr>
              <th scope="col">
                <span class="vh">{t('bulk.check')}</span>
              </th>
              <th scope="col">{t('pubform.title')}</th>
              <th scope="col">{t('pubform.year')}</th>
              <th scope="col">{t('pubstatus.title')}</th>
              {q.missing ? (
                <th scope="col">{t('finding.missing_in', { language: languageName(tr, q.missing) })}</th>
              ) : (
                <th scope="col">{t('admin.updated')}</th>
              )}
            </tr>
          </thead>
          <tbody>
            {props.items.map((p) => (
              <tr>
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value={String(p.id)}
                    id={`c-${p.id}`}
                    aria-labelledby={`t-${p.id}`}
                  />
                </td>
                <td>
                  <a id={`t-${p.id}`} href={href(tr.lang, `/admin/publications/${p.slug}`)}>
                    <Localized tr={tr} value={p.title} original={p.original_language} />
                  </a>
                  <br />
                  <small>
                    {t(`kind.${p.kind}`)} · {p.slug}
                  </small>
                </td>
                <td>{p.year ?? '—'}</td>
                <td>
                  <StatusTag tr={tr} status={p.status} />
                </td>
                {q.missing ? (
                  <td>
                    {p.missing.map((f, i) => (
                      <>
                        {i > 0 && ', '}
                        <a href={translateHref(tr, p.slug, f, q.missing!)}>{t(`pubform.${f}`)}</a>
                      </>
                    ))}
                  </td>
                ) : (
                  <td>{when(tr, p.updated_at)}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {props.items.length > 0 && (
          <BulkActions tr={tr} topics={props.topics} projects={props.projects} mayPublish={props.mayPublish} />
        )}
      </form>
      <Pager tr={tr} base="/admin" params={params} page={q.page} pages={props.pages} />
    </AdminPage>
  );
}
