// What a bulk action on the staff list did (issue 18, item 5): changed, already so, refused with the reason.
import type { LocalizedText, Status } from '../../domain/publication.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { Session } from '../../store/sessions.ts';
import { Localized } from '../../views/components.tsx';
import { href } from '../../views/href.ts';
import { AdminPage, StatusTag, type Meta } from './frame.tsx';

export const BULK_ACTIONS = ['publish', 'review', 'topic', 'project', 'withdraw'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface BulkOutcome {
  id: number;
  slug: string;
  status: Status;
  title: LocalizedText;
  original_language: string;
  outcome: 'done' | 'unchanged' | 'refused';
  why: MessageKey | null;
}

export function BulkResultPage(props: {
  meta: Meta;
  session: Session;
  action: BulkAction | null;
  outcomes: BulkOutcome[];
  problem: MessageKey | null;
  back: string;
  /** Checked publications that no longer exist (deleted meanwhile). */
  gone: number;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const title = props.action ? t('bulk.result_title', { action: t(`bulk.${props.action}`) }) : t('bulk.legend');
  const groups = [
    ['done', 'bulk.done'],
    ['unchanged', 'bulk.unchanged'],
    ['refused', 'bulk.refused'],
  ] as const;
  return (
    <AdminPage meta={props.meta} session={props.session} title={title}>
      <h1>{title}</h1>
      {props.problem && (
        <p class="error" role="alert">
          {t(props.problem)}
        </p>
      )}
      {groups.map(([outcome, key]) => {
        const rows = props.outcomes.filter((o) => o.outcome === outcome);
        if (!rows.length) return null;
        return (
          <section aria-labelledby={`b-${outcome}`}>
            <h2 id={`b-${outcome}`}>{t(key, { count: rows.length })}</h2>
            <ul>
              {rows.map((o) => (
                <li>
                  <a href={href(tr.lang, `/admin/publications/${o.slug}`)}>
                    <Localized tr={tr} value={o.title} original={o.original_language} />
                  </a>{' '}
                  <StatusTag tr={tr} status={o.status} />
                  {o.why && <> — {t(o.why, { status: t(`admin.status.${o.status}`) })}</>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {props.gone > 0 && <p>{t('bulk.gone', { count: props.gone })}</p>}
      <p>
        <a href={href(tr.lang, '/admin') + props.back}>{t('bulk.back')}</a>
      </p>
    </AdminPage>
  );
}
