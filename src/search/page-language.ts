// The language of each page of a file, decided on its own: a Russian manual with English code samples is
// Russian where it speaks, and a report with an English annex is English there. Code, tables of figures and
// other lines that are not prose do not vote. Each page is then indexed and stemmed in its language
// (file_pages.language, migration 0080); a page too short to tell takes its file's.
import { detectLanguage } from '../text/language.ts';

/** Letters of prose a page needs for its language to be decided on its own. */
const MIN_PROSE_LETTERS = 80;
/** Characters of a page's prose that detection reads: enough to tell, and a 400-page book stays fast. */
const SAMPLE = 3000;

// A line that opens like a statement of a programming or shell language, or a markup tag.
const CODE_START =
  /^\s*(?:\/\/|\/\*|\*\s|#include|#!|#\s*\w+\s*=|import\s|from\s+\S+\s+import|export\s|def\s|class\s+\w|function\b|return\b|const\s|let\s|var\s|if\s*\(|for\s*\(|while\s*\(|}\s*else|public\s|private\s|static\s|void\s|int\s+\w|package\s|using\s|select\s.+\sfrom\s|insert\s+into|create\s+table|\$\s|>>>\s|<\/?[a-z][\w-]*[\s>])/i;

/**
 * Whether a line reads as code or data rather than prose: it opens like a statement, ends like one
 * (; { }), or is mostly signs, digits and identifiers (snake_case, camelCase, calls) instead of words.
 */
export function isCodeLine(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  if (CODE_START.test(t) || /[;{}]$/.test(t) || /^[)}\]]/.test(t)) return true;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  if (letters < t.replace(/\s/g, '').length * 0.6) return true;
  const tokens = t.split(/\s+/);
  const codeish = tokens.filter((w) =>
    /[a-z][A-Z]|\w_\w|\w\.\w+\(|\(\)|[=<>]=|=>|->|::|^[=+*/%&|<>-]+$/.test(w),
  ).length;
  return codeish * 3 >= tokens.length;
}

/** The prose of a text: its lines that are not code (isCodeLine). */
export function proseOf(text: string): string {
  return text
    .split('\n')
    .filter((line) => !isCodeLine(line))
    .join('\n');
}

const letterCount = (s: string) => (s.match(/\p{L}/gu) ?? []).length;

/**
 * Cyrillic prose that detection was unsure of (a short page of Russian is a close call with Bulgarian, which
 * search has no stemmer for anyway), by its letters: Kazakh's own (ә ғ қ ұ һ і), else Kyrgyz's (ң ө ү), else
 * Russian. Latin prose stays undecided: it may be any of many languages.
 */
export function byLetters(prose: string): string | null {
  const cyrillic = (prose.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  if (cyrillic < letterCount(prose) * 0.8) return null;
  const lower = prose.toLowerCase();
  return /[әғқұһі]/.test(lower) ? 'kk' : /[ңөү]/.test(lower) ? 'ky' : 'ru';
}

/**
 * The language of each page (ISO 639-1), or null where its prose is too short or unclear to tell (the page
 * is then indexed in its file's language), and the language of the file: the one that most of its prose
 * letters are in, or null. Code-heavy pages weigh only by the prose they have.
 */
export function pageLanguages(pages: string[]): { pages: Array<string | null>; file: string | null } {
  const letters = new Map<string, number>();
  const langs = pages.map((text) => {
    const prose = proseOf(text);
    const n = letterCount(prose);
    if (n < MIN_PROSE_LETTERS) return null;
    const lang = detectLanguage(prose.length > SAMPLE ? prose.slice(0, SAMPLE) : prose) ?? byLetters(prose);
    if (lang) letters.set(lang, (letters.get(lang) ?? 0) + n);
    return lang;
  });
  const [file] = [...letters].sort((a, b) => b[1] - a[1])[0] ?? [null];
  return { pages: langs, file };
}
