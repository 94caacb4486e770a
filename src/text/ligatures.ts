// Repairs English text whose typographic ligatures (fi, fl, ff, ffi, ffl) were lost when it was copied
// out of a PDF: "regional eld assessment", "e ort", "bene ts", "identi ed". The method is general: try
// each ligature at each place it could have been lost and keep the result the English word list knows.
// Also turns the Unicode ligature glyphs (U+FB00–FB06) back into letters.
import fs from 'node:fs';
import wordListPath from 'word-list';

export interface LigatureRepair {
  /** The text as found, e.g. "e ort". */
  from: string;
  /** The repaired text, e.g. "effort". */
  to: string;
  /** Offset of `from` in the input text. */
  index: number;
}

const LIGATURES = ['ffi', 'ffl', 'fi', 'fl', 'ff'] as const;
const GLYPHS: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};
const GLYPH_RE = /[\uFB00-\uFB06]/g;
// Words the list leaves out but that are words on their own, so a fragment equal to one is not "a non-word".
const SHORT_WORDS = new Set(['a', 'i', 'o']);

let words: Set<string> | null = null;

/** The English word list (~275k words), read once on first use. */
function dictionary(): Set<string> {
  words ??= new Set(fs.readFileSync(wordListPath, 'utf8').split('\n').filter(Boolean));
  return words;
}

const isWord = (w: string): boolean => dictionary().has(w.toLowerCase());
const isWordOrShort = (w: string): boolean => SHORT_WORDS.has(w.toLowerCase()) || isWord(w);

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Repairs lost ligatures; `repairs` lists each change with its offset in the input. */
export function repairLigatures(text: string): { text: string; repairs: LigatureRepair[] } {
  const tokens = wordTokens(text);
  const counts = wordCounts(tokens);
  const edits: LigatureRepair[] = [];
  const pendingDoubtful: Array<{ edit: LigatureRepair; word: string; fragmentCount: number }> = [];

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const next = tokens[i + 1];
    // 1. Glyphs: "ﬁeld" → "field".
    if (GLYPH_RE.test(tok.text)) {
      GLYPH_RE.lastIndex = 0;
      edits.push({ from: tok.text, to: tok.text.replace(GLYPH_RE, (g) => GLYPHS[g]!), index: tok.start });
      continue;
    }
    if (!repairable(text, tok)) continue;
    // 2. A ligature replaced by a space: "e ort", "bene ts", "con ict".
    if (next && isGap(text.slice(tok.end, next.start)) && repairable(text, next) && /^[a-z]+$/.test(next.text)) {
      const joined = uniqueWord(LIGATURES.map((l) => tok.text + l + next.text));
      if (joined) {
        const edit = { from: text.slice(tok.start, next.end), to: joined, index: tok.start };
        if (!isWordOrShort(tok.text) || !isWordOrShort(next.text)) {
          edits.push(edit);
          i++;
          continue;
        }
        // Both halves are words ("con ned"): join only when the page itself uses the joined word.
        if ((counts.get(joined.toLowerCase()) ?? 0) > 0) {
          pendingDoubtful.push({ edit, word: joined, fragmentCount: 0 });
          i++;
          continue;
        }
      }
    }
    // 3. A ligature dropped inside or at the start of a word: "eld" → "field", "benets" → "benefits".
    if (tok.text.length < 2 || !/^[a-z]+$/.test(tok.text)) continue;
    const { found, atEdge } = droppedLigature(tok.text);
    if (!found) continue;
    const edit = { from: tok.text, to: found, index: tok.start };
    // Inside a word ("benets" → "benefits") a non-word is repaired outright; at its edge ("uid" → "fluid",
    // "cli" → "cliff") the fragment may be an abbreviation, so the text must back the repair up.
    // A non-word right before a full stop is more likely an abbreviation ("cont.", "approx.") than a lost ligature.
    const abbreviation = text[tok.end] === '.';
    if (!isWordOrShort(tok.text) && !atEdge && !abbreviation) edits.push(edit);
    else pendingDoubtful.push({ edit, word: found, fragmentCount: counts.get(tok.text) ?? 0 });
  }

  // A fragment that is itself a word ("eld", "ort") is repaired only with evidence from the same text:
  // the repaired word occurs intact at least as often as the fragment does ("field" ×12, "eld" ×1; never "at" → "flat").
  // The same holds for a ligature lost at the edge of a word.
  for (const d of pendingDoubtful) {
    const intact = counts.get(d.word.toLowerCase()) ?? 0;
    if (intact > 0 && intact >= d.fragmentCount) edits.push(d.edit);
  }
  edits.sort((a, b) => a.index - b.index);
  return { text: applyEdits(text, edits), repairs: edits };
}

const MAX_WORD = 45;
const dropped = new Map<string, { found: string | null; atEdge: boolean }>();

/**
 * The one word a lowercase word becomes with a ligature put back somewhere in it ("benets" → "benefits"),
 * and whether it went at an edge. Remembered: it depends on the word alone, and a book asks for the same
 * words thousands of times (the remembered words are bounded; the cache is cleared when full).
 */
function droppedLigature(word: string): { found: string | null; atEdge: boolean } {
  let known = dropped.get(word);
  if (known) return known;
  // No dictionary word is this long; trying every position of a run of letters would cost its length squared.
  if (word.length > MAX_WORD) return { found: null, atEdge: false };
  const candidates: string[] = [];
  const edge = new Set<string>();
  for (let p = 0; p <= word.length; p++) {
    for (const l of LIGATURES) {
      const c = word.slice(0, p) + l + word.slice(p);
      candidates.push(c);
      if (p === 0 || p === word.length) edge.add(c);
    }
  }
  const found = uniqueWord(candidates);
  known = { found, atEdge: found !== null && edge.has(found) };
  if (dropped.size >= 50_000) dropped.clear();
  dropped.set(word, known);
  return known;
}

/** Words as runs of letters with their offsets. */
function wordTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/\p{L}+/gu)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

function wordCounts(tokens: Token[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) {
    const w = t.text.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/** One or two horizontal spaces: what a lost ligature leaves between the halves of a word. */
const isGap = (s: string): boolean => /^[ \u00A0]{1,2}$/.test(s);

/**
 * Only plain prose words: lowercase or Capitalised (ligatures are lowercase glyphs, so all-caps text never
 * lost one), not glued to digits, and not part of an address, e-mail or file name ("iom.int", "x@y").
 */
function repairable(text: string, tok: Token): boolean {
  if (!/^(?:[A-Z]|[A-Z]?[a-z]+)$/.test(tok.text)) return false;
  const before = text[tok.start - 1] ?? ' ';
  const after = text[tok.end] ?? ' ';
  if (/[\d@/_\\=]/.test(before) || /[\d@/_\\=]/.test(after)) return false;
  if ((before === '.' && /\w/.test(text[tok.start - 2] ?? '')) || (after === '.' && /\w/.test(text[tok.end + 1] ?? '')))
    return false;
  if (before === '-' || after === '-') return false;
  // Contractions and possessives ("You’re", "I’ve", "IOM's") are whole words, not fragments.
  if (/['’ʼ]/.test(before) || /['’ʼ]/.test(after)) return false;
  return true;
}

/** The one dictionary word among the candidates (keeping the first one's capital), or null. */
function uniqueWord(candidates: string[]): string | null {
  const found = [...new Set(candidates.filter((c) => isWord(c)).map((c) => c.toLowerCase()))];
  if (found.length !== 1) return null;
  const first = candidates[0]!;
  const w = found[0]!;
  return /^[A-Z]/.test(first) ? w[0]!.toUpperCase() + w.slice(1) : w;
}

function applyEdits(text: string, edits: LigatureRepair[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    if (e.index < pos) continue;
    out += text.slice(pos, e.index) + e.to;
    pos = e.index + e.from.length;
  }
  return out + text.slice(pos);
}
