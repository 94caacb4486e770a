// A publication's history: each change with who, when and what changed field by field; older versions can be restored.
import type { MessageKey } from '../../i18n/i18n.ts';
import type { FieldChange } from '../../history/diff.ts';
import type { Change } from '../../store/history.ts';
import type { Session } from '../../store/sessions.ts';
import { href } from '../../views/href.ts';
import { changeLabel, changeValue } from '../history-words.ts';
import { AdminPage, Csrf, when, type Meta } from './frame.tsx';

/** "through the API, token “nightly import”": a change made with an API token (issue 18), named while the token is kept. */
export const viaApi = (t: Meta['tr']['t'], name: string | null) =>
  name === null ? t('history.via_api') : t('history.via_api_token', { name });

export interface HistoryEntry {
  change: Change;
  diff: FieldChange[];
  restorable: boolean;
}

export function HistoryPage(props: {
  meta: Meta;
  session: Session;
  slug: string;
  title: string;
  entries: HistoryEntry[];
}) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('history.title', { title: props.title })}>
      <h1>{t('history.title', { title: props.title })}</h1>
      <p>
        <a href={href(tr.lang, `/admin/publications/${props.slug}`)}>{t('history.back')}</a>
      </p>
      {props.entries.length === 0 && <p>{t('history.empty')}</p>}
      {props.entries.map(({ change: ch, diff, restorable }) => (
        <section aria-labelledby={`ch-${ch.id}`}>
          <h2 id={`ch-${ch.id}`}>
            {when(tr, ch.created_at)} · {t(`history.action.${ch.action}` as MessageKey)} ·{' '}
            {ch.user_email ?? t('history.nobody')}
            {ch.api_token_id !== null && <> · {viaApi(t, ch.api_token_name)}</>}
          </h2>
          {ch.note && <p>{ch.action === 'imported' ? t('history.import_source', { source: ch.note }) : ch.note}</p>}
          {ch.action === 'baseline' ? (
            <p>{t('history.baseline')}</p>
          ) : diff.length === 0 ? (
            <p>{t('history.no_diff')}</p>
          ) : (
            <table class="diff">
              <thead>
                <tr>
                  <th scope="col">{t('history.field')}</th>
                  <th scope="col">{t('history.before')}</th>
                  <th scope="col">{t('history.after')}</th>
                </tr>
              </thead>
              <tbody>
                {diff.map((d) => (
                  <tr>
                    <th scope="row">{changeLabel(tr, d)}</th>
                    <td>
                      <del>{changeValue(tr, d.field, d.before)}</del>
                    </td>
                    <td>
                      <ins>{changeValue(tr, d.field, d.after)}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {restorable && (
            <form method="post" action={href(tr.lang, `/admin/publications/${props.slug}/history/${ch.id}/restore`)}>
              <Csrf session={props.session} />
              <button type="submit">{t('history.restore')}</button>
            </form>
          )}
        </section>
      ))}
    </AdminPage>
  );
}
