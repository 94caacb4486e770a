// Organisations, people, projects and topics for staff (issue 18): the list of a type with a search, and one
// entity's page: its names in four languages side by side, its identifiers, and the publications naming it.
import { entityName, NAME_LANGUAGES, personDisplayName } from '../../domain/names.ts';
import type { LocalizedText } from '../../domain/publication.ts';
import type { EntityRecord, EntityType } from '../../domain/records.ts';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import type { Session } from '../../store/sessions.ts';
import { languageName, Localized } from '../../views/components.tsx';
import { href } from '../../views/href.ts';
import { LANG_FIELDS, PLAIN_FIELDS, type EntityForm } from '../entity-form.ts';
import type { FieldError } from '../../http/forms.ts';
import type { EntityChange } from '../../store/entity-changes.ts';
import { AdminPage, Csrf, ErrorSummary, fieldAttrs, FieldMessage, StatusTag, when, type Meta } from './frame.tsx';
import { viaApi } from './history.tsx';

const TYPES: EntityType[] = ['organisations', 'people', 'projects', 'topics'];

/** The four lists, one link each; the current one marked. */
function Tabs(props: { tr: Translator; current: EntityType }) {
  const { tr } = props;
  return (
    <nav aria-label={tr.t('admin.entities')}>
      <ul class="inline-list">
        {TYPES.map((t) => (
          <li>
            <a href={href(tr.lang, `/admin/${t}`)} aria-current={t === props.current ? 'page' : undefined}>
              {tr.t(`entities.${t}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** "ORCID 0000-…", "ROR 0…", grant numbers: what identifies an entity outside this catalogue. */
function identifiers(e: EntityRecord): string {
  return [e.orcid && `ORCID ${e.orcid}`, e.ror && `ROR ${e.ror}`, ...e.grants].filter(Boolean).join(', ');
}

export function EntitiesPage(props: {
  meta: Meta;
  session: Session;
  type: EntityType;
  q: string;
  rows: EntityRecord[];
  limit: number;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const title = t(`entities.${props.type}`);
  return (
    <AdminPage meta={props.meta} session={props.session} title={title}>
      <Tabs tr={tr} current={props.type} />
      <h1>{title}</h1>
      <form method="get" action={href(tr.lang, `/admin/${props.type}`)} class="inline">
        <p>
          <label class="block" for="q">
            {t('entadmin.search_label')}
          </label>
          <input id="q" name="q" value={props.q} type="search" />
        </p>
        <p>
          <button type="submit">{t('search.submit')}</button>
        </p>
      </form>
      {props.rows.length === 0 ? (
        <p>{t('browse.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('entadmin.name')}</th>
              <th scope="col">{t('entadmin.identifiers')}</th>
              <th scope="col">{t('entadmin.linked')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((e) => (
              <tr>
                <td>
                  <a href={href(tr.lang, `/admin/${props.type}/${e.id}`)}>
                    <Localized tr={tr} value={e.name} />
                  </a>
                  {e.abbreviation && ` (${e.abbreviation})`}
                </td>
                <td>{identifiers(e)}</td>
                <td>{e.link_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.rows.length === props.limit && <p class="muted">{t('entadmin.first_n', { count: props.limit })}</p>}
    </AdminPage>
  );
}

/** A person's name as it reads in each language: what staff check after typing the parts. */
function shownAs(tr: Translator, form: EntityForm, lang: string): string {
  const part = (f: string) => ({ [lang]: form[`${f}.${lang}`] || undefined }) as LocalizedText;
  return (
    personDisplayName({ given: part('given'), family: part('family'), patronymic: part('patronymic') }, lang) ?? ''
  );
}

function LanguageTable(props: { tr: Translator; type: EntityType; form: EntityForm; errors: FieldError[] }) {
  const { tr, type, form, errors } = props;
  const t = tr.t;
  const cols = LANG_FIELDS[type];
  return (
    <fieldset>
      <legend>{t(type === 'people' ? 'entadmin.name_parts' : 'entadmin.names')}</legend>
      <table class="rows">
        <thead>
          <tr>
            <th scope="col">{t('entadmin.language')}</th>
            {cols.map((f) => (
              <th scope="col" id={`h-${f}`}>
                {t(`entadmin.col.${f}` as MessageKey)}
              </th>
            ))}
            {type === 'people' && <th scope="col">{t('entadmin.shown_as')}</th>}
          </tr>
        </thead>
        <tbody>
          {NAME_LANGUAGES.map((l) => (
            <tr>
              <th scope="row" id={`h-lang-${l}`}>
                {languageName(tr, l)}
              </th>
              {cols.map((f) => (
                <td>
                  <input
                    {...fieldAttrs(errors, `${f}.${l}`)}
                    value={form[`${f}.${l}`]}
                    lang={l}
                    aria-labelledby={`h-${f} h-lang-${l}`}
                  />
                  <FieldMessage tr={tr} errors={errors} field={`${f}.${l}`} />
                </td>
              ))}
              {type === 'people' && <td lang={l}>{shownAs(tr, form, l)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

function Plain(props: { tr: Translator; field: string; form: EntityForm; errors: FieldError[] }) {
  const { tr, field, form, errors } = props;
  const attrs = fieldAttrs(errors, field);
  return (
    <p>
      <label class="block" for={attrs.id}>
        {tr.t(`entadmin.${field}` as MessageKey)}
      </label>
      {field === 'grants' ? (
        <textarea {...attrs} rows={3}>
          {form[field]}
        </textarea>
      ) : (
        <input {...attrs} value={form[field]} />
      )}
      <FieldMessage tr={tr} errors={errors} field={field} />
    </p>
  );
}

export interface LinkedPublication {
  id: number;
  slug: string;
  title: LocalizedText;
  original_language: string;
  status: string;
  year: number | null;
}

export function EntityEditPage(props: {
  meta: Meta;
  session: Session;
  type: EntityType;
  entity: EntityRecord;
  form: EntityForm;
  errors: FieldError[];
  publications: LinkedPublication[];
  changes: EntityChange[];
  editable: boolean;
  notice?: string;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { type, entity: e, form, errors } = props;
  const name = entityName(e, tr.lang)?.text ?? e.slug;
  const labels: Record<string, string> = { slug: t('entadmin.slug') };
  for (const f of LANG_FIELDS[type])
    for (const l of NAME_LANGUAGES)
      labels[`${f}.${l}`] = `${t(`entadmin.col.${f}` as MessageKey)} (${languageName(tr, l)})`;
  for (const f of PLAIN_FIELDS[type]) labels[f] = t(`entadmin.${f}` as MessageKey);
  return (
    <AdminPage meta={props.meta} session={props.session} title={name}>
      <Tabs tr={tr} current={type} />
      <p class="meta">{t(`entity.${type}`)}</p>
      <h1>{name}</h1>
      {props.notice && (
        <p class="ok" role="status">
          {props.notice}
        </p>
      )}
      <p>
        <a href={href(tr.lang, `/${type}/${e.slug}`)}>{t('admin.public_page')}</a>
        {e.catalogued && <> · {t('entadmin.catalogued', { name: e.catalogued })}</>}
      </p>
      <ErrorSummary tr={tr} errors={errors} labels={labels} />
      {props.editable ? (
        <form method="post" action={href(tr.lang, `/admin/${type}/${e.id}`)} class="stack" novalidate>
          <Csrf session={props.session} />
          <input type="hidden" name="_version" value={form._version} />
          <LanguageTable tr={tr} type={type} form={form} errors={errors} />
          {PLAIN_FIELDS[type].map((f) => (
            <Plain tr={tr} field={f} form={form} errors={errors} />
          ))}
          <p>
            <label class="block" for="f-slug">
              {t('entadmin.slug')}
            </label>
            <input {...fieldAttrs(errors, 'slug')} value={form.slug} aria-describedby="slug-hint" />
            <small id="slug-hint"> {t('entadmin.slug_hint')}</small>
            <FieldMessage tr={tr} errors={errors} field="slug" />
          </p>
          <p>
            <button type="submit">{t('pubform.save')}</button>
          </p>
        </form>
      ) : (
        <p>{t('entadmin.read_only')}</p>
      )}
      <h2>{t('entadmin.publications', { count: props.publications.length })}</h2>
      {props.publications.length === 0 ? (
        <p>{t('entadmin.none')}</p>
      ) : (
        <ul>
          {props.publications.map((p) => (
            <li>
              <a href={href(tr.lang, `/admin/publications/${p.slug}`)}>
                <Localized tr={tr} value={p.title} original={p.original_language} />
              </a>
              {p.year && ` (${p.year})`} <StatusTag tr={tr} status={p.status} />
            </li>
          ))}
        </ul>
      )}
      {props.editable && (
        <>
          <h2>{t('entadmin.merge')}</h2>
          <form method="get" action={href(tr.lang, `/admin/${type}/${e.id}/merge`)} class="inline">
            <p>
              <label class="block" for="f-into">
                {t('entadmin.merge_into')}
              </label>
              <input id="f-into" name="into" aria-describedby="into-hint" />
            </p>
            <p>
              <button type="submit">{t('entadmin.merge_next')}</button>
            </p>
          </form>
          <p id="into-hint">
            <small>{t('entadmin.merge_hint')}</small>
          </p>
          {e.link_count === 0 && (
            <p>
              <a href={href(tr.lang, `/admin/${type}/${e.id}/delete`)}>{t('entadmin.delete')}</a>
            </p>
          )}
        </>
      )}
      {props.changes.length > 0 && (
        <>
          <h2>{t('history.link')}</h2>
          <ul>
            {props.changes.map((ch) => (
              <li>
                {when(tr, ch.created_at)} · {ch.user_email ?? '—'}
                {ch.api_token_id !== null && ` (${viaApi(t, ch.api_token_name)})`} · {t(`entadmin.action.${ch.action}`)}
                {ch.entity_id !== e.id && ` (${String(ch.before.slug)})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </AdminPage>
  );
}

/** Before merging: which entry goes into which, what moves, and the button; or the question again when `into` named none. */
export function MergeEntityPage(props: {
  meta: Meta;
  session: Session;
  type: EntityType;
  from: EntityRecord;
  into: string;
  target: EntityRecord | null;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { type, from, target } = props;
  const name = (e: EntityRecord) => entityName(e, tr.lang)?.text ?? e.slug;
  const title = t('entadmin.merge_title', { name: name(from) });
  return (
    <AdminPage meta={props.meta} session={props.session} title={title}>
      <h1>{title}</h1>
      {target ? (
        <form method="post" action={href(tr.lang, `/admin/${type}/${from.id}/merge`)}>
          <Csrf session={props.session} />
          <input type="hidden" name="into" value={target.slug} />
          <p>
            {t('entadmin.merge_explain', {
              from: name(from),
              into: name(target),
              count: from.link_count,
              old: `/${type}/${from.slug}`,
              new: `/${type}/${target.slug}`,
            })}
          </p>
          <p>
            <button type="submit">{t('entadmin.merge_confirm')}</button>{' '}
            <a href={href(tr.lang, `/admin/${type}/${from.id}`)}>{t('delete.cancel')}</a>
          </p>
        </form>
      ) : (
        <form method="get" action={href(tr.lang, `/admin/${type}/${from.id}/merge`)} class="inline">
          {props.into && (
            <p class="field-error" role="alert">
              {t('entadmin.merge_unknown', { into: props.into })}
            </p>
          )}
          <p>
            <label class="block" for="f-into">
              {t('entadmin.merge_into')}
            </label>
            <input id="f-into" name="into" value={props.into} aria-describedby="into-hint" />
          </p>
          <p>
            <button type="submit">{t('entadmin.merge_next')}</button>
          </p>
          <p id="into-hint">
            <small>{t('entadmin.merge_hint')}</small>
          </p>
        </form>
      )}
    </AdminPage>
  );
}

export function DeleteEntityPage(props: { meta: Meta; session: Session; type: EntityType; entity: EntityRecord }) {
  const { tr } = props.meta;
  const t = tr.t;
  const { type, entity: e } = props;
  const title = t('delete.title', { title: entityName(e, tr.lang)?.text ?? e.slug });
  return (
    <AdminPage meta={props.meta} session={props.session} title={title}>
      <h1>{title}</h1>
      <p>{t('entadmin.delete_explain')}</p>
      <form method="post" action={href(tr.lang, `/admin/${type}/${e.id}/delete`)}>
        <Csrf session={props.session} />
        <p>
          <button type="submit">{t('delete.confirm')}</button>{' '}
          <a href={href(tr.lang, `/admin/${type}/${e.id}`)}>{t('delete.cancel')}</a>
        </p>
      </form>
    </AdminPage>
  );
}
