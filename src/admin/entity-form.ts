// The form of an organisation, person, project or topic as typed (kept as typed so a 422 shows it again),
// and its check through the same zod schema the API uses (src/domain/entity.ts).
import type { z } from 'zod';
import { ENTITY_EDIT, type EntityEdit } from '../domain/entity.ts';
import { NAME_LANGUAGES } from '../domain/names.ts';
import type { EntityRecord, EntityType } from '../domain/records.ts';
import type { FieldError } from '../http/forms.ts';
import type { FormBody } from './publication-form.ts';

/** The per-language fields each type has, in the order of the form's columns. */
export const LANG_FIELDS: Record<EntityType, readonly string[]> = {
  organisations: ['name', 'abbreviations'],
  people: ['given', 'patronymic', 'family'],
  projects: ['name', 'abbreviations'],
  topics: ['name'],
};
/** The single-value fields each type has. */
export const PLAIN_FIELDS: Record<EntityType, readonly string[]> = {
  organisations: ['url', 'ror'],
  people: ['orcid', 'affiliation'],
  projects: ['grants'],
  topics: [],
};

export type EntityForm = Record<string, string>;

const str = (v: FormBody[string] | undefined): string => (typeof v === 'string' ? v : '').trim();

/** The typed values: "name.ru", "given.kk", "slug", "orcid", "grants" (one a line). */
export function readEntityForm(type: EntityType, body: FormBody): EntityForm {
  const form: EntityForm = { slug: str(body.slug), _version: str(body._version) };
  for (const f of LANG_FIELDS[type]) for (const l of NAME_LANGUAGES) form[`${f}.${l}`] = str(body[`${f}.${l}`]);
  for (const f of PLAIN_FIELDS[type]) form[f] = str(body[f]);
  return form;
}

/** The stored entity as the form shows it. */
export function formFromEntity(type: EntityType, e: EntityRecord): EntityForm {
  const form: EntityForm = { slug: e.slug, _version: new Date(e.updated_at).toISOString() };
  const values: Record<string, Record<string, string | undefined>> = {
    name: e.name,
    abbreviations: e.abbreviations,
    given: e.given,
    family: e.family,
    patronymic: e.patronymic,
  };
  for (const f of LANG_FIELDS[type]) for (const l of NAME_LANGUAGES) form[`${f}.${l}`] = values[f]?.[l] ?? '';
  const plain: Record<string, string> = {
    url: e.url ?? '',
    ror: e.ror ?? '',
    orcid: e.orcid ?? '',
    affiliation: e.affiliation ?? '',
    grants: e.grants.join('\n'),
  };
  for (const f of PLAIN_FIELDS[type]) form[f] = plain[f] ?? '';
  return form;
}

/** The form as the schema's raw input: empty boxes left out. */
function rawInput(type: EntityType, form: EntityForm): Record<string, unknown> {
  const raw: Record<string, unknown> = { slug: form.slug };
  for (const f of LANG_FIELDS[type]) {
    raw[f] = Object.fromEntries(NAME_LANGUAGES.filter((l) => form[`${f}.${l}`]).map((l) => [l, form[`${f}.${l}`]]));
  }
  for (const f of PLAIN_FIELDS[type])
    raw[f] =
      f === 'grants'
        ? (form[f] ?? '')
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean)
        : form[f];
  return raw;
}

/** Checks the form; messages are keyed by the form's field names. */
export function checkEntityForm(
  type: EntityType,
  form: EntityForm,
): { ok: true; value: EntityEdit } | { ok: false; errors: FieldError[] } {
  const parsed = (ENTITY_EDIT[type] as z.ZodType<EntityEdit>).safeParse(rawInput(type, form));
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => entityFieldError(type, i)) };
}

/** One zod issue as a message on a field of the form (the API reports the same issues with their paths). */
function entityFieldError(type: EntityType, issue: z.core.$ZodIssue): FieldError {
  const [head, lang] = issue.path.map(String);
  const field =
    head === 'grants'
      ? 'grants'
      : lang && LANG_FIELDS[type].includes(head!)
        ? `${head}.${lang}`
        : head === 'name' || head === 'family'
          ? `${head}.en`
          : (head ?? 'slug');
  const i = issue as z.core.$ZodIssue & { origin?: string; maximum?: number | bigint; format?: string };
  if (issue.code === 'too_big')
    return { field, key: i.origin === 'string' ? 'form.too_long' : 'form.too_big', vars: { max: Number(i.maximum) } };
  if (head === 'slug') return { field, key: 'form.invalid_slug' };
  if (head === 'url') return { field, key: 'form.invalid_url' };
  if (head === 'orcid') return { field, key: 'entadmin.invalid_orcid' };
  if (head === 'ror') return { field, key: 'entadmin.invalid_ror' };
  if (head === 'name' || head === 'family') return { field, key: 'entadmin.name_required' };
  return { field, key: 'form.invalid' };
}
