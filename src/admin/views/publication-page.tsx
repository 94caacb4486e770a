// The staff page of one publication: its form, its status, its files; and the page for a new one.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { FILE_LABEL_LANGUAGES, FILE_LABEL_MAX } from '../../domain/file-label.ts';
import { CONTENT_LANGUAGES, STATUSES, type Status } from '../../domain/publication.ts';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import { UI_LANGUAGES } from '../../i18n/i18n.ts';
import type { IngestJob } from '../../store/ingest-jobs.ts';
import { canChangeStatus, nextStatuses, type Actor } from '../../policies.ts';
import type { StaffFile } from '../../store/file-versions.ts';
import { LicenceSelect } from './publication-form.tsx';
import type { Session } from '../../store/sessions.ts';
import type { PublicationRef } from '../../store/snapshots.ts';
import type { Suggestions } from '../../store/staff-lists.ts';
import { languageName } from '../../views/components.tsx';
import { href } from '../../views/href.ts';
import { formatSize } from '../../views/publication.tsx';
import type { Suggestion } from '../file-suggestions.ts';
import type { PublicationForm } from '../publication-form.ts';
import type { FieldError } from '../../http/forms.ts';
import { AdminPage, Csrf, ErrorSummary, FieldMessage, fieldAttrs, StatusTag, type Meta } from './frame.tsx';
import { ADMIN_JOBS_SCRIPT_URL } from '../static.ts';
import { IngestJobList } from './ingest-jobs.tsx';
import { fieldLabel, PublicationFormView } from './publication-form.tsx';
import { SuggestionList } from './suggestions.tsx';
import { TranslationStatus } from './translations.tsx';
import type { TranslatedField } from '../../domain/translations.ts';
import type { LinkedEntityNames } from '../../store/staff-lists.ts';
import type { LocalizedText } from '../../domain/publication.ts';

export interface EditState {
  form: PublicationForm;
  errors: FieldError[];
  /** Problems of the status and file forms, shown beside them. */
  statusErrors?: FieldError[];
  fileErrors?: FieldError[];
  suggestionErrors?: FieldError[];
  reason?: Partial<Record<string, string>>;
  /** A confirmation after a redirect ("Saved."). */
  notice?: MessageKey;
}

function labels(tr: Translator, errors: FieldError[]) {
  return Object.fromEntries(errors.map((e) => [e.field, fieldLabel(tr, e.field)]));
}

export function NewPublicationPage(props: {
  meta: Meta;
  session: Session;
  state: EditState;
  suggestions: Suggestions;
}) {
  const { tr } = props.meta;
  return (
    <AdminPage meta={props.meta} session={props.session} title={tr.t('admin.new_publication')}>
      <h1>{tr.t('admin.new_publication')}</h1>
      <ErrorSummary tr={tr} errors={props.state.errors} labels={labels(tr, props.state.errors)} />
      <PublicationFormView
        tr={tr}
        session={props.session}
        form={props.state.form}
        errors={props.state.errors}
        suggestions={props.suggestions}
        action={href(tr.lang, '/admin/publications')}
        isNew
      />
    </AdminPage>
  );
}

function StatusForm(props: {
  tr: Translator;
  session: Session;
  pub: PublicationRef;
  errors: FieldError[];
  reason?: Partial<Record<string, string>>;
}) {
  const { tr, pub } = props;
  const t = tr.t;
  const actor: Actor = props.session.user;
  const options = nextStatuses(actor, pub.status, STATUSES);
  return (
    <section aria-labelledby="status-h">
      <h2 id="status-h">{t('pubstatus.title')}</h2>
      <p>
        {t('pubstatus.current')} <StatusTag tr={tr} status={pub.status} />
        {pub.status === 'withdrawn' && pub.withdrawn_reason && (
          <>
            {' — '}
            {Object.entries(pub.withdrawn_reason).map(([l, text], i) => (
              <>
                {i > 0 && ' · '}
                {languageName(tr, l)}: <span lang={l}>{text}</span>
              </>
            ))}
          </>
        )}
      </p>
      {options.length === 0 ? (
        <p>{t('pubstatus.none')}</p>
      ) : (
        <form method="post" action={href(tr.lang, `/admin/publications/${pub.slug}/status`)} class="stack">
          <Csrf session={props.session} />
          <input type="hidden" name="_version" value={pub.version} />
          <p>
            <label class="block" for="f-status">
              {t('pubstatus.new')}
            </label>
            <select {...fieldAttrs(props.errors, 'status')}>
              {options.map((s) => (
                <option value={s}>{t(`admin.status.${s}`)}</option>
              ))}
            </select>
            <FieldMessage tr={tr} errors={props.errors} field="status" />
          </p>
          {canChangeStatus(actor, pub.status, 'withdrawn') && (
            <fieldset aria-describedby={props.errors.some((e) => e.field === 'reason') ? 'e-reason' : undefined}>
              <legend>{t('pubstatus.reason')}</legend>
              <FieldMessage tr={tr} errors={props.errors} field="reason" />
              {UI_LANGUAGES.map((l) => (
                <p>
                  <label class="block" for={`f-reason-${l}`}>
                    {languageName(tr, l)}
                  </label>
                  <textarea {...fieldAttrs(props.errors, `reason.${l}`)} lang={l} rows={2}>
                    {props.reason?.[l] ?? ''}
                  </textarea>
                  <FieldMessage tr={tr} errors={props.errors} field={`reason.${l}`} />
                </p>
              ))}
            </fieldset>
          )}
          <p>
            <button type="submit">{t('pubstatus.change')}</button>
          </p>
        </form>
      )}
    </section>
  );
}

function LanguageSelect(props: { tr: Translator; id: string; name: string; value: string | null }) {
  return (
    <select id={props.id} name={props.name}>
      <option value="">—</option>
      {CONTENT_LANGUAGES.map((l) => (
        <option value={l} selected={props.value === l}>
          {languageName(props.tr, l)}
        </option>
      ))}
    </select>
  );
}

/** Removing a file version: a second click inside a disclosure is the confirmation (issue 18). */
function RemoveFile(props: { tr: Translator; session: Session; action: string; name: string }) {
  return (
    <details class="remove">
      <summary>{props.tr.t('files.remove')}</summary>
      <form method="post" action={props.action}>
        <Csrf session={props.session} />
        <button type="submit">{props.tr.t('files.remove_confirm', { name: props.name })}</button>
      </form>
    </details>
  );
}

function FileItem(props: {
  tr: Translator;
  session: Session;
  slug: string;
  file: StaffFile;
  old: StaffFile[];
  editable: boolean;
}) {
  const { tr, file: f, slug } = props;
  const t = tr.t;
  const link = (x: StaffFile) => href(tr.lang, `/admin/publications/${slug}/files/${x.id}`);
  const label = tr.pick(f.label);
  return (
    <li>
      {label && (
        <>
          <strong lang={label.lang === tr.lang ? undefined : label.lang}>{label.text}</strong> ·{' '}
        </>
      )}
      <a href={link(f)}>{f.original_name}</a> · {formatSize(tr, f.size)} · {f.media_type}
      {f.language && <> · {languageName(tr, f.language)}</>}
      {f.pages !== null && <> · {t('files.pages', { count: f.pages })}</>}
      {f.is_cover && (
        <>
          {' '}
          · <strong>{t('files.cover')}</strong>
        </>
      )}
      {f.embargo_until && <> · {t('files.embargoed_until', { date: f.embargo_until })}</>}
      {props.editable && (
        <form method="post" action={link(f)} class="inline">
          <Csrf session={props.session} />
          <p>
            <label for={`fl-${f.id}`}>{t('file.language')}</label>{' '}
            <LanguageSelect tr={tr} id={`fl-${f.id}`} name="language" value={f.language} />
          </p>
          <fieldset class="labels">
            <legend>{t('files.label')}</legend>
            {FILE_LABEL_LANGUAGES.map((l) => (
              <p>
                <label for={`flb-${f.id}-${l}`}>{languageName(tr, l)}</label>{' '}
                <input
                  id={`flb-${f.id}-${l}`}
                  name={`label.${l}`}
                  value={f.label?.[l] ?? ''}
                  maxlength={FILE_LABEL_MAX}
                  lang={l}
                />
              </p>
            ))}
          </fieldset>
          <p>
            <label for={`fe-${f.id}`}>{t('files.embargo')}</label>{' '}
            <input type="date" id={`fe-${f.id}`} name="embargo_until" value={f.embargo_until ?? ''} />
          </p>
          <p>
            <label for={`fs-${f.id}`}>
              <input type="checkbox" id={`fs-${f.id}`} name="is_sample" checked={f.is_sample} /> {t('file.sample')}
            </label>
          </p>
          <p>
            <label for={`fc-${f.id}`}>
              <input type="checkbox" id={`fc-${f.id}`} name="is_cover" checked={f.is_cover} /> {t('files.cover')}
            </label>
          </p>
          <p>
            <label for={`fli-${f.id}`}>{t('pubform.licence')}</label>{' '}
            <LicenceSelect tr={tr} id={`fli-${f.id}`} value={f.licence ?? ''} empty={t('files.licence_same')} />
          </p>
          <p>
            <label for={`fh-${f.id}`}>{t('pubform.rights_holder')}</label>{' '}
            <input id={`fh-${f.id}`} name="rights_holder" value={f.rights_holder ?? ''} />
          </p>
          <p>
            <button type="submit">{t('files.save')}</button>
          </p>
        </form>
      )}
      {props.old.length > 0 && (
        <details>
          <summary>{t('files.versions', { count: props.old.length })}</summary>
          <ul>
            {props.old.map((o) => (
              <li>
                <a href={link(o)}>{o.original_name}</a> · {formatSize(tr, o.size)}
                {props.editable && (
                  <RemoveFile tr={tr} session={props.session} action={`${link(o)}/remove`} name={o.original_name} />
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {props.editable && (
        <RemoveFile tr={tr} session={props.session} action={`${link(f)}/remove`} name={f.original_name} />
      )}
    </li>
  );
}

/** Current files with their older versions beneath, the uploads being read, and the upload form. */
function Files(props: {
  tr: Translator;
  session: Session;
  pub: PublicationRef;
  files: StaffFile[];
  jobs: IngestJob[];
  errors: FieldError[];
  editable: boolean;
}) {
  const { tr, pub } = props;
  const t = tr.t;
  const current = props.files.filter((f) => f.replaced_by === null);
  const olderOf = (f: StaffFile): StaffFile[] =>
    props.files.filter((o) => o.replaced_by === f.id).flatMap((o) => [o, ...olderOf(o)]);
  return (
    <section aria-labelledby="files-h">
      <h2 id="files-h">{t('item.files')}</h2>
      {current.length === 0 ? (
        <p>{t('files.none')}</p>
      ) : (
        <ul>
          {current.map((f) => (
            <FileItem
              tr={tr}
              session={props.session}
              slug={pub.slug}
              file={f}
              old={olderOf(f)}
              editable={props.editable}
            />
          ))}
        </ul>
      )}
      <IngestJobList tr={tr} jobs={props.jobs} slug={pub.slug} />
      {props.editable && (
        <form
          method="post"
          action={href(tr.lang, `/admin/publications/${pub.slug}/files`)}
          enctype="multipart/form-data"
          class="stack"
        >
          <h3>{t('files.upload')}</h3>
          <ErrorSummary
            tr={tr}
            errors={props.errors}
            labels={{
              file: t('files.file'),
              replaces: t('files.replaces'),
              embargo_until: t('files.embargo'),
              licence: t('pubform.licence'),
              ...Object.fromEntries(
                FILE_LABEL_LANGUAGES.map((l) => [`label.${l}`, `${t('files.label')} (${languageName(tr, l)})`]),
              ),
            }}
          />
          <Csrf session={props.session} />
          <p>
            <label class="block" for="f-upload-language">
              {t('file.language')}
            </label>
            <LanguageSelect tr={tr} id="f-upload-language" name="language" value={null} />
          </p>
          <p>
            <label class="block" for="f-replaces">
              {t('files.replaces')}
            </label>
            <select id="f-replaces" name="replaces">
              <option value="">{t('files.new_file')}</option>
              {current.map((f) => (
                <option value={String(f.id)}>{f.original_name}</option>
              ))}
            </select>
          </p>
          <p>
            <label class="block" for="f-embargo_until">
              {t('files.embargo')}
            </label>
            <input type="date" id="f-embargo_until" name="embargo_until" />
          </p>
          <p>
            <label class="block" for="f-file">
              {t('files.file')}
            </label>
            <input type="file" id="f-file" name="file" required />
          </p>
          <p>
            <button type="submit">{t('files.upload')}</button>
          </p>
        </form>
      )}
    </section>
  );
}

export function EditPublicationPage(props: {
  meta: Meta;
  session: Session;
  pub: PublicationRef;
  state: EditState;
  suggestions: Suggestions;
  files: StaffFile[];
  editable: boolean;
  /** Ingest jobs this person may follow; values the files offer for empty fields. */
  jobs: IngestJob[];
  fileSuggestions: Suggestion[];
  /** The stored record's translated fields and the names of what it links to (issue 18, item 4). */
  translations: { fields: Record<TranslatedField, LocalizedText>; entities: LinkedEntityNames[] };
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { pub, state } = props;
  const title = tr.pick(state.form.title, state.form.original_language)?.text ?? pub.slug;
  return (
    <AdminPage
      meta={props.meta}
      session={props.session}
      title={t('admin.edit_title', { title })}
      head={html`<script src="${ADMIN_JOBS_SCRIPT_URL}" defer></script>` as HtmlEscapedString}
    >
      <h1>
        {title} <StatusTag tr={tr} status={pub.status} />
      </h1>
      {state.notice && (
        <p class="ok" role="status">
          {t(state.notice)}
        </p>
      )}
      <p>
        <a href={href(tr.lang, `/publications/${pub.slug}`)}>
          {t(pub.status === 'published' ? 'admin.public_page' : 'preview.link')}
        </a>
        {' · '}
        <a href={href(tr.lang, `/admin/publications/${pub.slug}/history`)}>{t('history.link')}</a>
        {pub.status === 'draft' && props.editable && (
          <>
            {' '}
            · <a href={href(tr.lang, `/admin/publications/${pub.slug}/delete`)}>{t('delete.link')}</a>
          </>
        )}
      </p>
      <StatusForm tr={tr} session={props.session} pub={pub} errors={state.statusErrors ?? []} reason={state.reason} />
      <Files
        tr={tr}
        session={props.session}
        pub={pub}
        files={props.files}
        jobs={props.jobs}
        errors={state.fileErrors ?? []}
        editable={props.editable}
      />
      <TranslationStatus
        tr={tr}
        slug={pub.slug}
        fields={props.translations.fields}
        entities={props.translations.entities}
        editable={props.editable}
      />
      <h2>{t('admin.fields')}</h2>
      {props.editable ? (
        <>
          <SuggestionList
            tr={tr}
            session={props.session}
            slug={pub.slug}
            version={pub.version}
            suggestions={props.fileSuggestions}
            errors={state.suggestionErrors ?? []}
          />
          <ErrorSummary tr={tr} errors={state.errors} labels={labels(tr, state.errors)} />
          <PublicationFormView
            tr={tr}
            session={props.session}
            form={state.form}
            errors={state.errors}
            suggestions={props.suggestions}
            action={href(tr.lang, `/admin/publications/${pub.slug}`)}
            isNew={false}
            version={pub.version}
          />
        </>
      ) : (
        <p>{t('admin.read_only', { status: t(`admin.status.${pub.status as Status}`) })}</p>
      )}
    </AdminPage>
  );
}
