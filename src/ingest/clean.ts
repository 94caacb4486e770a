// Per-page cleaning of extracted text: unreadable pages set aside, mojibake and ligatures repaired,
// control characters removed, running headers and footers dropped, hyphenated words rejoined; and
// the language, which decides whether the English ligature repair applies.
import { detectLanguages } from '../text/language.ts';
import { repairLigatures, type LigatureRepair } from '../text/ligatures.ts';
import { repairCp1251Mojibake } from './mojibake.ts';
import type { Warning } from './types.ts';

/** The cleaned pages, their language and what was done to them. */
export interface CleanedPages {
  pages: string[];
  pagesWithoutText: number[];
  /** ISO 639-1, or null when unsure. */
  language: string | null;
  /** Other languages present (a Russian report's English bibliography), ISO 639-1. */
  otherLanguages: string[];
  warnings: Warning[];
}

/** Clean text for each page from the raw lines pdf.js gave (index 0 is page 1). */
export function cleanPages(raw: readonly string[][]): CleanedPages {
  const garbled: number[] = [];
  const mojibake: number[] = [];
  const ligaturePages = new Set<number>();
  let ligatureRepairs = 0;
  let controlsRemoved = 0;
  const fixed = raw.map((lines, i) => {
    const text = lines.join('\n');
    if (isGarbled(text)) {
      garbled.push(i + 1);
      return '';
    }
    const decoded = repairCp1251Mojibake(text);
    if (decoded.repaired) mojibake.push(i + 1);
    const chars = fixCharacters(decoded.text);
    if (chars.ligatureRepairs > 0) ligaturePages.add(i + 1);
    ligatureRepairs += chars.ligatureRepairs;
    controlsRemoved += chars.controlsRemoved;
    return chars.text;
  });
  const { main: language, others: otherLanguages } = detectLanguages(fixed.join('\n'));
  const running = withoutRunningLines(fixed.map((text) => text.split('\n')));
  const hyphenated = inlineHyphenatedWords(running.pages);
  const pages = running.pages.map((lines, i) => {
    const joined = joinHyphenated(lines, hyphenated);
    // After rejoining, so that half a word ("tric" of "elec-tric") is not taken for a broken one.
    // The word list behind repairLigatures is English: on other languages it would "repair" real words.
    if (language !== 'en') return tidyWhitespace(joined);
    const repairs = usableRepairs(joined, repairLigatures(joined).repairs);
    if (repairs.length > 0) ligaturePages.add(i + 1);
    ligatureRepairs += repairs.length;
    return tidyWhitespace(withRepairs(joined, repairs));
  });
  const blank = pages.flatMap((text, i) => (/[\p{L}\p{N}]/u.test(text) || garbled.includes(i + 1) ? [] : [i + 1]));
  for (const n of blank) pages[n - 1] = '';

  const warnings: Warning[] = [];
  const add = (code: Warning['code'], pageList: number[], message: string) =>
    pageList.length > 0 && warnings.push({ code, message, pages: pageList });
  add('no-text-layer', blank, `no text layer on ${pagesPhrase(blank)} (scanned or blank): OCR candidates`);
  add(
    'garbled-text',
    garbled,
    `unreadable text layer on ${pagesPhrase(garbled)} (fonts without a Unicode map): OCR candidates`,
  );
  add('mojibake-repaired', mojibake, `Cyrillic re-decoded from Windows-1251 on ${pagesPhrase(mojibake)}`);
  const ligatureList = [...ligaturePages].sort((a, b) => a - b);
  add(
    'ligatures-repaired',
    ligatureList,
    `${ligatureRepairs} broken ligatures repaired on ${pagesPhrase(ligatureList)}`,
  );
  if (controlsRemoved > 0)
    warnings.push({ code: 'control-characters-removed', message: `${controlsRemoved} control characters removed` });
  if (running.removed.length > 0) {
    const examples = running.removed
      .slice(0, 3)
      .map((l) => JSON.stringify(l))
      .join(', ');
    warnings.push({
      code: 'running-lines-removed',
      message: `running headers or footers left out of the text: ${examples}`,
    });
  }
  const pagesWithoutText = [...blank, ...garbled].sort((a, b) => a - b);
  return { pages, pagesWithoutText, language, otherLanguages, warnings };
}

/**
 * The repairs to make, in order and not overlapping. Those right after an apostrophe are left out:
 * repairLigatures takes the ends of contractions for broken words ("You’re" → "You’fire").
 */
function usableRepairs(text: string, repairs: readonly LigatureRepair[]): LigatureRepair[] {
  let end = 0;
  return [...repairs]
    .sort((a, b) => a.index - b.index)
    .filter((r) => {
      if (r.index < end || /['’ʼ]$/.test(text.slice(0, r.index))) return false;
      end = r.index + r.from.length;
      return true;
    });
}

/** The text with these repairs (from usableRepairs) made. */
function withRepairs(text: string, repairs: readonly LigatureRepair[]): string {
  let out = '';
  let at = 0;
  for (const r of repairs) {
    out += text.slice(at, r.index) + r.to;
    at = r.index + r.from.length;
  }
  return out + text.slice(at);
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g;

/** True when the text is mostly control characters: fonts with custom encodings and no Unicode map. */
export function isGarbled(text: string): boolean {
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls >= 3 && controls > 0.2 * text.replace(/\s/g, '').length;
}

// U+FB05 is long s + t (its compatibility decomposition), as the readers that spell ligatures out give it.
const LIGATURE_GLYPHS: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'ſt', ﬆ: 'st' };

// Fonts without a Unicode map give their character codes as they are. TeX's encodings put the
// ligatures at control codes: T1 (Cork) at 0x1B–0x1F, with quotes and dashes at 0x10–0x16; the
// older OT1 at 0x0B–0x0F. Used only when the English word list cannot tell which ligature it was.
const T1_LIGATURES: Record<string, string> = {
  '\u001b': 'ff',
  '\u001c': 'fi',
  '\u001d': 'fl',
  '\u001e': 'ffi',
  '\u001f': 'ffl',
};
const OT1_LIGATURES: Record<string, string> = {
  '\u000b': 'ff',
  '\u000c': 'fi',
  '\u000d': 'fl',
  '\u000e': 'ffi',
  '\u000f': 'ffl',
};
const T1_PUNCTUATION: Record<string, string> = {
  '\u0010': '“',
  '\u0011': '”',
  '\u0012': '„',
  '\u0013': '«',
  '\u0014': '»',
  '\u0015': '–',
  '\u0016': '—',
};

/**
 * The text in NFC with ligature glyphs spelled out, ligatures given as control codes repaired
 * ("signi\u001cer" → "signifier") and the remaining control characters removed.
 */
export function fixCharacters(text: string): { text: string; ligatureRepairs: number; controlsRemoved: number } {
  let out = text
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[\ufb00-\ufb06]/g, (ch) => LIGATURE_GLYPHS[ch]);
  let ligatureRepairs = 0;
  if (/[\u001b-\u001f]/.test(out)) out = out.replace(/[\u0010-\u0016]/g, (ch) => T1_PUNCTUATION[ch]);
  // Tested first: the pattern backtracks over every word, and most text has no such code.
  if (/[\u000b-\u000f\u001b-\u001f]/.test(out))
    out = out.replace(
      /(\p{L}*)([\u000b-\u000f\u001b-\u001f])(\p{L}*)/gu,
      (found, left: string, code: string, right: string) => {
        if (!left && !right) return found;
        ligatureRepairs++;
        // A gap where the ligature was is what repairLigatures knows how to close ("e ort" → "effort").
        const joined = repairLigatures(`${left} ${right}`).text;
        return joined.includes(' ') ? left + (T1_LIGATURES[code] ?? OT1_LIGATURES[code]) + right : joined;
      },
    );
  const controlsRemoved = out.match(CONTROL)?.length ?? 0;
  return { text: out.replace(CONTROL, ''), ligatureRepairs, controlsRemoved };
}

const EDGE_LINES = 3; // headers and footers sit within the first and last three lines of a page

/**
 * The pages without their running headers and footers: lines near the top or bottom that repeat,
 * page numbers aside, on at least 40% of the pages with text (odd and even pages often differ), and
 * on three pages at least. Each is kept where it first occurs, so a title is still found once.
 */
export function withoutRunningLines(pages: readonly string[][]): { pages: string[][]; removed: string[] } {
  // A page repeated whole (some files hold the same page many times) is not a running line.
  const distinct = new Map(
    pages.filter((lines) => lines.some((l) => l.trim())).map((lines) => [lines.join('\n'), lines]),
  );
  const counts = new Map<string, number>();
  for (const lines of distinct.values()) {
    const keys = new Set([...edgeIndices(lines)].map((i) => runningKey(lines[i])));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(distinct.size * 0.4));
  const running = new Set([...counts].filter(([key, n]) => key && n >= threshold).map(([key]) => key));
  if (running.size === 0) return { pages: pages.map((lines) => [...lines]), removed: [] };

  const seen = new Set<string>();
  const removed = new Set<string>();
  const cleaned = pages.map((lines) => {
    const edges = edgeIndices(lines);
    const firstHere = new Set<string>();
    return lines.filter((line, i) => {
      const key = runningKey(line);
      if (!edges.has(i) || !running.has(key)) return true;
      if (!seen.has(key) || firstHere.has(key)) {
        seen.add(key);
        firstHere.add(key);
        return true;
      }
      removed.add(line.trim());
      return false;
    });
  });
  return { pages: cleaned, removed: [...removed] };
}

/** Indexes of the first and last EDGE_LINES non-empty lines. */
function edgeIndices(lines: readonly string[]): Set<number> {
  const nonEmpty = lines.flatMap((line, i) => (line.trim() ? [i] : []));
  return new Set([...nonEmpty.slice(0, EDGE_LINES), ...nonEmpty.slice(-EDGE_LINES)]);
}

// What makes two lines "the same" running line: page numbers change from page to page, so a
// lone number ("12", "- 12 -") or the digits in a line with words ("Page 3 of 10") do not count.
// Other lines without letters (dates in a table column) and long lines are never running lines.
function runningKey(line: string): string {
  const key = line.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^[-–—.\s]*\d{1,4}[-–—.\s]*$/.test(key)) return '#';
  return /\p{L}/u.test(key) && key.length <= 150 ? key.replace(/\d+/g, '#') : '';
}

/** Lower-case words written with a hyphen inside a line ("well-known"), to keep that hyphen at a line end. */
export function inlineHyphenatedWords(pages: readonly string[][]): Set<string> {
  const words = new Set<string>();
  for (const lines of pages) {
    for (const line of lines) {
      if (!line.includes('-')) continue; // most lines have none, and the pattern is slow on long ones
      for (const m of line.matchAll(/\p{L}+-\p{L}+/gu)) words.add(m[0].toLowerCase());
    }
  }
  return words;
}

/**
 * The lines joined with '\n', words hyphenated across a line end rejoined: "rela-" + "tionship"
 * gives "relationship", unless the document also writes the pair with a hyphen inside a line.
 */
export function joinHyphenated(lines: readonly string[], keepHyphen: ReadonlySet<string> = new Set()): string {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.at(-1);
    // The cheap test first: the unanchored pattern tries every letter of the line.
    const end = prev?.trimEnd();
    const head = end && /[-\u2010\u00ad]$/.test(end) ? /(\p{L}+)[-\u2010\u00ad]$/u.exec(end) : null;
    const next = /^\s*(\p{Ll}\p{L}*)/u.exec(line);
    if (prev !== undefined && head && next) {
      const stem = prev.trimEnd().slice(0, -1);
      const soft = prev.trimEnd().endsWith('\u00ad');
      const hyphen = !soft && keepHyphen.has(`${head[1]}-${next[1]}`.toLowerCase()) ? '-' : '';
      out[out.length - 1] = stem + hyphen + line.trimStart();
    } else {
      out.push(line);
    }
  }
  return out.join('\n').replace(/\u00ad/g, '');
}

/** Spaces collapsed, lines trimmed, at most one blank line in a row. */
export function tidyWhitespace(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\t \u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "page 3", "pages 2–22", "pages 1, 4–6". */
export function pagesPhrase(pages: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    ranges.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j;
  }
  return `${pages.length === 1 ? 'page' : 'pages'} ${ranges.join(', ')}`;
}
