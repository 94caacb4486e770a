// When a document says it was published, read from its own text (issue 18): the imprint of its title pages
// ("Бишкек 2016", "Алматы, 2019"), a title page's lone year, a copyright line, or a date written out with its
// month ("24 сентября 2013 г.", "August 6, 2020"). Never the PDF file's creation date: a report typed in 2013
// and scanned in 2017 was published in 2013. Pure: no I/O.

/** A date the document states: its year, and month and day where it gives them; where it was read. */
export interface StatedDate {
  year: number;
  month: number | null;
  day: number | null;
  /** 1-based page of the file, and the words the date was read from. */
  page: number;
  excerpt: string;
}

// English, Russian (nominative and genitive), Kazakh, and Kyrgyz (its Russian-derived names are the Russian ones).
const MONTHS: Array<[RegExp, number]> = [
  [/^(jan(uary)?|январ[ьяе]|қаңтар)$/iu, 1],
  [/^(feb(ruary)?|феврал[ьяе]|ақпан)$/iu, 2],
  [/^(mar(ch)?|марта?|наурыз)$/iu, 3],
  [/^(apr(il)?|апрел[ьяе]|сәуір)$/iu, 4],
  [/^(may|ма[йя]|мамыр)$/iu, 5],
  [/^(june?|июн[ьяе]|маусым)$/iu, 6],
  [/^(july?|июл[ьяе]|шілде)$/iu, 7],
  [/^(aug(ust)?|августа?|тамыз)$/iu, 8],
  [/^(sept?(ember)?|сентябр[ьяе]|қыркүйек)$/iu, 9],
  [/^(oct(ober)?|октябр[ьяе]|қазан)$/iu, 10],
  [/^(nov(ember)?|ноябр[ьяе]|қараша)$/iu, 11],
  [/^(dec(ember)?|декабр[ьяе]|желтоқсан)$/iu, 12],
];
const monthOf = (word: string): number | null => {
  const w = word.replace(/\.$/, '');
  return MONTHS.find(([re]) => re.test(w))?.[1] ?? null;
};

const YEAR = String.raw`((?:19|20)\d{2})`;
/** "г.", "г", "год", "жыл", "ж." after a year. */
const YEAR_WORD = String.raw`(?:\s*(?:г\.?|года?|году|ж\.?|жыл[ыи]?))?`;
const WORD = String.raw`[\p{L}][\p{L}’'.-]*`;

// "Бишкек 2016", "Алматы, 2019", "Astana – 2020 г.": a line that is a place name (one to three capitalised
// words) and a year, as imprints are printed.
const IMPRINT = new RegExp(
  String.raw`^\p{Lu}[\p{L}’'.-]*(?:[ -]\p{Lu}[\p{L}’'.-]*){0,2}\s*[,–—-]?\s*${YEAR}${YEAR_WORD}\s*$`,
  'u',
);
// A title page's lone year: "2016", "2016 г.".
const LONE_YEAR = new RegExp(String.raw`^${YEAR}${YEAR_WORD}\s*$`, 'u');
// "© IOM 2016", "© ИПК Издательство стандартов, 2000", "(c) 2019 Name".
const COPYRIGHT = new RegExp(String.raw`(?:©|\(c\)|copyright)[^\n]{0,80}?\b${YEAR}\b`, 'iu');
// "24 сентября 2013 г.", "6 October 2020", "31 желтоқсан 2019 ж."
const DAY_MONTH_YEAR = new RegExp(String.raw`\b(\d{1,2})(?:[-–—]\d{1,2})?\.?\s+(${WORD})\s+${YEAR}\b`, 'u');
// "August 6, 2020", "June 15–20, 2009"
const MONTH_DAY_YEAR = new RegExp(String.raw`(?<!\p{L})(${WORD})\s+(\d{1,2})(?:[-–—]\d{1,2})?,\s+${YEAR}\b`, 'u');
// "Август 2003 г.", "March 2016", "2019 жылғы наурыз" is rarer and left out.
const MONTH_YEAR = new RegExp(String.raw`(?<!\p{L})(${WORD})\s+${YEAR}${YEAR_WORD}(?![\d.])`, 'u');

const lines = (text: string) =>
  text
    .split(/\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

const validDay = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/**
 * The date the document states on its first pages (a title page and its back, where imprints are), else on its
 * last page (a colophon); null when it states none. `pages` are the texts of pages 1…n, '' where a page has
 * none; `lastPages` maps further page numbers (the end of a long file) to their text.
 */
export function statedDate(pages: Array<{ page: number; text: string }>, now: Date = new Date()): StatedDate | null {
  const maxYear = now.getUTCFullYear() + 1;
  const ok = (y: number) => y >= 1950 && y <= maxYear;
  const ordered = [...pages].sort((a, b) => a.page - b.page);
  const front = ordered.filter((p) => p.page <= 4);
  const back = ordered.filter((p) => p.page > 4);
  // Strongest first: each kind of evidence over every front page before the next kind, then the same at the back.
  for (const group of [front, back]) {
    for (const p of group)
      for (const line of lines(p.text)) {
        // An imprint anywhere in the group; a lone year only on a title page (elsewhere it is a wrapped line's end).
        // A line naming a month is a date written out, read below with its month.
        const imprint = line.split(/[\s,.]+/).some((w) => monthOf(w)) ? null : IMPRINT.exec(line);
        const titlePage = p.page === 1 || (group === back && p === group.at(-1));
        const m = imprint ?? (titlePage ? LONE_YEAR.exec(line) : null);
        const y = m ? Number(m[1]) : 0;
        if (m && ok(y) && line.length <= 60) return { year: y, month: null, day: null, page: p.page, excerpt: line };
      }
    for (const p of group)
      for (const line of lines(p.text)) {
        const m = COPYRIGHT.exec(line);
        if (m && ok(Number(m[1]))) return { year: Number(m[1]), month: null, day: null, page: p.page, excerpt: m[0] };
      }
    for (const p of group)
      for (const line of lines(p.text)) {
        const found = writtenDate(line);
        if (found && ok(found.year)) return { ...found, page: p.page };
      }
  }
  return null;
}

/** A date written out with its month name in one line: day month year, month day, year, or month year. */
function writtenDate(line: string): Omit<StatedDate, 'page'> | null {
  const dmy = DAY_MONTH_YEAR.exec(line);
  const mdy = dmy ? null : MONTH_DAY_YEAR.exec(line);
  const parts = dmy
    ? { day: Number(dmy[1]), month: monthOf(dmy[2]!), year: Number(dmy[3]), text: dmy[0] }
    : mdy
      ? { day: Number(mdy[2]), month: monthOf(mdy[1]!), year: Number(mdy[3]), text: mdy[0] }
      : null;
  if (parts?.month) {
    // A range ("June 15–20") names no single day.
    const range = /\d\s*[-–—]\s*\d/.test(parts.text.replace(String(parts.year), ''));
    const day = !range && validDay(parts.year, parts.month, parts.day) ? parts.day : null;
    return { year: parts.year, month: parts.month, day, excerpt: parts.text };
  }
  for (const my of line.matchAll(new RegExp(MONTH_YEAR, 'gu'))) {
    const month = monthOf(my[1]!);
    if (month) return { year: Number(my[2]), month, day: null, excerpt: my[0] };
  }
  return null;
}

/** The stated date as ISO 8601 when it is a whole date, else null. */
export const isoOf = (d: StatedDate): string | null =>
  d.month && d.day ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : null;
