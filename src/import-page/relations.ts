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

/** Records whose title (with or without subtitle) is the quoted text; full publications first. */
export function recordsTitled(quoted: string, all: ImportRecord[]): ImportRecord[] {
  const q = normalise(quoted);
  return all
    .filter((r) => q.length > 10 && (normalise(r.title) === q || normalise(`${r.title} ${r.subtitle ?? ''}`) === q))
    .sort((a, b) => Number(SUMMARY_KINDS.has(a.kind) || a.kind === 'news') - Number(SUMMARY_KINDS.has(b.kind) || b.kind === 'news'));
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
  const all = ctx.map((c) => c.record);
  const add = (c: RelationContext, type: RelationType, target: ImportRecord, why: string): void => {
    if (target === c.record || c.record.relations.some((r) => r.target === target.key)) return;
    c.record.relations.push({ type, target: target.key });
    notes.push(`${c.record.key} ${type} ${target.key} (${why})`);
  };
  for (const c of ctx) {
    const r = c.record;
    if (c.refTitle) {
      const t = recordsTitled(c.refTitle, all).find((x) => x !== r);
      if (t) add(c, r.kind === 'executive-summary' ? 'executiveSummaryOf' : 'summaryOf', t, 'its title names the report');
    }
    for (const s of sentences(r.description)) {
      for (const q of s.matchAll(QUOTE)) {
        const target = recordsTitled(q[1]!, all).find((x) => x !== r);
        const sameTitle = recordsTitled(q[1]!, all).find((x) => x !== r && !SUMMARY_KINDS.has(x.kind));
        if (r.kind === 'executive-summary' && /executive summary of/i.test(s) && sameTitle) add(c, 'executiveSummaryOf', sameTitle, 'the description says so');
        else if (r.kind === 'summary' && /summary of/i.test(s) && sameTitle) add(c, 'summaryOf', sameTitle, 'the description says so');
        if (!target) continue;
        if (/\bfollow(?:s|ed|ing)?[\s-]up\b|\bcontinu(?:es|ation of)\b/i.test(s)) add(c, 'followsUp', target, 'the description says so');
        else if (/\bvalidat/i.test(s)) add(c, 'validates', target, 'the description says so');
        else if (/\btranslat(?:ion|ed)\b/i.test(s)) add(c, 'translationOf', target, 'the description says so');
        else if (c.headline) add(c, 'announces', target, 'the news item quotes its title');
      }
      if (/\bvalidat/i.test(s) && !r.relations.some((x) => x.type === 'validates')) {
        const t = bestReference(s, r, ctx);
        if (t) add(c, 'validates', t, `"${s.slice(0, 80)}…"`);
      }
    }
    if (SUMMARY_KINDS.has(r.kind) && !r.relations.length) {
      const full = all.find((x) => x !== r && !SUMMARY_KINDS.has(x.kind) && x.kind !== 'news' && normalise(x.title) === normalise(r.title)
        && normalise(x.subtitle) === normalise(r.subtitle) && x.year === r.year);
      if (full) add(c, r.kind === 'executive-summary' ? 'executiveSummaryOf' : 'summaryOf', full, 'same title and year');
    }
  }
  // Phases of one series: Phase II follows up Phase I.
  for (const c of ctx) {
    if (!c.phase || !c.seriesName) continue;
    const prev = ctx.find((o) => o !== c && o.seriesName === c.seriesName && o.phase && romanValue(o.phase) === romanValue(c.phase!) - 1 && !SUMMARY_KINDS.has(o.record.kind));
    if (prev) add(c, 'followsUp', prev.record, `${c.phase} after ${prev.phase}`);
  }
  return notes;
}

/**
 * An unquoted reference ("validate the research findings of the 2017 … Regional Field Assessment Phase II"):
 * the record that best matches the year, phase, series and title words named in the sentence.
 */
function bestReference(s: string, self: ImportRecord, ctx: RelationContext[]): ImportRecord | null {
  const after = s.slice(s.search(/\bvalidat/i));
  const years = new Set((after.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? []).map(Number));
  const phases = new Set([...after.matchAll(PHASE)].map((m) => `Phase ${m[1]}`));
  const words = new Set(normalise(after) ? after.toLowerCase().match(/\p{L}{4,}/gu) : []);
  let best: { r: ImportRecord; score: number } | null = null;
  for (const c of ctx) {
    const r = c.record;
    if (r === self || SUMMARY_KINDS.has(r.kind) || r.kind === 'news') continue;
    let score = 0;
    if (r.year !== null && years.has(r.year)) score += 2;
    if (c.phase && phases.has(c.phase)) score += 3;
    if (c.seriesName && after.toLowerCase().includes(c.seriesName.toLowerCase().split(' ').slice(0, 3).join(' '))) score += 2;
    const titleWords = r.title.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
    if (titleWords.length && titleWords.filter((w) => words.has(w)).length / titleWords.length >= 0.5) score += 3;
    if (!best || score > best.score) best = { r, score };
  }
  return best && best.score >= 4 ? best.r : null;
}
