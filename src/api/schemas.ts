// The API's response shapes as zod schemas: the OpenAPI document is generated from these and the
// query schemas, and the tests parse responses with them, so documentation and behaviour cannot drift.
import { z } from 'zod';
import { FACETS } from '../domain/browse.ts';
import { KINDS, RELATION_TYPES, STATUSES, localizedText } from '../domain/publication.ts';

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).meta({ id: 'Error' });

const link = z.object({ slug: z.string(), name: z.string(), names: localizedText, abbreviation: z.string().nullable().optional(), url: z.string() });
const roleLink = link.extend({ role: z.string() });

export const publicationItem = z.object({
  slug: z.string(),
  title: z.string().describe('In the requested language when there is one, else the original'),
  subtitle: z.string().nullable(),
  titles: localizedText,
  year: z.number().int().nullable(),
  kind: z.enum(KINDS),
  languages: z.array(z.string()),
  featured: z.boolean(),
  url: z.string().describe('The page of the publication'),
  api_url: z.string(),
}).meta({ id: 'PublicationItem' });

const facetValue = z.object({ value: z.string(), count: z.number().int(), label: z.string().optional() });

export const publicationList = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  items: z.array(publicationItem),
  facets: z.object(Object.fromEntries(FACETS.map((f) => [f, z.array(facetValue)])) as Record<(typeof FACETS)[number], z.ZodArray<typeof facetValue>>),
}).meta({ id: 'PublicationList' });

const related = z.object({ type: z.enum(RELATION_TYPES), slug: z.string(), title: z.string(), year: z.number().int().nullable(), url: z.string() });

export const publicationFull = publicationItem.extend({
  status: z.enum(STATUSES),
  subtitles: localizedText,
  abstract: z.string().nullable(),
  abstracts: localizedText,
  original_language: z.string(),
  published_on: z.string().nullable(),
  pages: z.number().int().nullable(),
  formats: z.array(z.string()),
  countries: z.array(z.string()),
  series: z.string().nullable(),
  people: z.array(roleLink),
  organisations: z.array(roleLink),
  projects: z.array(link),
  topics: z.array(link),
  identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })),
  availability: z.object({ download: z.boolean(), print_on_request: z.boolean(), for_sale: z.boolean(), price: z.string().nullable(), external_url: z.string().nullable(), contact_phone: z.string().nullable() }),
  files: z.array(z.object({ name: z.string(), media_type: z.string(), size: z.number().int(), pages: z.number().int().nullable(), language: z.string().nullable(), sha256: z.string(), sample: z.boolean(), url: z.string() })),
  related: z.object({ outgoing: z.array(related), incoming: z.array(related) }),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: 'Publication' });

export const entityItem = z.object({
  slug: z.string(), name: z.string(), names: localizedText, abbreviation: z.string().nullable(),
  publication_count: z.number().int(), url: z.string(), api_url: z.string(),
}).meta({ id: 'Entity' });

export const entityList = z.object({ total: z.number().int(), items: z.array(entityItem) }).meta({ id: 'EntityList' });
export const entityFull = entityItem.extend({ publications: z.array(publicationItem) }).meta({ id: 'EntityWithPublications' });

export const langQuery = z.object({ lang: z.enum(['en', 'ru', 'kk', 'ky']).optional().describe('Language to choose titles in') });
