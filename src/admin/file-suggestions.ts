// Values a publication's files offer for its EMPTY fields: the title, authors and dates their PDFs declare
// (files.metadata, stored by ingest) and their page count. Staff accept them one at a time; a field that
// has a value is never offered, so nothing filled is ever written over. Pure: no I/O.
import { CONTENT_LANGUAGES, type PublicationInput } from '../domain/publication.ts';
import type { FileMetadata } from '../store/file-metadata.ts';

/** One offer: a value for a field ("title.ru", "people", "year", "published_on", "pages"), from a file. */
export interface Suggestion {
  field: string;
  value: string;
  fileId: number;
  fileName: string;
  lang?: string;
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
  const offer = (field: string, value: string | null | undefined, f: FileMetadata, lang?: string) => {
    if (value && !out.some((s) => s.field === field))
      out.push({ field, value, fileId: f.id, fileName: f.original_name, ...(lang ? { lang } : {}) });
  };
  for (const f of files) {
    const m = f.metadata ?? {};
    // A declared title is in the file's language, as far as we know it; else the publication's own.
    const lang = (CONTENT_LANGUAGES as readonly string[]).includes(f.language ?? '')
      ? f.language!
      : input.original_language;
    if (!input.title[lang as keyof PublicationInput['title']]) offer(`title.${lang}`, m.title, f, lang);
    if (input.people.length === 0 && m.author) offer('people', authorNames(m.author).join('; '), f);
    const created = /^\d{4}-\d{2}-\d{2}/.exec(m.created ?? '')?.[0];
    if (input.year === null && created) offer('year', created.slice(0, 4), f);
    if (input.published_on === null) offer('published_on', created, f);
    if (input.pages === null && f.pages) offer('pages', String(f.pages), f);
  }
  return out;
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
