// Lines that are a whole publication, or a known part of one, in the layouts lists use: numbered and
// bulleted items, citations ("UNDP 2016: Title", "Author, A. (2015). Title. Publisher."), titles with a
// date after them ("Title (2014)", "Title – March 2019"), bylines ("by A. Author, 2019") and
// "Also available in Russian", in English, Russian and Kazakh.
import { isKnownCity, isPlaceName } from './header.ts';
import { findLanguages, findOrganisations } from './vocabulary.ts';

const MONTH =
  '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?|январ[ьяе]|феврал[ьяе]|марта?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан';
const YEAR = '(?:19|20)\\d{2}';
const DATE = `(?:\\d{1,2}\\s+(?:${MONTH})\\s+${YEAR}|(?:${MONTH})\\s+\\d{1,2},?\\s+${YEAR}|(?:${MONTH})\\s+${YEAR}|\\d{1,2}[./]\\d{1,2}[./]${YEAR}|${YEAR}(?:\\s*(?:г\\.|ж\\.|год|жыл))?)`;

/** "1. ", "12) ", "• ", "– ": the mark of a list item. */
export const LIST_MARK = /^(?:\d{1,3}[.)]|[•·▪◦●■*–—-])\s+(?=\S)/u;

/** A date (or year) at the end of a title: "Title (2014)", "Title – March 2019", "Title, 2019", "Title | 14.03.2019". */
const DATE_SUFFIX = new RegExp(`^(.*?\\S)\\s*(?:\\((${DATE})\\)|(?:[–—|-]|,)\\s*(${DATE}))\\.?$`, 'iu');

export function dateSuffix(text: string): { rest: string; year: number } | null {
  const m = DATE_SUFFIX.exec(text.trim());
  if (!m || m[1]!.split(/\s+/).length < 2) return null;
  const y = new RegExp(YEAR).exec(m[2] ?? m[3]!);
  return y ? { rest: m[1]!, year: Number(y[0]) } : null;
}

export interface Citation {
  authors: string[];
  organisation: boolean;
  year: number;
  title: string;
  publisher: string | null;
  /** "City: Publisher." names the place too. */
  place: string | null;
}

// "Author, A. B., & Other, C. (2015). Title of the work. City: Publisher."
const APA = new RegExp(`^(\\p{Lu}[^()]{1,200}?)\\s*\\((${YEAR})[a-z]?\\)\\.?\\s+(.+?)$`, 'u');
// "UNDP 2016: Human Development Report Kyrgyzstan", "ОБСЕ, 2018. Название"
const AGENCY = new RegExp(`^([\\p{Lu}][\\p{L}\\p{N}&.'’ -]{1,60}?),?\\s+(${YEAR})\\s*[:.–—-]\\s+(\\S.+)$`, 'u');

/** A citation line, or null. */
export function parseCitation(text: string): Citation | null {
  const t = text.trim().replace(LIST_MARK, '');
  const apa = APA.exec(t);
  if (apa) {
    const [title, ...rest] = splitSentences(apa[3]!);
    if (!title || title.split(/\s+/).length < 2) return null;
    const names = apa[1]!.replace(/,\s*$/, '').trim();
    const org = findOrganisations(names).length > 0 || !/,/.test(names);
    const authors = org
      ? [names.replace(/\.$/, '')]
      : names.split(/\s*(?:,?\s*&\s*|;\s*|,\s*(?:and|и)\s+|\s+(?:and|и)\s+)\s*/u).flatMap(pairNames);
    // "City: Publisher." names the publisher; a bare place ("Washington, DC.") does not.
    const tail = rest.join(' ').replace(/\.$/, '').trim();
    const placed = /^[^:]{1,40}:\s*(.+)$/.exec(tail);
    const publisher = placed ? placed[1]!.trim() : findOrganisations(tail).length ? tail : null;
    const where = placed ? tail.slice(0, tail.indexOf(':')).trim() : tail;
    // "Bishkek: OSCE Academy." names its place; a bare one ("Washington, DC.") counts when it is a known city.
    const place = (placed ? isPlaceName(where) : isKnownCity(where)) ? where : null;
    return { authors, organisation: org, year: Number(apa[2]), title: title.replace(/\.$/, ''), publisher, place };
  }
  const agency = AGENCY.exec(t);
  if (
    agency &&
    agency[1]!.split(/\s+/).length <= 6 &&
    (findOrganisations(agency[1]!).length || /^[\p{Lu}\d&]{2,}(?:\s|$)/u.test(agency[1]!))
  ) {
    return {
      authors: [agency[1]!.trim()],
      organisation: true,
      year: Number(agency[2]),
      title: agency[3]!.replace(/\.$/, '').trim(),
      publisher: null,
      place: null,
    };
  }
  return null;
}

/** "Sultanova, A., Ivanov, B." → ["Sultanova, A.", "Ivanov, B."]: surname and initials kept together. */
function pairNames(s: string): string[] {
  const parts = s.split(/\s*,\s*/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i + 1] && /^(?:\p{Lu}\.\s*-?)+$/u.test(parts[i + 1]!)) out.push(`${parts[i]}, ${parts[++i]}`);
    else out.push(parts[i]!);
  }
  return out;
}

/** Sentences of a citation's tail, not cut after an initial or inside "No. 5". */
function splitSentences(s: string): string[] {
  return s
    .split(/(?<=[^\s.]{3}[.?!])\s+(?=[\p{Lu}\d«“"])/u)
    .map((x) => x.trim())
    .filter(Boolean);
}

// "by A. Author, 2019", "Aigerim Sultanova 14 Mar 2019", "Автор: …" is a labelled field instead.
const BYLINE_BY = new RegExp(
  `^(?:by|written by|авторы?|автор:?)\\s+(\\p{Lu}.+?)(?:(?:\\s*[,|·•–—]\\s*|\\s+)(${DATE}))?\\.?$`,
  'iu',
);
const BYLINE_DATE = new RegExp(
  `^(\\p{Lu}[\\p{L}.'’-]+(?:\\s+\\p{Lu}[\\p{L}.'’-]+){1,3})\\s*[,|·•–—]?\\s*(\\d{1,2}\\s+(?:${MONTH})\\s+${YEAR}|(?:${MONTH})\\s+\\d{1,2},?\\s+${YEAR}|\\d{1,2}[./]\\d{1,2}[./]${YEAR})$`,
  'iu',
);

/** A byline: people and, when given, the year. */
export function parseByline(text: string): { people: string[]; year: number | null } | null {
  const t = text.trim();
  const m = BYLINE_BY.exec(t) ?? BYLINE_DATE.exec(t);
  if (!m || m[1]!.length > 150) return null;
  const people = m[1]!
    .split(/\s*(?:,\s*|\s+(?:and|и|және)\s+|&)\s*/u)
    .map((p) => p.trim())
    .filter((p) => /^\p{Lu}/u.test(p));
  if (!people.length || people.some((p) => p.split(/\s+/).length > 5)) return null;
  const y = m[2] ? new RegExp(YEAR).exec(m[2]) : null;
  return { people, year: y ? Number(y[0]) : null };
}

const ALSO_AVAILABLE =
  /^(?:also available in|available in|also in|also published in|также (?:доступ\p{L}*|имеется|издан\p{L}*|вышл\p{L}*) на|есть на|доступно на)\s+(.+?)\.?$|^(.+?)\s+(?:тілінде де|тілінде)\s+(?:қолжетімді|бар|шықты)\.?$/iu;

/** "Also available in Russian", "Также доступно на казахском языке", "Орыс тілінде де бар": the languages named. */
export function alsoAvailable(text: string): string[] | null {
  const m = ALSO_AVAILABLE.exec(text.trim());
  if (!m) return null;
  const langs = findLanguages(m[1] ?? m[2]!);
  return langs.length ? langs : null;
}

/** A date line of a card ("14 March 2019", "Published 2019", "Опубликовано 12.03.2019"). */
export function dateLineYear(text: string): number | null {
  const m = new RegExp(`^(?:published|posted|date|опубликовано|дата|жарияланды)?\\s*:?\\s*(${DATE})$`, 'iu').exec(
    text.trim(),
  );
  return m ? Number(new RegExp(YEAR).exec(m[1]!)![0]) : null;
}
