// What every structured source (spreadsheet row, reference, harvested record) is read into, and how it
// becomes the importer's record (src/import-page/record.ts) and report: one shape for all sources, so they
// go through the same preview and the one writer.
import { KINDS, type Kind } from '../domain/publication.ts';
import { slugify } from '../domain/slug.ts';
import type { ImportReport, ImportResult } from '../import-page/import-page.ts';
import { inferCountries, inferTopics } from '../import-page/infer.ts';
import type { AuthorRef, ImportRecord, OrgRef } from '../import-page/record.ts';
import {
  countries as countryVocabulary,
  findLanguages,
  findOrganisations,
  headKind,
  languageCode,
} from '../import-page/vocabulary.ts';
import { identifierKey } from '../import-page/write.ts';
import { detectLanguage } from '../text/language.ts';

export type Identifier = NonNullable<ImportRecord['identifiers']>[number];

/** One publication as a source states it; every field optional but the title. */
export interface SourceItem {
  /** First and last line (or row) of the source it came from. */
  lines: [number, number];
  /**
   * The source's own key for the record, with its kind and, where the id is only unique in one file, the
   * file: "oai:oai:repo.example.org:123", "url:https://…", "sheet:list.xlsx:A-17", "ref:library.bib:iom2019".
   */
  sourceId?: string;
  title: string;
  subtitle?: string;
  /** Titles in other languages, by ISO 639-1 code. */
  otherTitles?: Record<string, string>;
  year?: number | null;
  /** The source's kind or type as written ("Report", "Отчёт", "techreport", "RPRT"): resolved by kindOf. */
  kind?: Kind | null;
  /** The kind is a reference manager's broad type (book, report): a title's own word may refine it. */
  kindIsBroad?: boolean;
  kindText?: string;
  languages?: string[];
  authors?: AuthorRef[];
  publishers?: OrgRef[];
  /** Place of publication as written ("Bishkek", "Алматы"). */
  place?: string | null;
  funders?: OrgRef[];
  partners?: OrgRef[];
  series?: string;
  pages?: number | null;
  abstract?: string;
  identifiers?: Identifier[];
  url?: string;
  fileUrls?: string[];
  /** Subject terms as written: matched to the catalogue's topics. */
  subjects?: string[];
  countries?: string[];
  /** Things the reader of the source should check ("year '20xx' not understood"). */
  notes?: string[];
}

const CONFIDENT = 0.95;

/** Items → the importer's result: records with unique keys, and a report where every line is accounted for. */
export function itemsToResult(
  items: SourceItem[],
  opts: { totalLines: number; nonEmpty: number; skipped: ImportReport['skipped'] },
): ImportResult {
  const keys = new Set<string>();
  const ambiguities: ImportReport['ambiguities'] = [];
  const records = items.map((item) => {
    const { record, notes } = itemToRecord(item);
    let key = record.key;
    for (let n = 2; keys.has(key); n++) key = `${record.key.slice(0, 115)}-${n}`;
    keys.add(key);
    record.key = key;
    for (const note of notes) ambiguities.push({ key, note });
    return record;
  });
  const accounting: ImportResult['accounting'] = new Map();
  for (const r of records)
    for (let l = r.source_lines[0]; l <= r.source_lines[1]; l++) accounting.set(l - 1, { key: r.key });
  for (const s of opts.skipped) accounting.set(s.line - 1, { skipped: s.reason });
  return {
    records,
    accounting,
    report: {
      lines: {
        total: opts.totalLines,
        nonEmpty: opts.nonEmpty,
        inRecords: opts.nonEmpty - opts.skipped.length,
        skipped: opts.skipped.length,
      },
      repairs: [],
      skipped: opts.skipped,
      merged: [],
      relations: [],
      ambiguities,
    },
  };
}

function itemToRecord(item: SourceItem): { record: ImportRecord; notes: string[] } {
  const notes = [...(item.notes ?? [])];
  const title = clean(item.title);
  const languages = unique((item.languages ?? []).filter(Boolean));
  const fc: ImportRecord['field_confidence'] = { title: CONFIDENT };
  if (!languages.length) {
    // No language stated: the title's own, as a guess.
    const guess = detectLanguage(`${title} ${item.abstract ?? ''}`);
    if (guess) {
      languages.push(guess);
      fc.languages = 0.6;
      notes.push(`language not stated; "${guess}" guessed from the title`);
    } else notes.push('language not stated');
  } else fc.languages = CONFIDENT;
  const { kind, confidence: kindConfidence, note } = kindOf(item, title);
  fc.kind = kindConfidence;
  if (note) notes.push(note);
  const year = item.year ?? null;
  if (year !== null) fc.year = CONFIDENT;
  const authors = item.authors ?? [];
  if (authors.length) fc.authors = CONFIDENT;
  if (item.pages) fc.pages = CONFIDENT;
  const description = clean(item.abstract ?? '');
  // A subject that names a country ("Kazakhstan", a common Zotero tag) is a country, not a topic.
  const countrySubjects = (item.subjects ?? []).filter((x) => countriesOf(x).length);
  const subjects = topicsOf(
    (item.subjects ?? []).filter((x) => !countrySubjects.includes(x)),
    notes,
  );
  const topics = unique([...subjects, ...(subjects.length ? [] : inferTopics(title, description))]);
  const stated = [...(item.countries ?? []), ...countrySubjects.flatMap(countriesOf)];
  const countries = unique(stated.length ? stated : inferCountries(title, description));
  const identifiers = uniqueBy(item.identifiers ?? [], (i) => `${i.scheme}:${i.value}`);
  const fileUrls = unique(item.fileUrls ?? []);
  const record: ImportRecord = {
    key: year ? `${slugify(title, 55)}-${year}` : slugify(title, 60),
    title,
    subtitle: item.subtitle ? clean(item.subtitle) : null,
    kind,
    year,
    pages: item.pages ?? null,
    format: fileUrls.length ? ['pdf'] : [],
    languages,
    authors,
    publishers: item.publishers ?? [],
    place: item.place ? clean(item.place) : null,
    funders: item.funders ?? [],
    partners: item.partners ?? [],
    project: null,
    series: item.series ? clean(item.series) : null,
    relations: [],
    has_download: fileUrls.length > 0,
    file_urls: fileUrls,
    external_url: item.url ?? null,
    for_sale: false,
    print_on_request: false,
    contact_phone: null,
    topics,
    countries,
    description,
    ligature_repairs: [],
    source_lines: item.lines,
    duplicate_lines: [],
    field_confidence: fc,
    confidence: Math.min(CONFIDENT, year === null ? 0.6 : CONFIDENT),
    source_key: sourceKey(item, title, year),
    ...(identifiers.length ? { identifiers } : {}),
    ...(item.otherTitles && Object.keys(item.otherTitles).length ? { other_titles: item.otherTitles } : {}),
  };
  return { record, notes };
}

/**
 * The key a second import finds this record by: the source's own id where it has one (OAI identifier, a
 * spreadsheet's id or link column), else its DOI, ISBN, else its normalised title and year.
 */
function sourceKey(item: SourceItem, title: string, year: number | null): string {
  if (item.sourceId) return item.sourceId.slice(0, 500);
  const doi = item.identifiers?.find((i) => i.scheme === 'doi');
  if (doi) return `doi:${identifierKey('doi', doi.value)}`;
  const isbn = item.identifiers?.find((i) => i.scheme === 'isbn');
  if (isbn) return `isbn:${identifierKey('isbn', isbn.value)}`;
  if (item.url) return `url:${item.url}`.slice(0, 500);
  return `title:${title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')}|${year ?? ''}`.slice(0, 500);
}

/** The kind: as the source states it, else the kind word the title begins with, else a report (a guess). */
export function kindOf(item: SourceItem, title: string): { kind: Kind; confidence: number; note: string | null } {
  if (item.kind) {
    // A generic type (a book, a report) gives way to the title's own word for it ("Handbook on …").
    const refined = headKind(title)?.kind as Kind | undefined;
    const broad = item.kindIsBroad && (item.kind === 'book' || item.kind === 'report' || item.kind === 'other');
    if (
      broad &&
      refined &&
      refined !== item.kind &&
      KINDS.includes(refined) &&
      (item.kind === 'other' || sameFamily(refined, item.kind))
    )
      return { kind: refined, confidence: 0.85, note: null };
    return { kind: item.kind, confidence: CONFIDENT, note: null };
  }
  if (item.kindText) {
    const named = kindFromText(item.kindText);
    if (named) return { kind: named, confidence: CONFIDENT, note: null };
  }
  const fromTitle = headKind(title)?.kind as Kind | undefined;
  if (fromTitle && KINDS.includes(fromTitle)) return { kind: fromTitle, confidence: 0.7, note: null };
  return {
    kind: 'report',
    confidence: 0.4,
    note: item.kindText
      ? `kind "${item.kindText}" not understood; taken as a report`
      : 'kind not stated; taken as a report',
  };
}

const BOOKISH = new Set<Kind>(['book', 'handbook', 'manual', 'glossary', 'childrens-book', 'compendium', 'workbook']);
const REPORTISH = new Set<Kind>(['report', 'summary', 'executive-summary', 'study', 'guidelines', 'framework']);
const sameFamily = (a: Kind, b: Kind): boolean =>
  (BOOKISH.has(a) && BOOKISH.has(b)) || (REPORTISH.has(a) && REPORTISH.has(b));

/** A kind named in words ("Report", "Отчёт", "Есеп", "handbook") or as a Kitap kind ("executive-summary"). */
export function kindFromText(text: string): Kind | null {
  const t = text.trim().toLowerCase().replace(/ё/g, 'е');
  if ((KINDS as readonly string[]).includes(t)) return t as Kind;
  if (TYPE_WORDS[t]) return TYPE_WORDS[t];
  const k = headKind(text)?.kind as Kind | undefined;
  return k && KINDS.includes(k) ? k : null;
}

// What a type column says in a word the page vocabulary (import-page/vocabulary/kinds.json) does not
// list, since pages rarely say it: Kazakh type names, RIS and BibTeX type codes.
const TYPE_WORDS: Record<string, Kind> = {
  есеп: 'report',
  баяндама: 'report',
  зерттеу: 'study',
  кітап: 'book',
  анықтамалық: 'handbook',
  шолу: 'summary',
  отчет: 'report',
  rprt: 'report',
  techreport: 'report',
  book: 'book',
  booklet: 'brochure',
  pamp: 'brochure',
  proceedings: 'conference-proceedings',
  conf: 'conference-proceedings',
};

/** Language names or codes ("Russian; English", "рус., каз.", "ru, kk", "русский") → ISO 639-1 codes. */
export function languagesOf(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[;,/|+]|\s+(?:and|и|және)\s+/)) {
    // A language tag's primary subtag: "en_US", "ru-RU" (DSpace), "kk-Cyrl".
    const p = part
      .trim()
      .replace(/\.$/, '')
      .replace(/^([a-z]{2,3})[-_][a-z\d]{2,8}$/i, '$1');
    if (!p) continue;
    const code = /^[a-z]{2}$/i.test(p)
      ? p.toLowerCase()
      : (languageCode(p) ?? findLanguages(p)[0] ?? (/^[a-z]{3}$/i.test(p) ? iso639_2(p) : null));
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
/** An ISO 639-2 code ("kir", "uzb", as MODS and MARC records write them) → its ISO 639-1 code, through its English name. */
const iso639_2 = (code: string): string | null => {
  const name = languageNames.of(code.toLowerCase());
  return name ? languageCode(name) : null;
};

/**
 * A creator's name → a person, or an organisation (a known one, or a name with an organisation's words:
 * "International Organization for Migration", "Министерство труда"). Kept whole, never split.
 */
export function creator(name: string, role: AuthorRef['role'], forceOrganisation = false): AuthorRef {
  const n = clean(name);
  if (forceOrganisation || looksLikeOrganisation(n)) {
    const known = findOrganisations(n).find((m) => m.start === 0 && m.end >= n.length - 1);
    return known?.org.abbreviation && known.org.name === n
      ? { name: n, role, organisation: true, abbreviation: known.org.abbreviation }
      : { name: n, role, organisation: true };
  }
  // "Sultanova, Aigerim" → "Aigerim Sultanova", as the catalogue writes people ("Иванов И.И." stays).
  const inverted = /^([^,]+),\s*([^,]+)$/.exec(n);
  return { name: inverted ? `${inverted[2]} ${inverted[1]}` : n, role };
}

const ORG_WORDS =
  /\b(organi[sz]ation|office|ministry|agency|institute|university|academy|council|committee|commission|foundation|fund|programme|program|bank|association|centre|center|department|union|network|secretariat|government|unit|министерств\p{L}*|агентств\p{L}*|институт\p{L}*|университет\p{L}*|фонд\p{L}*|комитет\p{L}*|центр\p{L}*|ассоциаци\p{L}*|организаци\p{L}*|программ\p{L}*|министрлі\p{L}*|қоры|орталығы|ұйымы|агенттігі)\b/iu;

export function looksLikeOrganisation(name: string): boolean {
  if (ORG_WORDS.test(name)) return true;
  // An acronym standing alone (IOM, UNDP, OSCE).
  if (/^[\p{Lu}&]{2,8}$/u.test(name)) return true;
  return findOrganisations(name).some((m) => m.start === 0 && m.end >= name.length - 1);
}

/** Names in one cell: "Sultanova A.; Petrov B.", "Иванов И.И., Петров П.П.", "Smith, John and Doe, Jane". */
export function splitNames(text: string): string[] {
  const t = text.trim();
  if (!t) return [];
  if (/;|\n/.test(t)) return t.split(/\s*(?:;|\n)\s*/).filter(Boolean);
  if (/\s+(?:and|и|және)\s+/.test(t)) return t.split(/\s+(?:and|и|және)\s+/).filter(Boolean);
  const parts = t.split(/\s*,\s*/);
  // "Smith, John" is one person; "Иванов И.И., Петров П.П." and "Aigerim Sultanova, Ivan Petrov" are two.
  if (
    parts.length === 2 &&
    parts.every((p) => !/\s/.test(p)) &&
    !/^\p{Lu}\.?$/u.test(parts[1]!) &&
    !/\./.test(parts[1]!)
  )
    return [t];
  return parts.filter(Boolean);
}

/** A year in a cell: 2019, "2019-03-14", "14.03.2019", "March 2019", an Excel date; null when none. */
export function yearOf(value: unknown): number | null {
  if (value instanceof Date) return value.getUTCFullYear();
  if (typeof value === 'number') return value >= 1900 && value <= 2100 ? value : null;
  const m = /(?<!\d)(19\d{2}|20\d{2}|2100)(?!\d)/.exec(String(value ?? ''));
  return m ? Number(m[1]) : null;
}

/** Subject terms → the catalogue's topics where its vocabulary knows them; the others are reported. */
function topicsOf(subjects: string[], notes: string[]): string[] {
  const out: string[] = [];
  const unknown: string[] = [];
  for (const s of subjects) {
    const found = inferTopics(s, '');
    if (found.length) out.push(...found);
    else if (s.trim()) unknown.push(s.trim());
  }
  if (unknown.length) notes.push(`subjects not in the topic vocabulary, not kept as topics: ${unknown.join('; ')}`);
  return out;
}

/** A DOI, ISBN or ISSN from a cell; null when the text is none of them. */
export function identifierOf(scheme: 'doi' | 'isbn' | 'issn', text: string): Identifier | null {
  const t = text.trim();
  if (!t) return null;
  if (scheme === 'doi') {
    const m = /\b(10\.\d{4,9}\/\S+)/.exec(t);
    return m ? { scheme, value: m[1]!.replace(/[.,;]$/, '') } : null;
  }
  const digits = t.toUpperCase().replace(/[^0-9X]/g, '');
  if (scheme === 'isbn') return digits.length === 10 || digits.length === 13 ? { scheme, value: t } : null;
  return digits.length === 8 ? { scheme, value: t } : null;
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();
const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(key(x)) && !!seen.add(key(x)));
}

const countryByName = new Map<string, string>();
for (const c of countryVocabulary.countries) for (const n of c.names) countryByName.set(n.toLowerCase(), c.code);

/** Country names or ISO codes in a cell ("Казахстан; Kyrgyzstan", "KZ, KG") → ISO 3166-1 codes. */
export function countriesOf(text: string): string[] {
  return text
    .split(/\s*[;,/\n]\s*/)
    .map((p) => (/^[A-Z]{2}$/.test(p) ? p : (countryByName.get(p.toLowerCase()) ?? null)))
    .filter((c): c is string => c !== null);
}
