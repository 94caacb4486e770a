// How a query is expanded before PostgreSQL sees it. Each term is or'ed with its spelling in the other
// script (Kyrgyzstan ~ кыргызстан), and a single word with its script-neutral key as a prefix
// ('~kazakstan':* finds Қазақстандағы); the database stems every spelling as English, Russian, Kazakh
// and Kyrgyz (kitap_tsquery). Runs of words that spell a thesaurus label are or'ed with every label
// of that concept in en, ru, kk and ky. Spelling mistakes are handled after a search finds little.
import { fold, isStopword, wordsOf } from './normalize.ts';
import { parseQuery, type Term } from './query.ts';
import type { Thesaurus } from './thesaurus.ts';
import { cyrillicToLatin, hasCyrillic, hasLatin, latinToCyrillic, skeleton } from './translit.ts';

export interface TermPlan {
  term: Term;
  variants: string[];
  skel: string;
}
export interface GroupPlan {
  terms: TermPlan[];
  labels: string[];
  concepts: string[];
  negated: boolean;
  or: boolean;
}
export interface SearchPlan {
  terms: Term[];
  groups: GroupPlan[];
}

const SKELETON_PREFIX_MIN = 5;

function termPlan(term: Term): TermPlan {
  const variants = [term.text];
  if (hasCyrillic(term.text)) variants.push(cyrillicToLatin(term.text));
  else if (hasLatin(term.text)) variants.push(latinToCyrillic(term.text));
  const words = wordsOf(term.text);
  let skel = '';
  if (!term.phrase && words.length === 1 && words[0]!.length >= 3) {
    const s = skeleton(words[0]!);
    if (s.length >= 3) skel = s.length >= SKELETON_PREFIX_MIN ? `'~${s}':*` : `'~${s}'`;
  }
  return { term, variants: [...new Set(variants)], skel };
}

/** The plan of a query: groups of terms, each with its spellings and its concepts' labels. */
export function planQuery(q: string, th: Thesaurus): SearchPlan {
  const terms = parseQuery(q);
  const plans = terms.map(termPlan);
  // Thesaurus runs are looked for among consecutive plain words joined by AND.
  const words: string[] = [];
  const termOf: number[] = [];
  const plain = (t: Term) => !t.phrase && !t.negated;
  terms.forEach((t, i) => {
    if (!plain(t) || t.or || (terms[i + 1]?.or ?? false)) return;
    for (const w of wordsOf(t.text))
      if (!isStopword(w)) {
        words.push(w);
        termOf.push(i);
      }
  });
  const groups: GroupPlan[] = [];
  const covered = new Map<number, { end: number; concepts: string[]; labels: string[] }>();
  for (const m of th.match(words)) {
    const first = termOf[m.start]!;
    const last = termOf[m.end - 1]!;
    // A run must cover whole terms, and terms in one row (no phrase or exclusion in between).
    const inTerm = (k: number) => termOf[k] === termOf[k - 1];
    if ((m.start > 0 && inTerm(m.start)) || (m.end < words.length && inTerm(m.end))) continue;
    const inRun = new Set(termOf.slice(m.start, m.end));
    const onlyStopwords = (k: number) => plain(terms[k]!) && wordsOf(terms[k]!.text).every(isStopword);
    let whole = true;
    for (let k = first; k <= last; k++) if (!inRun.has(k) && !onlyStopwords(k)) whole = false;
    if (!whole) continue;
    covered.set(first, {
      end: last + 1,
      concepts: m.concepts.map((c) => c.id),
      labels: [...new Set(m.concepts.flatMap((c) => th.labelsOf(c)))],
    });
  }
  // A quoted phrase that is a label is expanded too.
  terms.forEach((t, i) => {
    if (!t.phrase || covered.has(i)) return;
    const ws = wordsOf(t.text).filter((w) => !isStopword(w));
    const m = th.match(ws).find((x) => x.start === 0 && x.end === ws.length);
    if (m)
      covered.set(i, {
        end: i + 1,
        concepts: m.concepts.map((c) => c.id),
        labels: [...new Set(m.concepts.flatMap((c) => th.labelsOf(c)))],
      });
  });
  for (let i = 0; i < terms.length; ) {
    const run = covered.get(i);
    const end = run?.end ?? i + 1;
    groups.push({
      terms: plans.slice(i, end),
      labels: run?.labels ?? [],
      concepts: run?.concepts ?? [],
      negated: terms[i]!.negated,
      or: terms[i]!.or,
    });
    i = end;
  }
  return { terms, groups };
}

/**
 * The SQL expression (a tsquery) of a plan; its values are pushed onto params. For the catalogue's
 * index ('index') a concept is its one lexeme ('#labour-migration', see src/store/search.ts); for plain
 * text, pages and snippets ('text') it is all its labels.
 */
export function planSql(
  plan: SearchPlan,
  params: unknown[],
  target: 'index' | 'text',
  termSql = termTsquery(params),
): string {
  const add = (v: unknown) => `$${params.push(v)}`;
  let expr = '';
  for (const g of plan.groups) {
    let sql = g.terms.map(termSql).join(' && ');
    if (g.concepts.length && target === 'index') {
      const concepts = `${add(g.concepts.map((c) => `'#${c}'`).join(' | '))}::tsquery`;
      // A quoted label: a text with the phrase has the concept's lexeme anyway (labels are indexed as their
      // words anywhere), and a phrase would make PostgreSQL read every candidate's positions.
      sql = g.terms.length === 1 && g.terms[0]!.term.phrase ? concepts : `(${sql}) || ${concepts}`;
    } else if (g.labels.length) {
      // The concepts' label queries as stored by the store; computed here if the database has not got them yet.
      sql = `(${sql}) || kitap_concepts_tsquery(${add(g.concepts)}::text[], ${add(g.labels)}::text[])`;
    }
    sql = g.negated ? `!!(${sql})` : `(${sql})`;
    expr = expr ? `(${expr} ${g.or ? '||' : '&&'} ${sql})` : sql;
  }
  return expr || `''::tsquery`;
}

/** The SQL of one term: its spellings, stemmed in the database, or'ed with its script-neutral key. */
export function termTsquery(params: unknown[]): (t: TermPlan) => string {
  return (t) => `kitap_term_tsquery($${params.push(t.variants)}::text[], $${params.push(t.skel)}, ${t.term.phrase})`;
}

/** Words of the query a spelling suggestion may replace: plain words of three letters or more. */
export function suggestableWords(plan: SearchPlan): string[] {
  return plan.terms
    .filter((t) => !t.phrase && !t.negated)
    .map((t) => fold(t.text))
    .filter((w) => /^[a-z\u0400-\u04ff]{3,}$/.test(w));
}
