// BibTeX written by hand, in UTF-8 (biber and modern BibTeX read it): the entry type per kind with the
// fields that type requires (institution for @techreport, publisher and year for @book), falling back to
// a type whose required fields the record has, organisations in braces so no style splits them.
import { invertedName, type Creator } from './creators.ts';
import type { Reference } from './reference.ts';

type EntryType = Reference['types']['bibtex'];

/** Required fields of the standard BibTeX entry types ("author" means author or editor where allowed). */
const REQUIRED: Record<EntryType, string[]> = {
  techreport: ['author', 'title', 'institution', 'year'],
  book: ['author|editor', 'title', 'publisher', 'year'],
  proceedings: ['title', 'year'],
  booklet: ['title'],
  misc: [],
};
const FALLBACK: Record<EntryType, EntryType> = {
  techreport: 'misc',
  book: 'booklet',
  proceedings: 'booklet',
  booklet: 'misc',
  misc: 'misc',
};

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** Characters BibTeX treats as commands or comments, escaped; braces kept balanced by escaping them too. */
function escape(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\{}&%$#_])/g, (m) => (m === '\\' ? '\\textbackslash{}' : `\\${m}`));
}

function names(list: Creator[]): string | undefined {
  if (!list.length) return undefined;
  return list.map((c) => (c.type === 'person' ? escape(invertedName(c)) : `{${escape(c.name)}}`)).join(' and ');
}

/** The BibTeX entry of a reference; the slug is the key (BibTeX keys may hold hyphens). */
export function bibtexEntry(r: Reference): string {
  const institutionLike = r.publishers.length ? r.publishers.map(escape).join(' and ') : undefined;
  const fields: Record<string, string | undefined> = {
    author: names(r.cited),
    editor: names(r.editors),
    translator: names(r.translators),
    // Double braces keep the title's case: styles would otherwise lowercase "Central Asia".
    title: `{${escape(r.subtitle ? `${r.title}: ${r.subtitle}` : r.title)}}`,
    year: r.date ? String(r.date[0]) : undefined,
    month: r.date?.[1] ? String(r.date[1]) : undefined,
    date: r.date ? r.date.map((n, i) => (i ? String(n).padStart(2, '0') : String(n))).join('-') : undefined,
    series: r.series && escape(r.series),
    address: r.place && escape(r.place),
    pagetotal: r.pages ? String(r.pages) : undefined,
    isbn: r.isbn,
    doi: r.doi,
    url: r.url,
    language: LANGUAGE_NAMES.of(r.language) ?? r.language,
    abstract: r.abstract && escape(r.abstract),
    keywords: r.keywords.length ? r.keywords.map(escape).join(', ') : undefined,
  };
  let type = r.types.bibtex;
  const has = (f: string) =>
    f
      .split('|')
      .some(
        (x) =>
          fields[x] !== undefined || (x === 'institution' || x === 'publisher' ? institutionLike !== undefined : false),
      );
  while (!REQUIRED[type].every(has)) type = FALLBACK[type];
  if (type === 'techreport') fields.institution = institutionLike;
  else if (type === 'book' || type === 'proceedings') fields.publisher = institutionLike;
  else fields.howpublished = institutionLike;
  const body = Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `  ${k} = {${v}}`);
  return `@${type}{${r.id},\n${body.join(',\n')}\n}\n`;
}
