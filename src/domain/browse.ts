// The browse/search query: filters, sorting and paging shared by the pages and the API.
import { z } from 'zod';
import { CONTENT_LANGUAGES, KINDS } from './publication.ts';

const slugParam = z.string().regex(/^[a-z0-9-]{1,120}$/, 'a slug: lowercase letters, digits and hyphens');

export const SORTS = ['relevance', 'newest', 'oldest', 'title'] as const;

/** Longer queries are cut to this (at a word), not refused: a pasted paragraph still finds something. */
export const MAX_QUERY = 200;

/** A query cut to MAX_QUERY characters, at the last word that fits. */
export function shortenQuery(q: string): string {
  if (q.length <= MAX_QUERY) return q;
  const cut = q.slice(0, MAX_QUERY + 1);
  const space = cut.lastIndexOf(' ');
  return (space > MAX_QUERY / 2 ? cut.slice(0, space) : cut.slice(0, MAX_QUERY)).trim();
}

export const browseQuery = z.object({
  q: z
    .string()
    .max(10_000, 'at most 10,000 characters')
    .optional()
    .transform((v) => (v?.trim() ? shortenQuery(v.trim()) : undefined)),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  year_from: z.coerce.number().int().min(1900).max(2100).optional().describe('Published in this year or later'),
  year_to: z.coerce.number().int().min(1900).max(2100).optional().describe('Published in this year or earlier'),
  language: z.enum(CONTENT_LANGUAGES).optional(),
  kind: z.enum(KINDS).optional(),
  topic: slugParam.optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code such as KZ')
    .transform((c) => c.toUpperCase())
    .optional(),
  funder: slugParam.optional(),
  project: slugParam.optional(),
  sort: z.enum(SORTS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100, 'at most 100').default(20),
});
export type BrowseQuery = z.infer<typeof browseQuery>;

/** The query's year range (year_from–year_to, either end open), or null when it has none. */
export function yearRange(q: Pick<BrowseQuery, 'year_from' | 'year_to'>): YearRange | null {
  return q.year_from === undefined && q.year_to === undefined
    ? null
    : { from: q.year_from ?? 0, to: q.year_to ?? 65535 };
}
export interface YearRange {
  from: number;
  to: number;
}

/** The filter parameters, in the order facets are shown. */
export const FACETS = ['year', 'language', 'kind', 'topic', 'country', 'funder', 'project'] as const;
export type Facet = (typeof FACETS)[number];

export interface FacetValue {
  value: string;
  count: number;
  label?: Record<string, string> | null;
}
export type Facets = Record<Facet, FacetValue[]>;
