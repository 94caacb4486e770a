// The history's fields and values in the staff member's language (issue 18): "Title (English)", "Print copies
// on request: yes", "In review", "Aigerim Nurlanovna (Author)", instead of title.en, true and in_review.
import { ALL_RIGHTS_RESERVED } from '../domain/licence.ts';
import type { FieldChange } from '../history/diff.ts';
import type { MessageKey, Translator } from '../i18n/i18n.ts';
import { countryName } from '../i18n/names.ts';
import { languageName } from '../views/components.tsx';
import { formatSize } from '../views/publication.tsx';
import { fieldLabel } from './views/publication-form.tsx';

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const known = (tr: Translator, key: string, fallback: string) => {
  const s = tr.t(key as MessageKey);
  return s === key ? fallback : s;
};

/** Publication fields whose label is not the form's "pubform.<field>". */
const OWN_LABELS: Record<string, MessageKey> = {
  status: 'pubstatus.title',
  withdrawn_reason: 'history.field.withdrawn_reason',
};

/** The name of a changed field, as the form calls it. */
export function changeLabel(tr: Translator, c: FieldChange): string {
  if (c.field.startsWith('file ')) {
    const f = (c.after ?? c.before) as Row;
    return tr.t('history.file', { name: str(f.name) });
  }
  const [head, lang] = c.field.split('.');
  const own = OWN_LABELS[head!];
  // A text in several languages (the reason for withdrawal is one per language too).
  if (own) return lang ? `${tr.t(own)} (${languageName(tr, lang)})` : tr.t(own);
  const label = fieldLabel(tr, c.field);
  return label.startsWith('pubform.') ? c.field : label;
}

const list = (v: unknown, one: (x: Row) => string) =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x ? one(x as Row) : str(x))).join('\n') : str(v);

function fileText(tr: Translator, f: Row): string {
  const t = tr.t;
  return [
    f.label && typeof f.label === 'object' ? tr.pick(f.label as Record<string, string>)?.text : null,
    f.language && `${t('file.language')}: ${languageName(tr, str(f.language))}`,
    f.embargo_until && t('files.embargoed_until', { date: str(f.embargo_until).slice(0, 10) }),
    f.is_cover && t('files.cover'),
    f.is_sample && t('file.sample'),
    f.licence && `${t('pubform.licence')}: ${licenceText(tr, str(f.licence))}`,
    f.replaced_by && t('history.replaced'),
    typeof f.size === 'number' && formatSize(tr, f.size),
    f.sha256 && `SHA-256 ${str(f.sha256).slice(0, 12)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

const licenceText = (tr: Translator, id: string) =>
  id === ALL_RIGHTS_RESERVED ? tr.t('licence.all_rights_reserved') : id;

/** A field's value as staff read it; '' for none. */
export function changeValue(tr: Translator, field: string, v: unknown): string {
  const t = tr.t;
  if (v === null || v === undefined || v === '') return '';
  if (field.startsWith('file ')) return fileText(tr, v as Row);
  if (typeof v === 'boolean') return t(v ? 'history.yes' : 'history.no');
  switch (field) {
    case 'status':
      return known(tr, `admin.status.${str(v)}`, str(v));
    case 'kind':
      return known(tr, `kind.${str(v)}`, str(v));
    case 'original_language':
      return languageName(tr, str(v));
    case 'licence':
      return licenceText(tr, str(v));
    case 'languages':
      return list(v, str)
        .split('\n')
        .map((l) => (l ? languageName(tr, l) : ''))
        .join(', ');
    case 'formats':
      return (v as string[]).map((f) => known(tr, `format.${f}`, f)).join(', ');
    case 'countries':
      return (v as string[]).map((c) => countryName(tr.lang, c)).join(', ');
    case 'topics':
      return (v as string[]).join(', ');
    case 'people':
      return list(v, (p) =>
        [
          `${str(p.name)} (${known(tr, `pubform.role.${str(p.role)}`, str(p.role))})`,
          p.affiliation && str(p.affiliation),
        ]
          .filter(Boolean)
          .join(', '),
      );
    case 'organisations':
      return list(
        v,
        (o) =>
          `${str(o.name)}${o.abbreviation ? ` (${str(o.abbreviation)})` : ''} — ${known(tr, `pubform.role.${str(o.role)}`, str(o.role))}`,
      );
    case 'projects':
      return list(v, (p) => `${str(p.name)}${p.abbreviation ? ` (${str(p.abbreviation)})` : ''}`);
    case 'identifiers':
      return list(v, (i) => `${known(tr, `identifier.${str(i.scheme)}`, str(i.scheme))}: ${str(i.value)}`);
    case 'relations':
      return list(v, (r) => `${known(tr, `relation.${str(r.type)}.out`, str(r.type))}: ${str(r.target)}`);
  }
  if (Array.isArray(v)) return list(v, (x) => Object.values(x).filter(Boolean).map(str).join(' · '));
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
