// The file checks: when each ran, how many files it read, and the damaged or missing files of the latest.
import type { MessageKey } from '../../i18n/i18n.ts';
import type { Session } from '../../store/sessions.ts';
import type { FixityRun } from '../../store/fixity.ts';
import { AdminPage, when, type Meta } from './frame.tsx';

export function FixityPage(props: { meta: Meta; session: Session; runs: FixityRun[]; intervalHours: number }) {
  const { tr } = props.meta;
  const t = tr.t;
  const latest = props.runs[0];
  const result = (r: FixityRun) =>
    r.problems.length ? t('fixity.problems', { count: r.problems.length }) : t('fixity.all_good');
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('fixity.title')}>
      <h1>{t('fixity.title')}</h1>
      <p>{t('fixity.intro', { hours: props.intervalHours })}</p>
      {props.intervalHours === 0 && <p class="notice">{t('fixity.off')}</p>}
      {latest?.problems.length ? (
        <>
          <h2 class="error">{t('fixity.latest')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fixity.file')}</th>
                <th scope="col">{t('fixity.state')}</th>
                <th scope="col">{t('fixity.used_by')}</th>
              </tr>
            </thead>
            <tbody>
              {latest.problems.map((p) => (
                <tr>
                  <td>
                    <code class="sha">{p.sha256}</code>
                  </td>
                  <td>{t(`fixity.state.${p.state}` as MessageKey)}</td>
                  <td>
                    {p.used_by.map((u, i) => (
                      <>
                        {i > 0 && <br />}
                        {u}
                      </>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {props.runs.length === 0 ? (
        <p>{t('fixity.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fixity.started')}</th>
              <th scope="col">{t('fixity.trigger')}</th>
              <th scope="col">{t('fixity.checked')}</th>
              <th scope="col">{t('fixity.result')}</th>
            </tr>
          </thead>
          <tbody>
            {props.runs.map((r) => (
              <tr>
                <td>{when(tr, r.started_at)}</td>
                <td>{t(`fixity.trigger.${r.trigger}` as MessageKey)}</td>
                <td>{r.files_checked}</td>
                <td>{result(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminPage>
  );
}
