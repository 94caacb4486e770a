// GOST R 7.0.100-2018 (the bibliographic description; GOST R 7.0.5-2008 for lists of references), written
// by hand: CSL cannot print its areas ("Title : subtitle / statement ; editor. – Place : Publisher, Year.
// – 96 с."), its bracketed terms for what is unknown, or the URL with its access date.
import type { Creator } from './creators.ts';
import type { Reference } from './reference.ts';

interface Terms {
  pages: string;
  noPlace: string;
  noPublisher: string;
  noYear: string;
  editedBy: string;
  translatedBy: string;
  illustratedBy: string;
  etAl: string;
  accessed: string;
  content: string;
}

/** Terms in the language of the publication: Russian ones for Cyrillic-script languages, Latin ones otherwise (§ 4.1.3). */
const RU: Terms = {
  pages: 'с.',
  noPlace: '[б. м.]',
  noPublisher: '[б. и.]',
  noYear: '[б. г.]',
  editedBy: 'под редакцией',
  translatedBy: 'перевод',
  illustratedBy: 'художник',
  etAl: '[и др.]',
  accessed: 'дата обращения',
  content: 'Текст : электронный',
};
const LATIN: Terms = {
  pages: 'p.',
  noPlace: '[s. l.]',
  noPublisher: '[s. n.]',
  noYear: '[s. a.]',
  editedBy: 'edited by',
  translatedBy: 'translated by',
  illustratedBy: 'illustrated by',
  etAl: '[et al.]',
  accessed: 'accessed',
  content: 'Text : electronic',
};
const CYRILLIC_LANGUAGES = new Set(['ru', 'kk', 'ky', 'tg', 'uk', 'be', 'bg', 'mn']);

export function gostTerms(language: string): Terms {
  return CYRILLIC_LANGUAGES.has(language) ? RU : LATIN;
}

/** "A.", "J. P.", "J.-P." */
function initials(given: string): string {
  return given
    .split(/\s+/)
    .map((w) =>
      w
        .split('-')
        .map((part) => `${part[0]!.toUpperCase()}.`)
        .join('-'),
    )
    .join(' ');
}

/** The heading form: "Sultanova, A." */
function headingName(c: Creator): string {
  return c.type === 'person' && c.given ? `${c.family}, ${initials(c.given)}` : c.name;
}

/** The statement-of-responsibility form: "A. Sultanova"; an organisation whole. */
function statementName(c: Creator): string {
  return c.type === 'person' && c.given ? `${initials(c.given)} ${c.family}` : c.name;
}

/** The first letter capitalised, brackets aside: an area starts with a capital ("[Б. м.]"). */
const upperFirst = (s: string) => s.replace(/\p{L}/u, (c) => c.toUpperCase());
/** An element ends with a full stop unless it already ends with one (or with "?", "!"). */
const stop = (s: string) => (/[.?!]$/.test(s) ? s : `${s}.`);

/** dd.mm.yyyy */
function gostDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}

/** The reference as GOST R 7.0.100 describes an electronic resource; accessedOn is YYYY-MM-DD. */
export function gostReference(r: Reference, accessedOn: string): string {
  const t = gostTerms(r.language);
  const persons = r.authors.filter((a) => a.type === 'person');
  // One to three people: the first is the heading; four or more: no heading, "[и др.]" after the first three.
  const heading = persons.length >= 1 && persons.length <= 3 ? `${stop(headingName(persons[0]!))} ` : '';
  const shown =
    r.authors.length > 3
      ? `${r.authors.slice(0, 3).map(statementName).join(', ')} ${t.etAl}`
      : r.authors.map(statementName).join(', ');
  const groups = [
    shown,
    r.editors.length ? `${t.editedBy} ${r.editors.map(statementName).join(', ')}` : '',
    r.translators.length ? `${t.translatedBy} ${r.translators.map(statementName).join(', ')}` : '',
    r.illustrators.length ? `${t.illustratedBy} ${r.illustrators.map(statementName).join(', ')}` : '',
  ].filter(Boolean);
  const titleArea = `${r.title}${r.subtitle ? ` : ${r.subtitle}` : ''}${groups.length ? ` / ${groups.join(' ; ')}` : ''}`;
  const place = r.place ?? upperFirst(t.noPlace);
  const publishers = r.publishers.length ? r.publishers.join(' : ') : t.noPublisher;
  const year = r.date ? String(r.date[0]) : t.noYear;
  const areas = [
    stop(titleArea),
    `${place} : ${publishers}, ${year}.`,
    r.pages ? `${r.pages} ${t.pages}` : '',
    r.series ? `(${r.series}).` : '',
    r.isbn ? `ISBN ${r.isbn}.` : '',
    `URL: ${r.url} (${t.accessed}: ${gostDate(accessedOn)}).`,
    `${t.content}.`,
  ].filter(Boolean);
  return heading + areas.join(' – ');
}
