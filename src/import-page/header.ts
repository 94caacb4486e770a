// The head of a block: title, subtitle, series, year, kind markers and the languages a title names,
// read from lines such as "Title – Subtitle – Astana, 2017", "PUBLICATION: "Title" 2014",
// "GUIDELINES: TO PROTECT …", "Title (Kazakh-Russian-English)", "Title (Research Report November 2003)".
import { findKindWords, headKind, languageCode, organisations } from './vocabulary.ts';

export interface TitleParts {
  title: string;
  subtitle: string | null;
  year: number | null;
  languages: string[];
  /** A kind named next to the title ("Summary of the Report – …", "(Research Report …)"). */
  kindHint: string | null;
  /** The title of the publication this one summarises, when the title says so. */
  refTitle: string | null;
  /** The place of an imprint at the line's end ("… – Astana, 2017"). */
  place: string | null;
}

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/;
const LABEL = /^(?:publication|publications|new publication|new|title|название|публикация|жарияланым)\s*:\s*/iu;
const SEPARATOR = /\s+[–—]\s+|\s+-\s+/;
const PLACE_YEAR = /^(?:(\p{Lu}[\p{L} .'-]*),\s*)?((?:19|20)\d{2})$/u;
const QUOTED = /^[“"«„']\s*(.+?)\s*[”"»“']\s*,?\s*((?:19|20)\d{2})?$/u;

/** A short line that only names a kind: "Full Report", "Executive Summary", "Summary of Conclusions". */
export function kindMarker(text: string): string | null {
  const t = text.trim();
  const words = t.split(/\s+/);
  const k = headKind(t);
  if (!k || words.length > 4 || YEAR.test(t)) return null;
  const before = t.slice(0, k.index).trim().split(/\s+/).filter(Boolean);
  return before.length <= 1 &&
    (k.index === 0 || /^(?:full|short|final|main|research|annual|special|brief)$/i.test(before[0] ?? ''))
    ? k.kind
    : null;
}

/** "Regional Field Assessment in Central Asia 2016": a name followed by a year and nothing else. */
export function seriesLine(text: string): { name: string; year: number } | null {
  const m = /^(\p{Lu}[^:–—]*?\p{L})\s+((?:19|20)\d{2})$/u.exec(text.trim());
  return m && m[1]!.split(/\s+/).length >= 2 ? { name: m[1]!, year: Number(m[2]) } : null;
}

/** A line that is a date ("18–19 July 2017", "September 19, 2016"). */
export const isDateLine = (text: string): boolean =>
  /^(?:\d{1,2}(?:\s*[–-]\s*\d{1,2})?(?:st|nd|rd|th)?\s+\p{L}+,?\s+\d{4}|\p{L}+\s+\d{1,2}(?:\s*[–-]\s*\d{1,2})?,?\s+\d{4})$/u.test(
    text.trim(),
  );

/** Splits one title line into its parts. */
export function parseTitleLine(line: string): TitleParts {
  let t = line.trim().replace(LABEL, '');
  const out: TitleParts = {
    title: '',
    subtitle: null,
    year: null,
    languages: [],
    kindHint: null,
    refTitle: null,
    place: null,
  };
  // "GUIDELINES: TO PROTECT …": a lone kind word used as a label belongs to the title.
  const label = /^(\p{L}+)\s*:\s*(.+)$/u.exec(t);
  if (label && findKindWords(label[1]!)[0]?.word.length === label[1]!.length) t = `${label[1]} ${label[2]}`;
  // A closing parenthesis naming languages or a date.
  const paren = /\s*\(([^()]+)\)$/.exec(t);
  if (paren) {
    const parts = paren[1]!.split(/\s*[-–,/&]\s*|\s+and\s+/);
    const codes = parts.map(languageCode);
    if (codes.every(Boolean)) {
      out.languages = codes as string[];
      t = t.slice(0, paren.index);
    } else if (YEAR.test(paren[1]!)) {
      out.year = Number(paren[1]!.match(new RegExp(YEAR, 'g'))!.at(-1));
      out.kindHint = headKind(paren[1]!)?.kind ?? null;
      out.subtitle = paren[1]!.trim();
      t = t.slice(0, paren.index);
    }
  }
  const quoted = QUOTED.exec(t);
  if (quoted) {
    t = quoted[1]!;
    if (quoted[2]) out.year = Number(quoted[2]);
  }
  const parts = t
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  const last = parts.length > 1 ? PLACE_YEAR.exec(parts.at(-1)!) : null;
  if (last) {
    out.year = Number(last[2]);
    if (last[1] && isPlaceName(last[1])) out.place = last[1].trim();
    parts.pop();
  }
  if (parts.length > 1 && kindMarker(parts[0]!.replace(/\s+of\s+the\s+\p{L}+$/u, '')) !== null) {
    // "Summary of the Report – Mapping on …": the whole line is the title; it refers to the rest.
    out.kindHint = kindMarker(parts[0]!.replace(/\s+of\s+the\s+\p{L}+$/u, ''));
    out.refTitle = parts.slice(1).join(' – ');
    out.title = parts.join(' – ');
  } else {
    out.title = parts[0] ?? t;
    if (parts.length > 1) out.subtitle = parts.slice(1).join(' – ');
  }
  const trailingYear = /^(.*\D),\s*((?:19|20)\d{2})$/.exec(out.title);
  if (trailingYear) {
    out.title = trailingYear[1]!;
    out.year ??= Number(trailingYear[2]);
  }
  if (!out.subtitle && !out.refTitle) {
    const colon = /^(.+?):\s+(.+)$/.exec(out.title);
    if (colon && colon[1]!.split(/\s+/).length >= 2 && colon[2]!.split(/\s+/).length >= 2) {
      out.title = colon[1]!;
      out.subtitle = colon[2]!;
    }
  }
  out.title = stripQuotes(out.title);
  if (out.subtitle) out.subtitle = stripQuotes(out.subtitle);
  return out;
}

/** Cities publications name as their place, in the spellings of the region's languages (lower case). */
const CITIES = new Set(
  (
    'bishkek бишкек almaty алматы алма-ата astana астана nur-sultan нур-султан нұр-сұлтан tashkent ташкент тошкент ' +
    'dushanbe душанбе ashgabat ашхабад ашгабат osh ош shymkent шымкент karaganda караганда қарағанды aktobe актобе ақтөбе ' +
    'atyrau атырау aktau актау ақтау karakol каракол naryn нарын jalal-abad джалал-абад жалал-абад batken баткен ' +
    'khujand худжанд хұжанд samarkand самарканд самарқанд bukhara бухара moscow москва geneva женева vienna вена ' +
    'london лондон paris париж brussels брюссель berlin берлин bonn бонн warsaw варшава kyiv киев ' +
    'tbilisi тбилиси baku баку yerevan ереван istanbul стамбул ankara анкара bangkok бангкок washington вашингтон'
  ).split(' '),
);
for (const c of ['new york', 'нью-йорк']) CITIES.add(c);
const MONTH =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|қаң|ақп|нау|сәу|мам|мау|шіл|там|қыр|қаз|қар|жел|үче|бир|жал|чил|бугу|кулжа|теке|баш|аяк|тогуз|жети)/i;

/** A city the vocabulary knows, alone or with its state or country after a comma ("Washington, DC"). */
export const isKnownCity = (name: string): boolean => {
  const n = name.trim().replace(/\.$/, '').toLowerCase();
  return CITIES.has(n) || CITIES.has(n.split(/,\s*/)[0]!);
};

/**
 * Whether a name before an imprint's year is a place: a known city, or one to three capitalised words
 * that are not a month or season ("Bishkek", "Washington, DC"; not "March").
 */
export function isPlaceName(name: string): boolean {
  const n = name.trim().replace(/\.$/, '');
  if (isKnownCity(n)) return true;
  const words = n.split(/[\s,]+/).filter(Boolean);
  return words.length <= 3 && words.every((w) => /^\p{Lu}/u.test(w)) && !MONTH.test(words[0]!) && !/\d/.test(n);
}

/** An imprint line under a title: "Bishkek, 2016", "Алматы: МОМ, 2018", "Астана 2017 г.". */
export function imprintLine(text: string): { place: string; publisher: string | null; year: number } | null {
  const m =
    /^(\p{Lu}[\p{L}'’.-]*(?:[ -]\p{Lu}[\p{L}'’.-]*){0,2})\s*(?::\s*([^,:]{2,80}?))?\s*,?\s+((?:19|20)\d{2})\s*(?:г|ж|y)?\.?$/u.exec(
      text.trim(),
    );
  if (!m) return null;
  const place = m[1]!;
  // Without a publisher the line must name a city the vocabulary knows: "Kazakhstan, 2016" is no imprint.
  if (m[2] ? !isPlaceName(place) : !isKnownCity(place)) return null;
  return { place, publisher: m[2]?.trim() ?? null, year: Number(m[3]) };
}

/** A subtitle line with its trailing " - 2017" taken off. */
export function parseSubtitleLine(line: string): { subtitle: string; year: number | null } {
  const m = /^(.*\D)(?:\s[–—-]\s|\s*,\s*)((?:19|20)\d{2})$/.exec(line.trim());
  return m ? { subtitle: m[1]!, year: Number(m[2]) } : { subtitle: line.trim(), year: null };
}

const stripQuotes = (s: string): string =>
  s
    .trim()
    .replace(/^[“"«„](.*)[”"»“]$/u, '$1')
    .trim();

const SMALL = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'nor',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'vs',
  'via',
  'with',
  'и',
  'в',
  'на',
  'по',
  'для',
  'с',
  'о',
  'об',
]);
const ACRONYMS = new Set(
  organisations.organisations
    .flatMap((o) => [o.abbreviation ?? '', ...o.aliases.filter((a) => /^[\p{Lu}/]+$/u.test(a))])
    .filter(Boolean),
);

/**
 * Title case for a heading set in capitals: small words lower, acronyms kept (the vocabulary's, or words
 * the rest of the page writes in capitals), everything else capitalised.
 */
export function titleCase(text: string, pageAcronyms: Set<string> = new Set()): string {
  let first = true;
  return text.replace(/[\p{L}\p{N}'’-]+/gu, (w) => {
    const lower = w.toLowerCase();
    let out: string;
    if (ACRONYMS.has(w) || pageAcronyms.has(w)) out = w;
    else if (!first && SMALL.has(lower)) out = lower;
    else out = lower.replace(/(^|-)(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
    first = false;
    return out;
  });
}
