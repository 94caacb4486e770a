// The publication and what hangs off it: vocabularies, and the one input shape that every
// writer (demo loader, importer, admin forms, API, restore) goes through.
import { z } from 'zod';
import { detectLanguage } from '../text/language.ts';
import { LICENCE_IDS } from './licence.ts';

export const CONTENT_LANGUAGES = ['en', 'ru', 'kk', 'ky', 'uz', 'tg'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

export const KINDS = [
  'report',
  'summary',
  'executive-summary',
  'handbook',
  'manual',
  'glossary',
  'guidelines',
  'book',
  'childrens-book',
  'poster',
  'brochure',
  'compendium',
  'framework',
  'study',
  'conference-proceedings',
  'workbook',
  'news',
  'other',
] as const;
export type Kind = (typeof KINDS)[number];

export const STATUSES = ['draft', 'in_review', 'published', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

export const FORMATS = ['pdf', 'electronic', 'print'] as const;

export const PERSON_ROLES = ['author', 'editor', 'illustrator', 'translator', 'contributor', 'contact'] as const;
export const ORGANISATION_ROLES = ['publisher', 'funder', 'partner', 'author'] as const;

/** Relation types, each read "source TYPE target"; the inverse label is used on the target's page. */
export const RELATION_TYPES = [
  'summaryOf',
  'executiveSummaryOf',
  'followsUp',
  'validates',
  'translationOf',
  'announces',
  'partOf',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const IDENTIFIER_SCHEMES = ['isbn', 'issn', 'doi', 'url', 'handle', 'other'] as const;

/** A value written in several languages: {"en": "…", "ru": "…"}. */
export const localizedText = z.partialRecord(z.enum(CONTENT_LANGUAGES), z.string().trim().min(1).max(20_000));
export type LocalizedText = z.infer<typeof localizedText>;

/** The value in lang, else in the original language, else English, else any. */
export function pickText(value: LocalizedText, lang: string | undefined, original?: string): string | null {
  const v = value as Record<string, string>;
  for (const l of [lang, original, 'en']) if (l && v[l]) return v[l];
  return Object.values(v)[0] ?? null;
}

/** A reason given as one string becomes a one-language map: the language its words are in, else English. */
function reasonFromText(v: unknown): unknown {
  if (typeof v !== 'string') return v && typeof v === 'object' && Object.keys(v).length === 0 ? null : v;
  const text = v.trim();
  if (!text) return null;
  const lang = detectLanguage(text, ['en', 'ru', 'kk', 'ky']) ?? (/[\u0400-\u04ff]/.test(text) ? 'ru' : 'en');
  return { [lang]: text };
}

const name = z.string().trim().min(1).max(300);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens')
  .max(120);
const iso3166 = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as KZ');

export const organisationRef = z.object({
  name,
  abbreviation: z.string().trim().max(40).optional(),
  role: z.enum(ORGANISATION_ROLES),
});
export const personRef = z.object({ name, role: z.enum(PERSON_ROLES), affiliation: z.string().max(300).optional() });
export const projectRef = z.object({ name, abbreviation: z.string().trim().max(40).optional() });

/** Everything needed to create or replace a publication; entities are referenced by name and found or created. */
/** Whether a value is a web address a link may point to (http or https): never javascript:, data: or the like. */
export function isWebUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** An identifier; one of scheme url is shown as a link, so it must be a web address. */
const identifier = z
  .object({ scheme: z.enum(IDENTIFIER_SCHEMES), value: z.string().trim().min(1).max(500) })
  .superRefine((v, ctx) => {
    if (v.scheme === 'url' && !isWebUrl(v.value))
      ctx.addIssue({
        code: 'invalid_format',
        format: 'url',
        path: ['value'],
        input: v.value,
        message: 'a url identifier must be an http:// or https:// address',
      });
  });

export const publicationInput = z.object({
  slug: slug.optional(),
  kind: z.enum(KINDS),
  status: z.enum(STATUSES).default('published'),
  featured: z.boolean().default(false),
  title: localizedText.refine((t) => Object.keys(t).length > 0, 'a title in at least one language'),
  subtitle: localizedText.default({}),
  abstract: localizedText.default({}),
  /** When absent: the language of the title if it has one, else the first of the publication's languages (originalLanguageOf). */
  original_language: z.enum(CONTENT_LANGUAGES).optional(),
  year: z.number().int().min(1900).max(2100).nullable().default(null),
  published_on: z.iso.date().nullable().default(null),
  pages: z.number().int().min(1).max(100_000).nullable().default(null),
  formats: z.array(z.enum(FORMATS)).default([]),
  languages: z.array(z.enum(CONTENT_LANGUAGES)).default([]),
  people: z.array(personRef).default([]),
  organisations: z.array(organisationRef).default([]),
  projects: z.array(projectRef).default([]),
  series: z.string().trim().max(300).nullable().default(null),
  /** Place of publication as stated on the publication, per language ("Astana", "Астана"). */
  place: localizedText.default({}),
  identifiers: z.array(identifier).default([]),
  topics: z.array(slug).default([]),
  countries: z.array(iso3166).default([]),
  download: z.boolean().default(false),
  print_on_request: z.boolean().default(false),
  for_sale: z.boolean().default(false),
  price: z.string().trim().max(100).nullable().default(null),
  external_url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  contact_phone: z.string().trim().max(100).nullable().default(null),
  /** Why it was withdrawn, per language; a plain string (older exports, API clients) is taken as one language. */
  withdrawn_reason: z
    .preprocess(
      reasonFromText,
      z.partialRecord(z.enum(CONTENT_LANGUAGES), z.string().trim().min(1).max(2000)).nullable(),
    )
    .default(null),
  /** Issue 18: an SPDX id or all-rights-reserved, and who holds the rights. */
  licence: z.enum(LICENCE_IDS).nullable().default(null),
  rights_holder: z.string().trim().max(300).nullable().default(null),
  /** Relations to other publications by their slug; the target may be created later in the same load. */
  relations: z.array(z.object({ type: z.enum(RELATION_TYPES), target: slug })).default([]),
});
export type PublicationInput = z.infer<typeof publicationInput>;
export type PublicationInputRaw = z.input<typeof publicationInput>;

/** A topic (subject term) with its labels. */
export const topicInput = z.object({ slug, label: localizedText });
export type TopicInput = z.infer<typeof topicInput>;

/**
 * The original language of an input: as given, else the only language of its title, else the first
 * language it exists in, else the first language of its title. Never a default: a record in Kyrgyz is
 * not English because nobody said so.
 */
export function originalLanguageOf(
  p: Pick<PublicationInput, 'original_language' | 'title' | 'languages'>,
): ContentLanguage {
  if (p.original_language) return p.original_language;
  const titled = Object.keys(p.title) as ContentLanguage[];
  if (titled.length === 1) return titled[0]!;
  return (p.languages.find((l) => titled.includes(l)) ?? p.languages[0] ?? titled[0]) as ContentLanguage;
}
