// The publication form: every field of the data model, languages side by side, rows of people,
// organisations, projects, identifiers and relations with blank rows to add more — no JavaScript.
import type { Child } from 'hono/jsx';
import {
  CONTENT_LANGUAGES,
  FORMATS,
  IDENTIFIER_SCHEMES,
  KINDS,
  ORGANISATION_ROLES,
  PERSON_ROLES,
  RELATION_TYPES,
} from '../../domain/publication.ts';
import { ALL_RIGHTS_RESERVED, LICENCE_IDS } from '../../domain/licence.ts';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import type { Session } from '../../store/sessions.ts';
import type { Suggestions } from '../../store/staff-lists.ts';
import { languageName } from '../../views/components.tsx';
import { BLANK_ROWS, filledRows, type PublicationForm } from '../publication-form.ts';
import type { FieldError } from '../../http/forms.ts';
import { Csrf, fieldAttrs, FieldMessage } from './frame.tsx';

type Key = MessageKey;
type Props = {
  tr: Translator;
  session: Session;
  form: PublicationForm;
  errors: FieldError[];
  suggestions: Suggestions;
  action: string;
  isNew: boolean;
  version?: string;
};

/** A licence: none stated (or "as the publication" for a file), all rights reserved, or an SPDX id (issue 18). */
export function LicenceSelect(props: { tr: Translator; id: string; value: string; empty: string }) {
  return (
    <select id={props.id} name="licence">
      <option value="">{props.empty}</option>
      {LICENCE_IDS.map((l) => (
        <option value={l} selected={l === props.value}>
          {l === ALL_RIGHTS_RESERVED ? props.tr.t('licence.all_rights_reserved') : l}
        </option>
      ))}
    </select>
  );
}

/** "people.2.name" → "People, row 3: Name", for the error summary. */
export function fieldLabel(tr: Translator, field: string): string {
  const [head, second, third] = field.split('.');
  const t = tr.t;
  if (['title', 'subtitle', 'abstract', 'place'].includes(head!) && second)
    return `${t(`pubform.${head}` as Key)} (${languageName(tr, second)})`;
  if (third)
    return t('pubform.row', {
      group: t(`pubform.${head}` as Key),
      row: Number(second) + 1,
      field: t(`pubform.col.${third}` as Key),
    });
  return t(`pubform.${head}` as Key);
}

function Select(props: {
  tr: Translator;
  errors: FieldError[];
  field: string;
  value: string;
  options: readonly string[];
  label: (v: string) => string;
  labelledBy?: string;
}) {
  return (
    <select {...fieldAttrs(props.errors, props.field)} aria-labelledby={props.labelledBy}>
      {props.options.map((o) => (
        <option value={o} selected={o === props.value}>
          {props.label(o)}
        </option>
      ))}
    </select>
  );
}

function Text(props: {
  tr: Translator;
  errors: FieldError[];
  field: string;
  value: string;
  label: string;
  type?: string;
  list?: string;
  long?: boolean;
  hint?: string;
}) {
  const attrs = fieldAttrs(props.errors, props.field);
  return (
    <p>
      <label class="block" for={attrs.id}>
        {props.label}
      </label>
      {props.long ? (
        <textarea {...attrs} rows={6}>
          {props.value}
        </textarea>
      ) : (
        <input {...attrs} type={props.type ?? 'text'} value={props.value} list={props.list} />
      )}
      {props.hint && <small> {props.hint}</small>}
      <FieldMessage tr={props.tr} errors={props.errors} field={props.field} />
    </p>
  );
}

function Check(props: { name: string; value?: string; checked: boolean; label: string; id: string }) {
  return (
    <label for={props.id}>
      <input type="checkbox" id={props.id} name={props.name} value={props.value ?? 'on'} checked={props.checked} />{' '}
      {props.label}
    </label>
  );
}

/** A table of rows: the filled ones, then blank ones. Each cell's input is labelled by its column heading. */
function Rows<K extends string>(props: {
  tr: Translator;
  errors: FieldError[];
  group: keyof typeof BLANK_ROWS;
  rows: Record<K, string>[];
  blank: Record<K, string>;
  cols: Array<{ key: K; options?: readonly string[]; optionKey?: (v: string) => Key; list?: string }>;
}) {
  const { tr, group } = props;
  const rows = [...props.rows, ...Array.from({ length: BLANK_ROWS[group] }, () => props.blank)];
  return (
    <fieldset>
      <legend>{tr.t(`pubform.${group}` as Key)}</legend>
      <table class="rows">
        <thead>
          <tr>
            {props.cols.map((c) => (
              <th scope="col" id={`h-${group}-${c.key}`}>
                {tr.t(`pubform.col.${c.key}` as Key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr>
              {props.cols.map((c) => {
                const field = `${group}.${i}.${c.key}`;
                return (
                  <td>
                    {c.options ? (
                      <Select
                        tr={tr}
                        errors={props.errors}
                        field={field}
                        value={row[c.key]}
                        options={c.options}
                        label={(v) => tr.t(c.optionKey!(v))}
                        labelledBy={`h-${group}-${c.key}`}
                      />
                    ) : (
                      <input
                        {...fieldAttrs(props.errors, field)}
                        value={row[c.key]}
                        list={c.list}
                        aria-labelledby={`h-${group}-${c.key}`}
                      />
                    )}
                    <FieldMessage tr={tr} errors={props.errors} field={field} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

function Localized(props: {
  tr: Translator;
  errors: FieldError[];
  form: PublicationForm;
  name: 'title' | 'subtitle' | 'abstract' | 'place';
}) {
  const { tr, name } = props;
  return (
    <fieldset>
      <legend>{tr.t(`pubform.${name}` as Key)}</legend>
      <FieldMessage tr={tr} errors={props.errors} field={name} />
      <div class="langs-grid">
        {CONTENT_LANGUAGES.map((l) => (
          <Text
            tr={tr}
            errors={props.errors}
            field={`${name}.${l}`}
            value={props.form[name][l] ?? ''}
            label={languageName(tr, l)}
            long={name === 'abstract'}
          />
        ))}
      </div>
    </fieldset>
  );
}

function Datalist(props: { id: string; values: string[] }) {
  return (
    <datalist id={props.id}>
      {props.values.map((v) => (
        <option value={v} />
      ))}
    </datalist>
  );
}

export function PublicationFormView(props: Props) {
  const { tr, errors, suggestions: s } = props;
  const t = tr.t;
  const f = filledRows(props.form);
  const checks = (name: 'formats' | 'languages', values: readonly string[], label: (v: string) => string): Child => (
    <fieldset class="checks">
      <legend>{t(`pubform.${name}` as Key)}</legend>
      {values.map((v) => (
        <Check name={name} value={v} id={`f-${name}-${v}`} checked={f[name].includes(v)} label={label(v)} />
      ))}
    </fieldset>
  );
  return (
    <form method="post" action={props.action} class="stack" novalidate>
      <Csrf session={props.session} />
      {props.version && <input type="hidden" name="_version" value={props.version} />}
      <fieldset>
        <legend>{t('pubform.identity')}</legend>
        <p>
          <label class="block" for="f-kind">
            {t('pubform.kind')}
          </label>
          <Select
            tr={tr}
            errors={errors}
            field="kind"
            value={f.kind}
            options={KINDS}
            label={(k) => t(`kind.${k}` as Key)}
          />
        </p>
        {props.isNew ? (
          <Text
            tr={tr}
            errors={errors}
            field="slug"
            value={f.slug}
            label={t('pubform.slug')}
            hint={t('pubform.slug_hint')}
          />
        ) : (
          <Text
            tr={tr}
            errors={errors}
            field="slug"
            value={f.slug}
            label={t('pubform.slug')}
            hint={t('pubform.slug_change_hint')}
          />
        )}
        <p>
          <label class="block" for="f-original_language">
            {t('pubform.original_language')}
          </label>
          <Select
            tr={tr}
            errors={errors}
            field="original_language"
            value={f.original_language}
            options={CONTENT_LANGUAGES}
            label={(l) => languageName(tr, l)}
          />
        </p>
        <p>
          <Check name="featured" id="f-featured" checked={f.featured} label={t('pubform.featured')} />
        </p>
      </fieldset>
      <Localized tr={tr} errors={errors} form={f} name="title" />
      <Localized tr={tr} errors={errors} form={f} name="subtitle" />
      <Localized tr={tr} errors={errors} form={f} name="abstract" />
      <Localized tr={tr} errors={errors} form={f} name="place" />
      <fieldset>
        <legend>{t('pubform.details')}</legend>
        <div class="langs-grid">
          <Text tr={tr} errors={errors} field="year" value={f.year} label={t('pubform.year')} type="number" />
          <Text
            tr={tr}
            errors={errors}
            field="published_on"
            value={f.published_on}
            label={t('pubform.published_on')}
            type="date"
          />
          <Text tr={tr} errors={errors} field="pages" value={f.pages} label={t('pubform.pages')} type="number" />
          <Text tr={tr} errors={errors} field="series" value={f.series} label={t('pubform.series')} />
        </div>
        {checks('formats', FORMATS, (v) => t(`format.${v}` as Key))}
        {checks('languages', CONTENT_LANGUAGES, (v) => languageName(tr, v))}
      </fieldset>
      <Rows
        tr={tr}
        errors={errors}
        group="people"
        rows={f.people}
        blank={{ name: '', role: 'author', affiliation: '' }}
        cols={[
          { key: 'name', list: 'dl-people' },
          { key: 'role', options: PERSON_ROLES, optionKey: (r) => `pubform.role.${r}` as Key },
          { key: 'affiliation' },
        ]}
      />
      <Rows
        tr={tr}
        errors={errors}
        group="organisations"
        rows={f.organisations}
        blank={{ name: '', abbreviation: '', role: 'publisher' }}
        cols={[
          { key: 'name', list: 'dl-organisations' },
          { key: 'abbreviation' },
          { key: 'role', options: ORGANISATION_ROLES, optionKey: (r) => `pubform.role.${r}` as Key },
        ]}
      />
      <Rows
        tr={tr}
        errors={errors}
        group="projects"
        rows={f.projects}
        blank={{ name: '', abbreviation: '' }}
        cols={[{ key: 'name', list: 'dl-projects' }, { key: 'abbreviation' }]}
      />
      <fieldset>
        <legend>{t('pubform.subjects')}</legend>
        <fieldset class="checks">
          <legend>{t('pubform.topics')}</legend>
          {s.topics.map((x) => (
            <Check
              name="topics"
              value={x.slug}
              id={`f-topic-${x.slug}`}
              checked={f.topics.includes(x.slug)}
              label={tr.pick(x.label)?.text ?? x.slug}
            />
          ))}
        </fieldset>
        <Text
          tr={tr}
          errors={errors}
          field="new_topics"
          value={f.new_topics || f.topics.filter((x) => !s.topics.some((y) => y.slug === x)).join(' ')}
          label={t('pubform.new_topics')}
          hint={t('pubform.new_topics_hint')}
        />
        <Text
          tr={tr}
          errors={errors}
          field="countries"
          value={f.countries}
          label={t('pubform.countries')}
          hint={t('pubform.countries_hint')}
        />
      </fieldset>
      <Rows
        tr={tr}
        errors={errors}
        group="identifiers"
        rows={f.identifiers}
        blank={{ scheme: 'isbn', value: '' }}
        cols={[
          { key: 'scheme', options: IDENTIFIER_SCHEMES, optionKey: (v) => `identifier.${v}` as Key },
          { key: 'value' },
        ]}
      />
      <fieldset>
        <legend>{t('pubform.availability')}</legend>
        <div class="checks">
          <Check name="download" id="f-download" checked={f.download} label={t('availability.download')} />
          <Check
            name="print_on_request"
            id="f-print_on_request"
            checked={f.print_on_request}
            label={t('availability.print')}
          />
          <Check name="for_sale" id="f-for_sale" checked={f.for_sale} label={t('availability.sale')} />
        </div>
        <div class="langs-grid">
          <Text tr={tr} errors={errors} field="price" value={f.price} label={t('pubform.price')} />
          <Text
            tr={tr}
            errors={errors}
            field="external_url"
            value={f.external_url}
            label={t('pubform.external_url')}
            type="url"
          />
          <Text
            tr={tr}
            errors={errors}
            field="contact_phone"
            value={f.contact_phone}
            label={t('pubform.contact_phone')}
            type="tel"
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('pubform.rights')}</legend>
        <div class="langs-grid">
          <p>
            <label class="block" for="f-licence">
              {t('pubform.licence')}
            </label>
            <LicenceSelect tr={tr} id="f-licence" value={f.licence} empty={t('licence.none')} />
            <FieldMessage tr={tr} errors={errors} field="licence" />
          </p>
          <Text
            tr={tr}
            errors={errors}
            field="rights_holder"
            value={f.rights_holder}
            label={t('pubform.rights_holder')}
          />
        </div>
      </fieldset>
      <Rows
        tr={tr}
        errors={errors}
        group="relations"
        rows={f.relations}
        blank={{ type: 'summaryOf', target: '' }}
        cols={[
          { key: 'type', options: RELATION_TYPES, optionKey: (v) => `relation.${v}.out` as Key },
          { key: 'target', list: 'dl-slugs' },
        ]}
      />
      <p>
        <button type="submit">{t(props.isNew ? 'pubform.create' : 'pubform.save')}</button>
      </p>
      <Datalist id="dl-people" values={s.people} />
      <Datalist id="dl-organisations" values={s.organisations} />
      <Datalist id="dl-projects" values={s.projects} />
      <Datalist id="dl-slugs" values={s.slugs} />
    </form>
  );
}
