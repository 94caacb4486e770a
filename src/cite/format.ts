// Citations: BibTeX, RIS, CSL-JSON and GOST R 7.0.100 written by Kitap; APA, Chicago and Harvard through
// citeproc (citation-js) with CSL styles, with the terms of the reference's own language.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type Cite from 'citation-js';
import { bibtexEntry } from './bibtex.ts';
import { cslItem, type CslItem } from './csl.ts';
import { gostReference } from './gost.ts';
import type { Reference } from './reference.ts';
import { risRecord } from './ris.ts';
import { properNounsIn, sentenceCase } from './sentence-case.ts';

export const CITATION_FORMATS = ['bibtex', 'ris', 'csl-json', 'apa', 'chicago', 'harvard', 'gost'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export function isCitationFormat(s: string | undefined): s is CitationFormat {
  return (CITATION_FORMATS as readonly string[]).includes(s ?? '');
}

/** The formats citeproc writes (the others Kitap writes itself, in microseconds). */
export type StyledFormat = 'apa' | 'chicago' | 'harvard';
export const isStyled = (f: CitationFormat): f is StyledFormat => f === 'apa' || f === 'chicago' || f === 'harvard';

/** The CSL style behind each styled format; apa and harvard1 come with citation-js, Chicago from ./csl. */
const TEMPLATES = { apa: 'apa', chicago: 'chicago-author-date', harvard: 'harvard1' } as const;

const cslFile = (name: string) => fs.readFileSync(new URL(`./csl/${name}`, import.meta.url), 'utf8');
const require = createRequire(import.meta.url);
let cite: typeof Cite | undefined;
/**
 * citation-js with Kitap's styles, loaded by the first citation it formats rather than at start: it takes some
 * 35 MB, and item pages use citations stored with the record (src/cite/stored.ts). Synchronous (CommonJS).
 */
function citationJs(): typeof Cite {
  if (cite) return cite;
  cite = require('citation-js') as typeof Cite;
  const csl = cite.plugins.config.get('@csl');
  if (!csl.templates.has(TEMPLATES.chicago)) csl.templates.add(TEMPLATES.chicago, cslFile('chicago-author-date.csl'));
  if (!csl.locales.has('ru-RU')) csl.locales.add('ru-RU', cslFile('locales-ru-RU.xml'));
  return cite;
}

/**
 * The CSL locale of a reference: its terms ("n.d.", "Ed.", "pp.") are those of the language the reference
 * is written in, the title's. CSL has Russian terms but no Kazakh or Kyrgyz ones; those references, like
 * all others, take English terms, never Russian ones inside an English reference.
 */
export function cslLocale(r: Reference): string {
  return r.titleLang === 'ru' ? 'ru-RU' : 'en-US';
}

export interface Citation {
  body: string;
  contentType: string;
  extension: string;
}

/** APA 7: sentence-case English titles; a publisher that is also a (group) author is not repeated (§ 9.25). */
function apaItem(r: Reference, item: CslItem): CslItem {
  const authors = new Set(r.cited.filter((c) => c.type === 'organisation').map((c) => c.name));
  const publishers = r.publishers.filter((p) => !authors.has(p));
  const names = [
    ...r.publishers,
    ...[...r.cited, ...r.editors].filter((c) => c.type === 'organisation').map((c) => c.name),
    ...(r.series ? [r.series] : []),
  ];
  const title = r.titleLang === 'en' ? sentenceCase(item.title, properNounsIn(r.abstract ?? ''), names) : item.title;
  return { ...item, title, publisher: publishers.length ? publishers.join('; ') : undefined };
}

const RU_MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Harvard (Cite Them Right) writes the access date day first: "(Accessed: 6 December 2026)"; the bundled
 * en-US locale writes "December 6, 2026" and the Russian one a nominative month ("6 декабрь"). The date
 * in parentheses after the URL is rewritten from the date itself.
 */
function harvardAccessed(text: string, accessedOn: string, locale: string): string {
  const [y, m, d] = accessedOn.split('-').map(Number) as [number, number, number];
  const date = locale === 'ru-RU' ? `${d} ${RU_MONTHS_GENITIVE[m - 1]} ${y} г.` : `${d} ${EN_MONTHS[m - 1]} ${y}`;
  return text.replace(
    /\((Accessed|Просмотрено): [^)]*\)/,
    (_, label: string) => `(${label === 'Accessed' ? 'Accessed' : 'дата обращения'}: ${date})`,
  );
}

/** What citeproc is given for a styled format: the CSL item, the style and the locale. */
export interface StyledInput {
  template: string;
  lang: string;
  data: CslItem;
}

/** The citeproc input of a styled format; the access date is Harvard's (rewritten by finishStyled). */
export function styledInput(r: Reference, format: StyledFormat, accessedOn: string): StyledInput {
  const item = cslItem(r);
  const data =
    format === 'apa'
      ? apaItem(r, item)
      : format === 'harvard'
        ? { ...item, accessed: { 'date-parts': [accessedOn.split('-').map(Number)] } }
        : // Chicago sets a report published on its own like a book, its title in italics (CMOS 14.220); the
          // style would put it in quotation marks as if it were part of something.
          format === 'chicago' && item.type === 'report'
          ? { ...item, type: 'book' }
          : item;
  return { template: TEMPLATES[format], lang: cslLocale(r), data };
}

/**
 * What citeproc makes of an input (milliseconds each: 40 % of an item page's first rendering). The last
 * thousand are kept by their whole input, since the same record is cited again and again.
 */
export function citeproc(input: StyledInput): string {
  const key = JSON.stringify(input);
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const Cite = citationJs();
  const text = new Cite([input.data])
    .format('bibliography', { template: input.template, lang: input.lang, format: 'text' })
    .trim();
  if (formatted.size >= FORMATTED_CACHE) formatted.delete(formatted.keys().next().value!);
  formatted.set(key, text);
  return text;
}
const formatted = new Map<string, string>();
const FORMATTED_CACHE = 1000;

/** citeproc's text as a reader gets it: Harvard's access date written day first, one line. */
export function finishStyled(text: string, format: StyledFormat, lang: string, accessedOn: string): string {
  return `${format === 'harvard' ? harvardAccessed(text, accessedOn, lang) : text}\n`;
}

/**
 * Changes whenever the same input could come out of citeproc differently: this number (raise it when the
 * call above changes), citation-js's version and the style and locale files read here. Stored citations of
 * another version are formatted again (src/cite/stored.ts).
 */
export const CITEPROC_VERSION = createHash('sha256')
  .update(
    JSON.stringify([
      1,
      (
        JSON.parse(fs.readFileSync(new URL(import.meta.resolve('citation-js/package.json')), 'utf8')) as {
          version: string;
        }
      ).version,
      cslFile('chicago-author-date.csl'),
      cslFile('locales-ru-RU.xml'),
    ]),
  )
  .digest('hex')
  .slice(0, 16);

/** One reference cited in a format; accessedOn (YYYY-MM-DD) is the access date GOST and Harvard print. */
export function formatCitation(r: Reference, format: CitationFormat, accessedOn: string): Citation {
  switch (format) {
    case 'csl-json':
      return {
        body: `${JSON.stringify([cslItem(r)], null, 2)}\n`,
        contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
        extension: 'json',
      };
    case 'bibtex':
      return { body: bibtexEntry(r), contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib' };
    case 'ris':
      return {
        body: risRecord(r),
        contentType: 'application/x-research-info-systems; charset=utf-8',
        extension: 'ris',
      };
    case 'gost':
      return { body: `${gostReference(r, accessedOn)}\n`, contentType: TEXT, extension: 'txt' };
    default: {
      const input = styledInput(r, format, accessedOn);
      return {
        body: finishStyled(citeproc(input), format, input.lang, accessedOn),
        contentType: TEXT,
        extension: 'txt',
      };
    }
  }
}

export const TEXT = 'text/plain; charset=utf-8';
