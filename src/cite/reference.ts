// A publication as one reference: what every citation writer (CSL-JSON and the CSL styles, RIS, BibTeX,
// GOST) and the item page's meta tags start from, chosen once: the title in the cited language, the
// language of the publication as cited, who made it, where and when.
import type { Kind } from '../domain/publication.ts';
import type { PublicationDetail } from '../domain/records.ts';
import { fullTextFiles } from '../visibility.ts';
import { citedAuthors, creatorsWithRole, pickText, type Creator } from './creators.ts';
import { KIND_TYPES, type KindTypes } from './kinds.ts';

export interface Reference {
  id: string;
  kind: Kind;
  types: KindTypes;
  title: string;
  subtitle?: string;
  /** The language of the title shown. */
  titleLang: string;
  /** The language of the publication as cited (ISO 639-1): never a default, always one it exists in. */
  language: string;
  /** Every language the publication exists in, the cited one first. */
  languages: string[];
  /** Authors as catalogued (role author). */
  authors: Creator[];
  /** The authors to cite: authors, else none when there are editors, else the publishers as group authors. */
  cited: Creator[];
  editors: Creator[];
  translators: Creator[];
  illustrators: Creator[];
  publishers: string[];
  place?: string;
  /** [year] or [year, month, day]. */
  date?: number[];
  pages?: number;
  series?: string;
  isbn?: string;
  doi?: string;
  abstract?: string;
  keywords: string[];
  /** The item page. */
  url: string;
  /** The full text as a PDF that is not a sample, when there is one. */
  pdfUrl?: string;
}

/** The languages a publication exists in: as catalogued, else those of its files, else its original language. */
export function publicationLanguages(p: PublicationDetail): string[] {
  const fromFiles = p.files.map((f) => f.language).filter((l): l is string => !!l);
  const all = [...p.languages, ...fromFiles];
  return all.length ? [...new Set(all)] : [p.original_language];
}

/**
 * The languages to cite in: the reader's when the publication exists in it (a Russian reader cites
 * the Russian edition), then the original language, then English.
 */
export function citationLanguages(p: PublicationDetail, readerLang: string): string[] {
  return [...(publicationLanguages(p).includes(readerLang) ? [readerLang] : []), p.original_language, 'en'];
}

/** The full-text PDF readers may download, never a sample: what citation_pdf_url and RIS L1 point to. */
export function fullTextPdfUrl(p: PublicationDetail, origin: string): string | undefined {
  const f = fullTextFiles(p.files).find((x) => x.media_type === 'application/pdf');
  return f ? `${origin}/publications/${p.slug}/files/${f.id}/${encodeURIComponent(f.original_name)}` : undefined;
}

/** The reference for a publication as a reader of readerLang cites it; origin is the public origin. */
export function referenceOf(p: PublicationDetail, origin: string, readerLang = 'en'): Reference {
  const langs = citationLanguages(p, readerLang);
  const title = pickText(p.title, langs)!;
  const available = publicationLanguages(p);
  // A title translated for the catalogue (an English title of a Kyrgyz book) does not make the book English.
  const language = available.includes(title.lang)
    ? title.lang
    : available.includes(p.original_language)
      ? p.original_language
      : available[0]!;
  const textLangs = [title.lang, ...langs];
  const date = p.published_on ? p.published_on.split('-').map(Number) : p.year ? [p.year] : undefined;
  const ids = (scheme: string) => p.identifiers.find((i) => i.scheme === scheme)?.value;
  return {
    id: p.slug,
    kind: p.kind,
    types: KIND_TYPES[p.kind],
    title: title.text,
    subtitle: (p.subtitle as Record<string, string>)[title.lang],
    titleLang: title.lang,
    language,
    languages: [language, ...available.filter((l) => l !== language)],
    authors: creatorsWithRole(p, 'author', textLangs),
    cited: citedAuthors(p, textLangs),
    editors: creatorsWithRole(p, 'editor', textLangs),
    translators: creatorsWithRole(p, 'translator', textLangs),
    illustrators: creatorsWithRole(p, 'illustrator', textLangs),
    publishers: creatorsWithRole(p, 'publisher', textLangs).map((c) => c.name),
    place: pickText(p.place, textLangs)?.text,
    date,
    pages: p.pages ?? undefined,
    series: p.series ?? undefined,
    isbn: ids('isbn'),
    doi: ids('doi'),
    abstract: pickText(p.abstract, textLangs)?.text,
    keywords: p.topics.map((t) => pickText(t.name, textLangs)!.text),
    url: `${origin}/publications/${p.slug}`,
    pdfUrl: fullTextPdfUrl(p, origin),
  };
}

/** "Title: Subtitle", as most formats join them. */
export function fullTitle(r: Reference): string {
  return r.subtitle ? `${r.title}: ${r.subtitle}` : r.title;
}
