// A publication as a CSL-JSON item: what every citation format (BibTeX, RIS, the CSL styles) starts from.
import type { Kind } from '../domain/publication.ts';
import type { PublicationDetail } from '../domain/records.ts';
import { citedAuthors, creatorsWithRole, pickText, type Creator } from './creators.ts';

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

// CSL item types. Handbooks, glossaries and the like are books; studies and guidelines are reports.
const CSL_TYPES: Record<Kind, string> = {
  report: 'report', summary: 'report', 'executive-summary': 'report', study: 'report', guidelines: 'report', framework: 'report',
  book: 'book', handbook: 'book', manual: 'book', glossary: 'book', 'childrens-book': 'book', compendium: 'book', workbook: 'book',
  'conference-proceedings': 'book', brochure: 'book', poster: 'graphic', news: 'article', other: 'document',
};

function cslName(c: Creator): CslName {
  return c.type === 'person' ? { family: c.family!, ...(c.given ? { given: c.given } : {}) } : { literal: c.name };
}

/**
 * The languages to cite in: the reader's when the publication exists in it (a Russian reader cites
 * the Russian edition), then the original language, then English.
 */
export function citationLanguages(p: PublicationDetail, readerLang: string): string[] {
  return [...(p.languages.includes(readerLang) ? [readerLang] : []), p.original_language, 'en'];
}

/** The CSL-JSON item for a publication; url is its public page. */
export function cslItem(p: PublicationDetail, url: string, readerLang = 'en'): CslItem {
  const langs = citationLanguages(p, readerLang);
  const title = pickText(p.title, langs)!;
  const subtitle = (p.subtitle as Record<string, string>)[title.lang];
  const names = (role: string) => {
    const list = creatorsWithRole(p, role, langs).map(cslName);
    return list.length ? list : undefined;
  };
  const date = p.published_on ? p.published_on.split('-').map(Number) : p.year ? [p.year] : null;
  const publishers = creatorsWithRole(p, 'publisher', langs).map((c) => c.name);
  const topics = p.topics.map((t) => pickText(t.name, langs)!.text);
  const item: CslItem = {
    id: p.slug,
    type: CSL_TYPES[p.kind],
    title: subtitle ? `${title.text}: ${subtitle}` : title.text,
    language: title.lang,
    author: citedAuthors(p, langs).map(cslName),
    editor: names('editor'),
    translator: names('translator'),
    illustrator: names('illustrator'),
    issued: date ? { 'date-parts': [date] } : undefined,
    publisher: publishers.length ? publishers.join('; ') : undefined,
    'number-of-pages': p.pages ?? undefined,
    'collection-title': p.series ?? undefined,
    abstract: pickText(p.abstract, langs)?.text,
    keyword: topics.length ? topics.join(', ') : undefined,
    URL: url,
    DOI: p.identifiers.find((i) => i.scheme === 'doi')?.value,
    ISBN: p.identifiers.find((i) => i.scheme === 'isbn')?.value,
  };
  if (!item.author?.length) delete item.author;
  return JSON.parse(JSON.stringify(item)) as CslItem;
}
