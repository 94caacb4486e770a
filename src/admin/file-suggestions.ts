// Values a publication's files offer for its EMPTY fields: the title and authors their PDFs declare (files.metadata,
// stored by ingest), the date the document states (its title pages' text, else its XMP; never the file's creation
// date), and their page count. Staff accept them one at a time; a field that
// has a value is never offered, so nothing filled is ever written over. Pure: no I/O.
import { CONTENT_LANGUAGES, type PublicationInput } from '../domain/publication.ts';
import type { FileMetadata } from '../store/file-metadata.ts';
import { isoOf, statedDate } from '../text/document-date.ts';

/** One offer: a value for a field ("title.ru", "people", "year", "published_on", "pages"), from a file. */
export interface Suggestion {
  field: string;
  value: string;
  fileId: number;
  fileName: string;
  lang?: string;
  /** Where the value was read: a page's words ("Бишкек 2016"), or the document's metadata (an XMP key). */
  source?: { page: number; excerpt: string } | { metadata: string };
}

/** "A. Author; B. Author" → two names. Only semicolons part names: "Smith, J." is one person. */
export function authorNames(author: string): string[] {
  return [
    ...new Set(
      author
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 20);
}

/** The offers for the publication's empty fields, at most one per field (the first file that has a value wins). */
export function fileSuggestions(input: PublicationInput, files: FileMetadata[]): Suggestion[] {
  const out: Suggestion[] = [];
  const offer = (
    field: string,
    value: string | null | undefined,
    f: FileMetadata,
    lang?: string,
    source?: Suggestion['source'],
  ) => {
    if (value && !out.some((s) => s.field === field))
      out.push({
        field,
        value,
        fileId: f.id,
        fileName: f.original_name,
        ...(lang ? { lang } : {}),
        ...(source ? { source } : {}),
      });
  };
  for (const f of files) {
    const m = f.metadata ?? {};
    // A declared title is in the file's language, as far as we know it; else the publication's own.
    const lang = (CONTENT_LANGUAGES as readonly string[]).includes(f.language ?? '')
      ? f.language!
      : input.original_language;
    if (!input.title[lang as keyof PublicationInput['title']]) offer(`title.${lang}`, m.title, f, lang);
    if (input.people.length === 0 && m.author) offer('people', authorNames(m.author).join('; '), f);
    const date = documentDate(f);
    if (date && input.year === null) offer('year', String(date.year), f, undefined, date.source);
    if (date?.iso && input.published_on === null) offer('published_on', date.iso, f, undefined, date.source);
    if (input.pages === null && f.pages) offer('pages', String(f.pages), f);
  }
  return out;
}

/** The date a file's document states: on its first or last pages, else in its XMP. */
function documentDate(f: FileMetadata): { year: number; iso: string | null; source: Suggestion['source'] } | null {
  const stated = statedDate(f.edge_pages ?? []);
  if (stated) return { year: stated.year, iso: isoOf(stated), source: { page: stated.page, excerpt: stated.excerpt } };
  const published = f.metadata?.published;
  if (!published) return null;
  return {
    year: Number(published.slice(0, 4)),
    iso: /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : null,
    source: { metadata: f.metadata?.publishedKey ?? 'XMP' },
  };
}

/** The publication with the suggestion's value in its field (to be validated again before it is saved). */
export function withSuggestion(input: PublicationInput, s: Suggestion): Record<string, unknown> {
  if (s.field.startsWith('title.')) return { ...input, title: { ...input.title, [s.field.slice(6)]: s.value } };
  switch (s.field) {
    case 'people':
      return { ...input, people: authorNames(s.value).map((name) => ({ name, role: 'author' })) };
    case 'year':
      return { ...input, year: Number(s.value) };
    case 'pages':
      return { ...input, pages: Number(s.value) };
    case 'published_on':
      return { ...input, published_on: s.value };
    default:
      return input;
  }
}
