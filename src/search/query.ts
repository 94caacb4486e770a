// A reader's query as terms: words, "quoted phrases", -excluded terms and OR between terms.
import { fold } from './normalize.ts';

export interface Term {
  /** The term as typed (without quotes or the leading minus). */
  text: string;
  phrase: boolean;
  negated: boolean;
  /** Joined to the previous term by OR instead of AND. */
  or: boolean;
}

const OR_WORDS = new Set(['or', 'или', 'немесе', 'же']);
export const MAX_TERMS = 10;

/** Parses the query box; at most MAX_TERMS terms, punctuation around words dropped. */
export function parseQuery(q: string): Term[] {
  const terms: Term[] = [];
  let or = false;
  const re = /(-?)["«“]([^"»”]*)["»”]?|(\S+)/g;
  for (const m of q.normalize('NFC').matchAll(re)) {
    if (terms.length >= MAX_TERMS) break;
    if (m[2] !== undefined) {
      const text = m[2].trim();
      if (text) terms.push({ text, phrase: /\s/.test(text), negated: m[1] === '-', or });
      or = false;
      continue;
    }
    let raw = m[3]!;
    const negated = raw.startsWith('-') && raw.length > 1;
    if (negated) raw = raw.slice(1);
    // Keep inner marks (978-601-0000-00-0, көші-қон, migrants’) and drop the ones around a word.
    const text = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!text) continue;
    if (!negated && terms.length > 0 && OR_WORDS.has(fold(text))) {
      or = true;
      continue;
    }
    terms.push({ text, phrase: false, negated, or });
    or = false;
  }
  return terms;
}

/** The query written back from terms (after a spelling correction, for the "did you mean" link). */
export function formatQuery(terms: Term[]): string {
  return terms
    .map((t, i) => `${i > 0 && t.or ? 'OR ' : ''}${t.negated ? '-' : ''}${t.phrase ? `"${t.text}"` : t.text}`)
    .join(' ');
}
