// A spreadsheet's header row → fields: the mapping guessed from the headers' words in English, Russian and
// Kazakh, shown in the report and changed with `--map column=field` (or by the admin page, which passes
// the same overrides back).
import { languagesOf } from './item.ts';

export const FIELDS = [
  'id',
  'title',
  'subtitle',
  'year',
  'authors',
  'editors',
  'languages',
  'kind',
  'abstract',
  'publisher',
  'funder',
  'partner',
  'isbn',
  'issn',
  'doi',
  'url',
  'pdf',
  'topics',
  'countries',
  'pages',
  'series',
] as const;
export type Field = (typeof FIELDS)[number];
/** A title in a given language: "title_ru". */
export type TitleField = `title_${string}`;
export type Target = Field | TitleField;

/** One column of the sheet and what it is read as. */
export interface ColumnMapping {
  /** 1-based column number. */
  column: number;
  header: string;
  /** The field the column fills; null: not used. */
  field: Target | null;
  /** How it was decided: the header's words, the user's --map, or nothing matched. */
  by: 'header' | 'user' | 'none';
  /** The first non-empty value under the header, to show next to the mapping. */
  sample: string;
}

// Header words per field, lowercase, compared with the header's words (its punctuation dropped). The first
// field whose words match wins; longer phrases come before the words they contain.
const HEADER_WORDS: Array<[Field, string[]]> = [
  // A row number ("№", "No.") is not an id: it changes when a row is added above; it is left unused.
  ['id', ['id', 'record id', 'identifier', 'код', 'шифр', 'инвентарный номер']],
  ['subtitle', ['subtitle', 'sub title', 'подзаголовок', 'тақырыпша']],
  ['series', ['series', 'серия', 'сериясы']],
  [
    'title',
    [
      'title',
      'name',
      'publication',
      'publication title',
      'название',
      'наименование',
      'заглавие',
      'атауы',
      'атау',
      'тақырыбы',
      'аталышы',
    ],
  ],
  [
    'year',
    [
      'year',
      'date',
      'published',
      'publication year',
      'year of publication',
      'date of publication',
      'год',
      'год издания',
      'дата',
      'дата издания',
      'дата публикации',
      'жылы',
      'шыққан жылы',
      'жыл',
      'басылым жылы',
      'күні',
    ],
  ],
  ['editors', ['editor', 'editors', 'редактор', 'редакторы', 'под редакцией', 'редакторлар']],
  [
    'authors',
    [
      'author',
      'authors',
      'creator',
      'creators',
      'автор',
      'авторы',
      'авторлар',
      'авторлары',
      'составитель',
      'составители',
    ],
  ],
  ['languages', ['language', 'languages', 'lang', 'язык', 'языки', 'язык издания', 'тіл', 'тілі', 'тілдері', 'тили']],
  [
    'kind',
    [
      'kind',
      'type',
      'document type',
      'publication type',
      'тип',
      'вид',
      'тип публикации',
      'вид издания',
      'түрі',
      'басылым түрі',
    ],
  ],
  [
    'abstract',
    [
      'abstract',
      'summary',
      'description',
      'annotation',
      'аннотация',
      'описание',
      'резюме',
      'аңдатпа',
      'сипаттамасы',
      'сипаттама',
    ],
  ],
  [
    'publisher',
    [
      'publisher',
      'publishers',
      'organisation',
      'organization',
      'organisations',
      'organizations',
      'issued by',
      'издатель',
      'издательство',
      'организация',
      'организации',
      'баспа',
      'баспагер',
      'ұйым',
      'ұйымдар',
    ],
  ],
  [
    'funder',
    [
      'funder',
      'funders',
      'donor',
      'donors',
      'funded by',
      'sponsor',
      'донор',
      'доноры',
      'финансирование',
      'при поддержке',
      'демеуші',
      'қаржыландырған',
    ],
  ],
  ['partner', ['partner', 'partners', 'партнер', 'партнёр', 'партнеры', 'партнёры', 'серіктес', 'серіктестер']],
  ['isbn', ['isbn']],
  ['issn', ['issn']],
  ['doi', ['doi']],
  ['pdf', ['pdf', 'pdf link', 'file', 'download', 'файл', 'скачать', 'ссылка на pdf', 'жүктеу']],
  ['url', ['url', 'link', 'web', 'website', 'web page', 'ссылка', 'адрес', 'сайт', 'сілтеме']],
  [
    'topics',
    [
      'topic',
      'topics',
      'subject',
      'subjects',
      'keywords',
      'tags',
      'тема',
      'темы',
      'тематика',
      'ключевые слова',
      'тақырып',
      'тақырыптар',
      'кілт сөздер',
    ],
  ],
  ['countries', ['country', 'countries', 'страна', 'страны', 'ел', 'елдер', 'өлке']],
  [
    'pages',
    [
      'pages',
      'number of pages',
      'page count',
      'страниц',
      'страницы',
      'количество страниц',
      'объем',
      'объём',
      'беттер',
      'бет саны',
      'беттер саны',
    ],
  ],
];

const LANGUAGE_SUFFIX =
  /\s*[([]?\s*(?:in\s+)?(english|russian|kazakh|kyrgyz|uzbek|tajik|en|ru|kk|kz|ky|kg|uz|tg|eng|rus|kaz|kir|англ\.?|рус\.?|каз\.?|кырг\.?|на английском|на русском|на казахском|на кыргызском|английский|русский|казахский|кыргызский|ағылшынша|орысша|қазақша|қырғызша)\s*[)\]]?\s*$/i;

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[_.:*#"'()[\]/\\-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** What one header names: a field, or a title in a language ("Название (рус)", "Title RU", "title_kk"). */
export function guessField(header: string): Target | null {
  const h = norm(header);
  if (!h) return null;
  const lang = LANGUAGE_SUFFIX.exec(header.trim());
  if (lang && lang.index > 0) {
    const base = guessField(header.trim().slice(0, lang.index));
    const code = languageCodeOf(lang[1]!);
    if (base === 'title' && code) return `title_${code}`;
  }
  for (const [field, words] of HEADER_WORDS) if (words.some((w) => norm(w) === h)) return field;
  // "Year of publication (YYYY)", "Authors / editors": a header that starts with a field's words.
  for (const [field, words] of HEADER_WORDS)
    if (words.some((w) => norm(w).length > 3 && (h.startsWith(`${norm(w)} `) || h.endsWith(` ${norm(w)}`))))
      return field;
  return null;
}

function languageCodeOf(word: string): string | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const short: Record<string, string> = {
    kz: 'kk',
    kg: 'ky',
    eng: 'en',
    rus: 'ru',
    kaz: 'kk',
    kir: 'ky',
    англ: 'en',
    рус: 'ru',
    каз: 'kk',
    кырг: 'ky',
    'на английском': 'en',
    'на русском': 'ru',
    'на казахском': 'kk',
    'на кыргызском': 'ky',
    ағылшынша: 'en',
    орысша: 'ru',
    қазақша: 'kk',
    қырғызша: 'ky',
  };
  if (short[w]) return short[w];
  if (/^[a-z]{2}$/.test(w)) return w;
  return languagesOf(w)[0] ?? null;
}

/** A user's `--map` value: "Column=field" (a header, a 1-based number or a letter A…); field "-" or "ignore" drops it. */
export function parseMapOption(value: string): { column: string; field: Target | null } {
  const eq = value.lastIndexOf('=');
  if (eq <= 0) throw new MappingError(`--map wants COLUMN=FIELD, got "${value}"`);
  const column = value.slice(0, eq).trim();
  const f = value
    .slice(eq + 1)
    .trim()
    .toLowerCase();
  if (f === '-' || f === 'ignore' || f === 'none') return { column, field: null };
  if ((FIELDS as readonly string[]).includes(f)) return { column, field: f as Field };
  if (/^title_[a-z]{2}$/.test(f)) return { column, field: f as TitleField };
  throw new MappingError(
    `--map ${value}: "${f}" is not a field; fields are ${FIELDS.join(', ')}, title_LANG (title_ru, title_kk, …) or ignore`,
  );
}

export class MappingError extends Error {}

/** The mapping of a header row: guessed, then the user's choices applied (by header, number or letter). */
export function mapColumns(
  headers: string[],
  samples: string[],
  overrides: Array<{ column: string; field: Target | null }> = [],
): ColumnMapping[] {
  const mapping: ColumnMapping[] = headers.map((header, i) => {
    const field = guessField(header);
    return { column: i + 1, header, field, by: field ? 'header' : 'none', sample: samples[i] ?? '' };
  });
  // A field guessed twice: the first column has it; the later ones are left unused (and shown so).
  const seen = new Set<string>();
  for (const m of mapping) {
    if (!m.field) continue;
    if (seen.has(m.field) && !['authors', 'topics', 'publisher', 'funder', 'partner', 'pdf', 'url'].includes(m.field)) {
      m.field = null;
      m.by = 'none';
    } else seen.add(m.field);
  }
  for (const o of overrides) {
    const m = findColumn(mapping, o.column);
    if (!m)
      throw new MappingError(
        `--map ${o.column}=…: no such column; the columns are ${mapping.map((c) => `${c.column} "${c.header}"`).join(', ')}`,
      );
    m.field = o.field;
    m.by = 'user';
  }
  return mapping;
}

function findColumn(mapping: ColumnMapping[], ref: string): ColumnMapping | undefined {
  if (/^\d+$/.test(ref)) return mapping[Number(ref) - 1];
  const byHeader = mapping.find((m) => norm(m.header) === norm(ref));
  if (byHeader) return byHeader;
  if (/^[A-Z]{1,2}$/.test(ref)) {
    const n = [...ref].reduce((a, c) => a * 26 + c.charCodeAt(0) - 64, 0);
    return mapping[n - 1];
  }
  return undefined;
}

/** The mapping as lines for the report: "  2 "Название" → title (from the header) e.g. "Миграция …"". */
export function formatMapping(mapping: ColumnMapping[]): string {
  const lines = mapping.map((m) => {
    const how = m.by === 'user' ? ' (as asked)' : m.by === 'header' ? ' (from the header)' : '';
    const sample = m.sample ? ` — e.g. "${m.sample.length > 40 ? `${m.sample.slice(0, 39)}…` : m.sample}"` : '';
    return `  ${String(m.column).padStart(2)} "${m.header}" → ${m.field ?? '(not used)'}${how}${sample}`;
  });
  return `Columns (change with --map COLUMN=FIELD):\n${lines.join('\n')}\n`;
}
