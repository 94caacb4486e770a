// Snippets come from ts_headline with the matched words between \u0001 and \u0002 (control characters
// that stored text cannot contain, see src/store/search.ts): no markup ever comes from the database.
import { fold } from './normalize.ts';
import { stemTurkic, type TurkicLang } from './turkic.ts';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A snippet as parts: the matched words (match: true) and the text between them. */
export function snippetParts(text: string): SnippetPart[] {
  return text
    .split(/(\u0001[^\u0002]*\u0002)/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith('\u0001')
        ? { text: part.slice(1, -1), match: true }
        : { text: part.replace(/[\u0001\u0002]/g, ''), match: false },
    );
}

/** The lexemes of a tsquery's text ('мигрант' | 'еңбек':*), each with whether it is a prefix. */
export function queryLexemes(tsquery: string): Array<{ lexeme: string; prefix: boolean }> {
  return [...tsquery.matchAll(/'((?:[^']|'')*)'(:\*)?/g)].map((m) => ({
    lexeme: m[1]!.replace(/''/g, "'"),
    prefix: Boolean(m[2]),
  }));
}

/**
 * The query that ts_headline marks words with: every lexeme of a text query once, ORed. The words to mark
 * are the same, but ts_headline tests its whole query at every candidate fragment, and a query expanded
 * to a concept's labels in four languages (a hundred lexemes in nested ANDs) made that 1.5 ms an abstract.
 * Script-neutral keys ('~kazakstan') never occur in text and are left out.
 */
export function markQuery(tsquery: string): string {
  const quoted = new Set(
    queryLexemes(tsquery)
      .filter((l) => !l.lexeme.startsWith('~'))
      .map((l) => `'${l.lexeme.replace(/'/g, "''")}'${l.prefix ? ':*' : ''}`),
  );
  return [...quoted].join(' | ');
}

const WORD = /([0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]+)/;

/**
 * A snippet of Kazakh or Kyrgyz text for a tsquery. PostgreSQL's ts_headline can only stem with its
 * own dictionaries, which have no Kazakh or Kyrgyz; the index stems them with src/search/turkic.ts,
 * so the words are matched here with that same stemmer. About `size` words from a little before the
 * first match; null when no word matches.
 */
export function turkicSnippet(text: string, lang: TurkicLang, tsquery: string, size = 30): string | null {
  const lexemes = queryLexemes(tsquery);
  const exact = new Set(lexemes.filter((l) => !l.prefix).map((l) => l.lexeme));
  const prefixes = lexemes.filter((l) => l.prefix).map((l) => l.lexeme);
  const parts = text.replace(/[\u0001\u0002]/g, '').split(WORD); // words at odd indexes
  const matches = (word: string) => {
    const w = fold(word);
    const stem = stemTurkic(w, lang);
    return exact.has(w) || (stem !== '' && exact.has(stem)) || prefixes.some((p) => w.startsWith(p));
  };
  let first = -1;
  for (let i = 1; i < parts.length; i += 2)
    if (matches(parts[i]!)) {
      first = i;
      break;
    }
  if (first < 0) return null;
  const start = Math.max(1, first - 10); // five words before the first match
  const end = Math.min(parts.length, start + size * 2);
  let out = start > 1 ? '… ' : '';
  for (let i = start; i < end; i++) {
    const part = parts[i]!;
    out += i % 2 === 1 && matches(part) ? `\u0001${part}\u0002` : part;
  }
  return (end < parts.length ? `${out.trimEnd()} …` : out).replace(/\s+/g, ' ').trim();
}
