// A reference as a CSL-JSON item (valid against the CSL data schema, src/cite/schema/csl-data.json):
// what the CSL styles format and what the CSL-JSON export is.
import type { Creator } from './creators.ts';
import { fullTitle, type Reference } from './reference.ts';

/** CSL-JSON names: a person in parts, an organisation as one literal name (never "Migration, I. O."). */
export type CslName = { family: string; given?: string } | { literal: string };

export interface CslItem {
  id: string;
  type: string;
  title: string;
  language: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  illustrator?: CslName[];
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  publisher?: string;
  'publisher-place'?: string;
  'number-of-pages'?: number;
  'collection-title'?: string;
  abstract?: string;
  keyword?: string;
  URL: string;
  DOI?: string;
  ISBN?: string;
}

export function cslName(c: Creator): CslName {
  return c.type === 'person' ? { family: c.family!, ...(c.given ? { given: c.given } : {}) } : { literal: c.name };
}

const names = (list: Creator[]) => (list.length ? list.map(cslName) : undefined);

/** The CSL-JSON item of a reference; undefined values are left out. */
export function cslItem(r: Reference): CslItem {
  const item: CslItem = {
    id: r.id,
    type: r.types.csl,
    title: fullTitle(r),
    language: r.language,
    author: names(r.cited),
    editor: names(r.editors),
    translator: names(r.translators),
    illustrator: names(r.illustrators),
    issued: r.date ? { 'date-parts': [r.date] } : undefined,
    publisher: r.publishers.length ? r.publishers.join('; ') : undefined,
    'publisher-place': r.place,
    'number-of-pages': r.pages,
    'collection-title': r.series,
    abstract: r.abstract,
    keyword: r.keywords.length ? r.keywords.join(', ') : undefined,
    URL: r.url,
    DOI: r.doi,
    ISBN: r.isbn,
  };
  return JSON.parse(JSON.stringify(item)) as CslItem;
}
