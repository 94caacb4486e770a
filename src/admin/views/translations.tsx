// Translations (issue 18, item 4): the languages of a record's fields on its staff page, the side-by-side
// editor of one field, and the overview of what is missing in each language.
import { CONTENT_LANGUAGES, type LocalizedText } from '../../domain/publication.ts';
import {
  hasLanguage,
  lacks,
  TRANSLATED_FIELDS,
  TRANSLATION_LANGUAGES,
  type TranslatedField,
  type TranslationLanguage,
} from '../../domain/translations.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { FieldError } from '../../http/forms.ts';
import type { Session } from '../../store/sessions.ts';
import type { PublicationRef } from '../../store/snapshots.ts';
import type { LinkedEntityNames } from '../../store/staff-lists.ts';
import { languageName } from '../../views/components.tsx';
import { href, qs } from '../../views/href.ts';
import { AdminPage, Csrf, ErrorSummary, FieldMessage, fieldAttrs, type Meta } from './frame.tsx';

const ENTITY_ROWS = ['organisations', 'projects', 'topics'] as const;

/** The address of the side-by-side editor of one field. */
export const translateHref = (tr: Translator, slug: string, field: TranslatedField, lang?: string) =>
  href(tr.lang, `/admin/publications/${slug}/translate`) + qs({ field, lang });

/**
 * Which fields exist in which language: a table of fields by language, each gap a link to the editor; the
 * names of the organisations, projects and topics it names, each gap a link to that entity's page.
 */
export function TranslationStatus(props: {
  tr: Translator;
  slug: string;
  fields: Record<TranslatedField, LocalizedText>;
  entities: LinkedEntityNames[];
  editable: boolean;
}) {
  const { tr } = props;
  const t = tr.t;
  const used = TRANSLATED_FIELDS.filter((f) => Object.keys(props.fields[f]).length > 0);
  return (
    <section aria-labelledby="tr-h">
      <h2 id="tr-h">{t('translations.heading')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('translations.field')}</th>
            {TRANSLATION_LANGUAGES.map((l) => (
              <th scope="col">{languageName(tr, l)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {used.map((f) => (
            <tr>
              <th scope="row">
                {props.editable ? (
                  <a href={translateHref(tr, props.slug, f)}>{t(`pubform.${f}`)}</a>
                ) : (
                  t(`pubform.${f}`)
                )}
              </th>
              {TRANSLATION_LANGUAGES.map((l) => (
                <td>
                  {hasLanguage(props.fields[f], l) ? (
                    <span class="tr-ok">✓ {t('translations.present')}</span>
                  ) : props.editable ? (
                    <a class="tr-gap" href={translateHref(tr, props.slug, f, l)}>
                      {t('translations.missing')}
                    </a>
                  ) : (
                    <span class="tr-gap">{t('translations.missing')}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
          {ENTITY_ROWS.map((type) => {
            const rows = props.entities.filter((e) => e.type === type);
            if (!rows.length) return null;
            return (
              <tr>
                <th scope="row">{t(`pubform.${type}`)}</th>
                {TRANSLATION_LANGUAGES.map((l) => {
                  const gaps = rows.filter((e) => lacks(e.names, l));
                  return (
                    <td>
                      {gaps.length === 0 ? (
                        <span class="tr-ok">✓ {t('translations.present')}</span>
                      ) : (
                        gaps.map((e, i) => (
                          <>
                            {i > 0 && ', '}
                            <a class="tr-gap" href={href(tr.lang, `/admin/${type}/${e.id}`)}>
                              {tr.pick(e.names, 'en')?.text ?? e.id}
                            </a>
                          </>
                        ))
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The languages the editor shows: the tracked ones, and any other the field is already written in. */
export const editorLanguages = (value: LocalizedText) =>
  CONTENT_LANGUAGES.filter((l) => (TRANSLATION_LANGUAGES as readonly string[]).includes(l) || hasLanguage(value, l));

export function TranslatePage(props: {
  meta: Meta;
  session: Session;
  pub: PublicationRef;
  title: string;
  field: TranslatedField;
  value: LocalizedText;
  original: string;
  focus: string | null;
  errors: FieldError[];
  notice: boolean;
  /** After a refused stale save: the stored values, shown where they differ from the person's. */
  current?: LocalizedText;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { pub, field } = props;
  const fieldName = t(`pubform.${field}`);
  const long = field === 'abstract';
  const langs = editorLanguages(props.value);
  const labels = Object.fromEntries(langs.map((l) => [`${field}.${l}`, `${fieldName} (${languageName(tr, l)})`]));
  return (
    <AdminPage
      meta={props.meta}
      session={props.session}
      title={t('translations.editor_title', { field: fieldName, title: props.title })}
    >
      <p>
        <a href={href(tr.lang, `/admin/publications/${pub.slug}`)}>{props.title}</a>
      </p>
      <h1>{t('translations.editor_title', { field: fieldName, title: props.title })}</h1>
      {props.notice && (
        <p class="ok" role="status">
          {t('admin.saved')}
        </p>
      )}
      <nav aria-label={t('translations.other_fields')}>
        {t('translations.other_fields')}{' '}
        {TRANSLATED_FIELDS.map((f, i) => (
          <>
            {i > 0 && ' · '}
            {f === field ? (
              <strong>{t(`pubform.${f}`)}</strong>
            ) : (
              <a href={translateHref(tr, pub.slug, f)}>{t(`pubform.${f}`)}</a>
            )}
          </>
        ))}
      </nav>
      <ErrorSummary tr={tr} errors={props.errors} labels={labels} />
      <form method="post" action={translateHref(tr, pub.slug, field)} class="stack">
        <Csrf session={props.session} />
        <input type="hidden" name="_version" value={pub.version} />
        <div class="langs-grid">
          {langs.map((l) => {
            const name = `${field}.${l}`;
            const attrs = { ...fieldAttrs(props.errors, name), lang: l, autofocus: props.focus === l };
            return (
              <p>
                <label for={attrs.id}>
                  {languageName(tr, l)}
                  {l === props.original && <> · {t('translations.original')}</>}
                </label>
                {long ? (
                  <textarea {...attrs} rows={12}>
                    {props.value[l] ?? ''}
                  </textarea>
                ) : (
                  <textarea {...attrs} rows={2}>
                    {props.value[l] ?? ''}
                  </textarea>
                )}
                <FieldMessage tr={tr} errors={props.errors} field={name} />
                {props.current && (props.current[l] ?? '') !== (props.value[l] ?? '') && (
                  <small>
                    {t('translations.saved_meanwhile')} <q lang={l}>{props.current[l] ?? '—'}</q>
                  </small>
                )}
              </p>
            );
          })}
        </div>
        <p>
          <button type="submit">{t('translations.save')}</button>
        </p>
      </form>
    </AdminPage>
  );
}

/** How many publications lack each field in each language; each count opens the list of them. */
export function TranslationsOverviewPage(props: {
  meta: Meta;
  session: Session;
  counts: Record<TranslationLanguage, Record<TranslatedField, number>>;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('translations.title')}>
      <h1>{t('translations.title')}</h1>
      <p>{t('translations.intro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('translations.language')}</th>
            {TRANSLATED_FIELDS.map((f) => (
              <th scope="col">{t(`pubform.${f}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TRANSLATION_LANGUAGES.map((l) => (
            <tr>
              <th scope="row">
                <a href={href(tr.lang, '/admin') + qs({ missing: l })}>{languageName(tr, l)}</a>
              </th>
              {TRANSLATED_FIELDS.map((f) => (
                <td>
                  {props.counts[l][f] ? (
                    <a href={href(tr.lang, '/admin') + qs({ missing: l, field: f })}>
                      {t('browse.count', { count: props.counts[l][f] })}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </AdminPage>
  );
}
