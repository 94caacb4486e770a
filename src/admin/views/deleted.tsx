// Deleting (issue 18): the question before a draft is deleted, and the list of what was deleted or merged away
// in the last 30 days, with the button that undoes it.
import type { LocalizedText } from '../../domain/publication.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { DeletedPublication } from '../../store/deleted.ts';
import type { EntityChange } from '../../store/entity-changes.ts';
import type { Session } from '../../store/sessions.ts';
import { Localized } from '../../views/components.tsx';
import { href } from '../../views/href.ts';
import { AdminPage, Csrf, when, type Meta } from './frame.tsx';
import { viaApi } from './history.tsx';

export function DeletePublicationPage(props: {
  meta: Meta;
  session: Session;
  slug: string;
  title: LocalizedText;
  original: string;
  files: number;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const title = tr.pick(props.title, props.original)?.text ?? props.slug;
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('delete.title', { title })}>
      <h1>{t('delete.title', { title })}</h1>
      <p>{t('delete.explain', { count: props.files })}</p>
      <form method="post" action={href(tr.lang, `/admin/publications/${props.slug}/delete`)}>
        <Csrf session={props.session} />
        <p>
          <button type="submit">{t('delete.confirm')}</button>{' '}
          <a href={href(tr.lang, `/admin/publications/${props.slug}`)}>{t('delete.cancel')}</a>
        </p>
      </form>
    </AdminPage>
  );
}

/** The entity's name as it was: its names map, or a person's names. */
const beforeName = (c: EntityChange) =>
  ((c.before.names ?? c.before.name ?? c.before.label) as LocalizedText | undefined) ?? {};

export function DeletedPage(props: {
  meta: Meta;
  session: Session;
  publications: DeletedPublication[];
  entities: EntityChange[];
  mayUndo: boolean;
  notice?: string;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const undo = (action: string, label: string) =>
    props.mayUndo && (
      <form method="post" action={href(tr.lang, action)} class="inline">
        <Csrf session={props.session} />
        <button type="submit">{label}</button>
      </form>
    );
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('deleted.title')}>
      <h1>{t('deleted.title')}</h1>
      {props.notice && (
        <p class="ok" role="status">
          {t(props.notice as MessageKey)}
        </p>
      )}
      <p>{t(props.mayUndo ? 'deleted.explain_admin' : 'deleted.explain')}</p>
      <h2>{t('admin.publications')}</h2>
      {props.publications.length === 0 ? (
        <p>{t('deleted.none')}</p>
      ) : (
        <ul>
          {props.publications.map((d) => (
            <li>
              <Localized tr={tr} value={d.title} original={d.original_language} /> ({d.slug}) ·{' '}
              {t('deleted.by', { who: d.user_email ?? '—', when: when(tr, d.deleted_at) })}
              {d.api_token_id !== null && ` (${viaApi(t, d.api_token_name)})`}
              {d.restored_at ? (
                <>
                  {' '}
                  · <a href={href(tr.lang, `/admin/publications/${d.slug}`)}>{t('deleted.was_restored')}</a>
                </>
              ) : (
                undo(`/admin/deleted/${d.id}/restore`, t('deleted.undo'))
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('admin.entities')}</h2>
      {props.entities.length === 0 ? (
        <p>{t('deleted.none')}</p>
      ) : (
        <ul>
          {props.entities.map((c) => (
            <li>
              {t(`entity.${c.type}`)}: <Localized tr={tr} value={beforeName(c)} /> ({String(c.before.slug)}) ·{' '}
              {t(c.action === 'merged' ? 'deleted.merged' : 'deleted.deleted')} ·{' '}
              {t('deleted.by', { who: c.user_email ?? '—', when: when(tr, c.created_at) })}
              {c.api_token_id !== null && ` (${viaApi(t, c.api_token_name)})`}
              {c.undone_at ? (
                <> · {t('deleted.was_restored')}</>
              ) : (
                undo(`/admin/entity-changes/${c.id}/undo`, t('deleted.undo'))
              )}
            </li>
          ))}
        </ul>
      )}
    </AdminPage>
  );
}
