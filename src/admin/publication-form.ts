// The publication form as values a person typed (strings, kept as typed so a 422 shows them again),
// and the two conversions: to a PublicationInput (with messages per field) and from one.
import type { z } from 'zod';
import {
  CONTENT_LANGUAGES,
  originalLanguageOf,
  publicationInput,
  type LocalizedText,
  type PublicationInput,
  type PublicationInputRaw,
  type Status,
} from '../domain/publication.ts';
import type { FieldError } from '../http/forms.ts';

type Row<K extends string> = Record<K, string>;
export interface PublicationForm {
  slug: string;
  kind: string;
  featured: boolean;
  original_language: string;
  title: Record<string, string>;
  subtitle: Record<string, string>;
  abstract: Record<string, string>;
  place: Record<string, string>;
  year: string;
  published_on: string;
  pages: string;
  formats: string[];
  languages: string[];
  people: Row<'name' | 'role' | 'affiliation'>[];
  organisations: Row<'name' | 'abbreviation' | 'role'>[];
  projects: Row<'name' | 'abbreviation'>[];
  identifiers: Row<'scheme' | 'value'>[];
  relations: Row<'type' | 'target'>[];
  series: string;
  topics: string[];
  new_topics: string;
  countries: string;
  download: boolean;
  print_on_request: boolean;
  for_sale: boolean;
  price: string;
  external_url: string;
  contact_phone: string;
  licence: string;
  rights_holder: string;
}

/** Blank rows offered under the filled ones, so a person can add without JavaScript. */
export const BLANK_ROWS = { people: 3, organisations: 2, projects: 1, identifiers: 2, relations: 2 } as const;

export type FormBody = Record<string, string | File | (string | File)[]>;

const str = (v: FormBody[string] | undefined): string =>
  (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').trim();
const list = (v: FormBody[string] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

function rows<K extends string>(body: FormBody, name: string, keys: readonly K[]): Row<K>[] {
  const out: Row<K>[] = [];
  for (let i = 0; i < 200; i++) {
    if (!keys.some((k) => `${name}.${i}.${k}` in body)) continue;
    out.push(Object.fromEntries(keys.map((k) => [k, str(body[`${name}.${i}.${k}`])])) as Row<K>);
  }
  return out;
}

/** The form's values from a parsed body (c.req.parseBody({ all: true })). */
export function readPublicationForm(body: FormBody): PublicationForm {
  const localized = (name: string) =>
    Object.fromEntries(CONTENT_LANGUAGES.map((l) => [l, str(body[`${name}.${l}`])]).filter(([, v]) => v));
  return {
    slug: str(body.slug),
    kind: str(body.kind),
    featured: str(body.featured) === 'on',
    original_language: str(body.original_language),
    title: localized('title'),
    subtitle: localized('subtitle'),
    abstract: localized('abstract'),
    place: localized('place'),
    year: str(body.year),
    published_on: str(body.published_on),
    pages: str(body.pages),
    formats: list(body.formats),
    languages: list(body.languages),
    people: rows(body, 'people', ['name', 'role', 'affiliation'] as const),
    organisations: rows(body, 'organisations', ['name', 'abbreviation', 'role'] as const),
    projects: rows(body, 'projects', ['name', 'abbreviation'] as const),
    identifiers: rows(body, 'identifiers', ['scheme', 'value'] as const),
    relations: rows(body, 'relations', ['type', 'target'] as const),
    series: str(body.series),
    topics: list(body.topics),
    new_topics: str(body.new_topics),
    countries: str(body.countries),
    download: str(body.download) === 'on',
    print_on_request: str(body.print_on_request) === 'on',
    for_sale: str(body.for_sale) === 'on',
    price: str(body.price),
    external_url: str(body.external_url),
    contact_phone: str(body.contact_phone),
    licence: str(body.licence),
    rights_holder: str(body.rights_holder),
  };
}

/** The form filled with a stored publication. */
export function formFromInput(p: PublicationInput): PublicationForm {
  const text = (v: LocalizedText) => ({ ...v }) as Record<string, string>;
  return {
    slug: p.slug ?? '',
    kind: p.kind,
    featured: p.featured,
    original_language: originalLanguageOf(p),
    title: text(p.title),
    subtitle: text(p.subtitle),
    abstract: text(p.abstract),
    place: text(p.place),
    year: p.year?.toString() ?? '',
    published_on: p.published_on ?? '',
    pages: p.pages?.toString() ?? '',
    formats: [...p.formats],
    languages: [...p.languages],
    people: p.people.map((x) => ({ name: x.name, role: x.role, affiliation: x.affiliation ?? '' })),
    organisations: p.organisations.map((x) => ({ name: x.name, abbreviation: x.abbreviation ?? '', role: x.role })),
    projects: p.projects.map((x) => ({ name: x.name, abbreviation: x.abbreviation ?? '' })),
    identifiers: p.identifiers.map((x) => ({ ...x })),
    relations: p.relations.map((x) => ({ ...x })),
    series: p.series ?? '',
    topics: [...p.topics],
    new_topics: '',
    countries: p.countries.join(', '),
    download: p.download,
    print_on_request: p.print_on_request,
    for_sale: p.for_sale,
    price: p.price ?? '',
    external_url: p.external_url ?? '',
    contact_phone: p.contact_phone ?? '',
    licence: p.licence ?? '',
    rights_holder: p.rights_holder ?? '',
  };
}

/** An empty form for a new publication. */
export function emptyForm(): PublicationForm {
  return readPublicationForm({ kind: 'report', original_language: 'en' });
}

/**
 * The form without its empty rows: a row counts once one of its text boxes is filled (its select alone
 * does not make it). Validation numbers rows among these, and the form shows these first, so a message
 * for "people.1.name" lands on the row shown second.
 */
export function filledRows(f: PublicationForm): PublicationForm {
  return {
    ...f,
    people: f.people.filter((r) => r.name || r.affiliation),
    organisations: f.organisations.filter((r) => r.name || r.abbreviation),
    projects: f.projects.filter((r) => r.name || r.abbreviation),
    identifiers: f.identifiers.filter((r) => r.value),
    relations: f.relations.filter((r) => r.target),
  };
}

const orNull = (s: string) => (s === '' ? null : s);
/** "2017" → 2017; anything else stays a string, so the schema reports it as not a number. */
const num = (s: string): number | string | null => (s === '' ? null : /^-?\d+$/.test(s) ? Number(s) : s);
const words = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

/** Validates the form; status and withdrawal reason come from the record, not from this form. */
export function inputFromForm(
  form: PublicationForm,
  keep: { status: Status; withdrawn_reason: LocalizedText | null },
): { ok: true; input: PublicationInput } | { ok: false; errors: FieldError[] } {
  const f = filledRows(form);
  const raw: Record<string, unknown> = {
    ...(f.slug ? { slug: f.slug } : {}),
    kind: f.kind,
    status: keep.status,
    withdrawn_reason: keep.withdrawn_reason,
    featured: f.featured,
    original_language: f.original_language,
    title: f.title,
    subtitle: f.subtitle,
    abstract: f.abstract,
    place: f.place,
    year: num(f.year),
    published_on: orNull(f.published_on),
    pages: num(f.pages),
    formats: f.formats,
    languages: f.languages,
    people: f.people.map((r) => ({
      name: r.name,
      role: r.role,
      ...(r.affiliation ? { affiliation: r.affiliation } : {}),
    })),
    organisations: f.organisations.map((r) => ({
      name: r.name,
      role: r.role,
      ...(r.abbreviation ? { abbreviation: r.abbreviation } : {}),
    })),
    projects: f.projects.map((r) => ({ name: r.name, ...(r.abbreviation ? { abbreviation: r.abbreviation } : {}) })),
    identifiers: f.identifiers,
    relations: f.relations,
    series: orNull(f.series),
    topics: [...new Set([...f.topics, ...words(f.new_topics.toLowerCase())])],
    countries: [...new Set(words(f.countries.toUpperCase()))],
    download: f.download,
    print_on_request: f.print_on_request,
    for_sale: f.for_sale,
    price: orNull(f.price),
    external_url: orNull(f.external_url),
    contact_phone: orNull(f.contact_phone),
    licence: orNull(f.licence),
    rights_holder: orNull(f.rights_holder),
  } satisfies Partial<Record<keyof PublicationInputRaw, unknown>>;
  const parsed = publicationInput.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: parsed.error.issues.map(fieldError) };
}

function fieldName(path: PropertyKey[]): string {
  const [head, second] = path;
  if (head === 'topics') return 'new_topics';
  if (head === 'countries' || head === 'formats' || head === 'languages') return String(head);
  if (typeof second === 'number' && path.length > 2) return path.map(String).join('.');
  return path.slice(0, 2).map(String).join('.');
}

function fieldError(issue: z.core.$ZodIssue): FieldError {
  const field = fieldName(issue.path);
  const i = issue as z.core.$ZodIssue & {
    origin?: string;
    maximum?: number | bigint;
    minimum?: number | bigint;
    format?: string;
    expected?: string;
  };
  switch (issue.code) {
    case 'too_big':
      return i.origin === 'string'
        ? { field, key: 'form.too_long', vars: { max: Number(i.maximum) } }
        : { field, key: 'form.too_big', vars: { max: Number(i.maximum) } };
    case 'too_small':
      return i.origin === 'string'
        ? { field, key: 'form.required' }
        : { field, key: 'form.too_small', vars: { min: Number(i.minimum) } };
    case 'invalid_type':
      return { field, key: i.expected === 'number' ? 'form.not_a_number' : 'form.invalid' };
    case 'invalid_format':
      if (field === 'countries') return { field, key: 'form.invalid_country' };
      if (field === 'new_topics' || field === 'slug' || field.endsWith('.target'))
        return { field, key: 'form.invalid_slug' };
      if (i.format === 'date') return { field, key: 'form.invalid_date' };
      if (i.format === 'url') return { field, key: 'form.invalid_url' };
      return { field, key: 'form.invalid' };
    case 'custom':
      return { field, key: field === 'title' ? 'form.title_required' : 'form.invalid' };
    default:
      return { field, key: 'form.invalid' };
  }
}
