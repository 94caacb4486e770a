// Relations between the page's publications, read from what their descriptions say about each other:
// a quoted title with "follows up on", "executive summary of", "validate the findings of"; a title of the
// form "Summary of the Report – X"; phases of one series; a news item quoting the study it announces.
import type { RelationType } from '../domain/publication.ts';
import { sentences } from './entities.ts';
import { normalise } from './merge.ts';
import type { ImportRecord } from './record.ts';

export interface RelationContext {
  record: ImportRecord;
  refTitle: string | null;
  headline: boolean;
  phase: string | null;
  seriesName: string | null;
}

const QUOTE = /[“"«„”]([^“"«„”»]{8,300})[”"»“]/gu;
const PHASE = /\(?\bPhase\s+([IVX]+|\d+)\)?/g;
const SUMMARY_KINDS = new Set(['summary', 'executive-summary']);

/**
 * Records by normalised title (and title with subtitle), so that finding a quoted title costs one lookup
 * instead of a pass over the page (a 20 MB page has tens of thousands of records). A record whose title
 * changes later is added again; lookups re-check the title, so a stale entry never matches.
 */
export class TitleIndex {
  private readonly map = new Map<string, ImportRecord[]>();
  constructor(records: ImportRecord[]) {
    for (const r of records) this.add(r);
  }
  add(r: ImportRecord): void {
    for (const k of new Set([normalise(r.title), normalise(`${r.title} ${r.subtitle ?? ''}`)])) {
      const list = this.map.get(k);
      if (!list) this.map.set(k, [r]);
      else if (!list.includes(r)) list.push(r);
    }
  }
  get(key: string): ImportRecord[] {
    return this.map.get(key) ?? [];
  }
}

/** Records whose title (with or without subtitle) is the quoted text; full publications first. */
export function recordsTitled(quoted: string, index: TitleIndex): ImportRecord[] {
  const q = normalise(quoted);
  if (q.length <= 10) return [];
  return index
    .get(q)
    .filter((r) => normalise(r.title) === q || normalise(`${r.title} ${r.subtitle ?? ''}`) === q)
    .sort(
      (a, b) =>
        Number(SUMMARY_KINDS.has(a.kind) || a.kind === 'news') - Number(SUMMARY_KINDS.has(b.kind) || b.kind === 'news'),
    );
}

/** The phase each quoted title is given beside it: "(Phase II) “…”", "“…” (Phase I)". */
export function phasesOfQuotes(text: string): Array<{ quoted: string; phase: string }> {
  const out: Array<{ quoted: string; phase: string }> = [];
  for (const q of text.matchAll(QUOTE)) {
    const before = text.slice(Math.max(0, q.index - 14), q.index);
    const after = text.slice(q.index + q[0].length, q.index + q[0].length + 14);
    const b = /\(Phase\s+([IVX]+|\d+)\)\s*$/.exec(before);
    const a = /^\s*\(Phase\s+([IVX]+|\d+)\)/.exec(after);
    const phase = b?.[1] ?? a?.[1];
    if (phase) out.push({ quoted: q[1]!, phase: `Phase ${phase}` });
  }
  return out;
}

const romanValue = (p: string): number => {
  const v = p.replace(/^Phase\s+/, '');
  if (/^\d+$/.test(v)) return Number(v);
  const map: Record<string, number> = { I: 1, V: 5, X: 10 };
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const cur = map[v[i]!]!;
    const next = map[v[i + 1] ?? ''] ?? 0;
    n += cur < next ? -cur : cur;
  }
  return n;
};

/** Adds each record's relations (by target key) and returns notes for the report. */
export function linkRecords(ctx: RelationContext[]): string[] {
  const notes: string[] = [];
  const all = new TitleIndex(ctx.map((c) => c.record));
  const references = new Map<string, Array<{ r: ImportRecord; score: number }>>();
  const phases = new Map<string, RelationContext[]>();
  for (const c of ctx)
    if (c.phase && c.seriesName)
      phases.set(`${c.seriesName}|${romanValue(c.phase)}`, [
        ...(phases.get(`${c.seriesName}|${romanValue(c.phase)}`) ?? []),
        c,
      ]);
  const add = (c: RelationContext, type: RelationType, target: ImportRecord, why: string): void => {
    if (target === c.record || c.record.relations.some((r) => r.target === target.key)) return;
    c.record.relations.push({ type, target: target.key });
    notes.push(`${c.record.key} ${type} ${target.key} (${why})`);
  };
  for (const c of ctx) {
    const r = c.record;
    if (c.refTitle) {
      const t = recordsTitled(c.refTitle, all).find((x) => x !== r);
      if (t)
        add(c, r.kind === 'executive-summary' ? 'executiveSummaryOf' : 'summaryOf', t, 'its title names the report');
    }
    for (const s of sentences(r.description)) {
      for (const q of s.matchAll(QUOTE)) {
        const target = recordsTitled(q[1]!, all).find((x) => x !== r);
        const sameTitle = recordsTitled(q[1]!, all).find((x) => x !== r && !SUMMARY_KINDS.has(x.kind));
        if (r.kind === 'executive-summary' && /executive summary of/i.test(s) && sameTitle)
          add(c, 'executiveSummaryOf', sameTitle, 'the description says so');
        else if (r.kind === 'summary' && /summary of/i.test(s) && sameTitle)
          add(c, 'summaryOf', sameTitle, 'the description says so');
        if (!target) continue;
        if (/\bfollow(?:s|ed|ing)?[\s-]up\b|\bcontinu(?:es|ation of)\b/i.test(s))
          add(c, 'followsUp', target, 'the description says so');
        else if (/\bvalidat/i.test(s)) add(c, 'validates', target, 'the description says so');
        else if (/\btranslat(?:ion|ed)\b/i.test(s)) add(c, 'translationOf', target, 'the description says so');
        else if (c.headline) add(c, 'announces', target, 'the news item quotes its title');
      }
      if (/\bvalidat/i.test(s) && !r.relations.some((x) => x.type === 'validates')) {
        const t = bestReference(s, r, ctx, references);
        if (t) add(c, 'validates', t, `"${s.slice(0, 80)}…"`);
      }
    }
    if (SUMMARY_KINDS.has(r.kind) && !r.relations.length) {
      const full = all
        .get(normalise(r.title))
        .find(
          (x) =>
            x !== r &&
            !SUMMARY_KINDS.has(x.kind) &&
            x.kind !== 'news' &&
            normalise(x.title) === normalise(r.title) &&
            normalise(x.subtitle) === normalise(r.subtitle) &&
            x.year === r.year,
        );
      if (full)
        add(c, r.kind === 'executive-summary' ? 'executiveSummaryOf' : 'summaryOf', full, 'same title and year');
    }
  }
  // Phases of one series: Phase II follows up Phase I.
  for (const c of ctx) {
    if (!c.phase || !c.seriesName) continue;
    const prev = (phases.get(`${c.seriesName}|${romanValue(c.phase) - 1}`) ?? []).find(
      (o) => o !== c && !SUMMARY_KINDS.has(o.record.kind),
    );
    if (prev) add(c, 'followsUp', prev.record, `${c.phase} after ${prev.phase}`);
  }
  return notes;
}

/**
 * An unquoted reference ("validate the research findings of the 2017 … Regional Field Assessment Phase II"):
 * the record that best matches the year, phase, series and title words named in the sentence. The two best
 * for each sentence are remembered (the answer for a record is the best that is not itself), so a sentence
 * repeated across a long page is scored once.
 */
function bestReference(
  s: string,
  self: ImportRecord,
  ctx: RelationContext[],
  cache: Map<string, Array<{ r: ImportRecord; score: number }>>,
): ImportRecord | null {
  const after = s.slice(s.search(/\bvalidat/i));
  let top = cache.get(after);
  if (!top) {
    top = scoreReferences(after, ctx);
    cache.set(after, top);
  }
  const best = top.find((t) => t.r !== self);
  return best && best.score >= 4 ? best.r : null;
}

/** The two best candidates for an unquoted reference, by score, earlier first on a tie. */
function scoreReferences(after: string, ctx: RelationContext[]): Array<{ r: ImportRecord; score: number }> {
  const years = new Set((after.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? []).map(Number));
  const phases = new Set([...after.matchAll(PHASE)].map((m) => `Phase ${m[1]}`));
  const words = new Set(normalise(after) ? after.toLowerCase().match(/\p{L}{4,}/gu) : []);
  const top: Array<{ r: ImportRecord; score: number }> = [];
  for (const c of ctx) {
    const r = c.record;
    if (SUMMARY_KINDS.has(r.kind) || r.kind === 'news') continue;
    let score = 0;
    if (r.year !== null && years.has(r.year)) score += 2;
    if (c.phase && phases.has(c.phase)) score += 3;
    if (c.seriesName && after.toLowerCase().includes(c.seriesName.toLowerCase().split(' ').slice(0, 3).join(' ')))
      score += 2;
    const titleWords = r.title.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
    if (titleWords.length && titleWords.filter((w) => words.has(w)).length / titleWords.length >= 0.5) score += 3;
    if (top.length < 2 || score > top[1]!.score) {
      top.push({ r, score });
      top.sort((a, b) => b.score - a.score);
      top.length = Math.min(top.length, 2);
    }
  }
  return top;
}
