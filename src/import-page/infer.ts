// What a record's text implies: its kind, countries and topics.
import type { Kind } from '../domain/publication.ts';
import type { Draft } from './parse.ts';
import {
  countCountries,
  countries,
  countTopics,
  findKindWords,
  findLanguages,
  findOrganisations,
  headKind,
  regionMembers,
  topics,
} from './vocabulary.ts';

const SELF_REFERENCE = /\b(this|these|the|our|new|a|an)\s+/giu;
// A kind that refines another wins over it when both are named ("book" and "book for children").
const REFINES: Record<string, string> = { 'childrens-book': 'book', 'executive-summary': 'summary' };

/** The kind, with a note when it had to be guessed. */
export function inferKind(d: Draft): { kind: Kind; note: string | null } {
  if (d.eventDate) return { kind: 'conference-proceedings', note: null };
  const stated = d.kindMarker ?? d.kindFromTitle;
  if (stated) return { kind: stated as Kind, note: null };
  const fromText = kindInText(d.description);
  if (fromText) return { kind: fromText as Kind, note: null };
  if (d.pages !== null && d.pages <= 8)
    return { kind: 'brochure', note: `kind not stated; ${d.pages} pages suggest a brochure` };
  return { kind: 'report', note: 'kind not stated; taken as a report' };
}

/** The kind a description gives itself: "the book …", "this study", "an anti-trafficking book for children". */
export function kindInText(text: string): string | null {
  const counts = new Map<string, { n: number; first: number }>();
  for (const m of text.matchAll(SELF_REFERENCE)) {
    // "this report" says more than "the report"; up to two words may stand between ("the regional field assessment").
    const weight = /^th(?:is|ese)$/i.test(m[1]!) ? 2 : 1;
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    const words = rest.split(/\s+/);
    for (let skip = 0; skip <= 2; skip++) {
      const after = words.slice(skip).join(' ');
      if (skip && /[,.;:]$/.test(words[skip - 1] ?? '')) break;
      const k = findKindWords(after).find((w) => w.index === 0);
      if (!k) continue;
      const kind = headKind(after)?.kind ?? k.kind;
      const c = counts.get(kind) ?? { n: 0, first: m.index };
      c.n += weight;
      counts.set(kind, c);
      break;
    }
  }
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first)[0]?.[0] ?? null;
  const refined = Object.entries(REFINES).find(([fine, coarse]) => coarse === best && counts.has(fine))?.[0];
  return refined ?? best;
}

const order = new Map(countries.countries.map((c, i) => [c.code, i]));
const focus = new Set(countries.focus);

/**
 * Countries: any named in the title; in the description, one mention of a country of the office's region
 * is enough, others need two (a single passing example is not a subject). Organisation names do not count
 * ("Library of the First President of the Republic of Kazakhstan"). A title naming a region with no
 * country of it in the text gets the region's countries.
 */
export function inferCountries(title: string, description: string): string[] {
  const seats = new Set<string>();
  const strip = (t: string, stripSeats: boolean): string => {
    let out = t;
    for (const m of findOrganisations(t).reverse()) {
      // "IOM Kazakhstan", "IOM (IOM) in Kazakhstan", "IOM missions in …": where an organisation sits, not what the text is about.
      const seat = stripSeats
        ? /^\)?\s+(?:missions?\s+)?(?:in\s+|to\s+)?(?:the\s+)?\p{Lu}\p{L}+(?:\s+Republic)?/u.exec(t.slice(m.end))
        : null;
      const seatCountries = seat ? countCountries(seat[0]) : new Map<string, number>();
      for (const c of seatCountries.keys()) seats.add(c);
      const end = m.end + (seatCountries.size ? seat![0].length : 0);
      out = out.slice(0, m.start) + ' '.repeat(end - m.start) + out.slice(end);
    }
    return out;
  };
  const inTitle = countCountries(strip(title, false));
  const inText = countCountries(strip(description, true));
  const codes = new Set<string>(inTitle.keys());
  for (const [code, n] of inText) if (focus.has(code) || n >= 2) codes.add(code);
  if (![...codes].some((c) => focus.has(c))) for (const c of regionMembers(title)) codes.add(c);
  // Nothing else to go on: the country the publishing office sits in.
  if (!codes.size) for (const c of seats) codes.add(c);
  return [...codes].sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999));
}

const topicOrder = new Map(topics.map((t, i) => [t.slug, i]));

/** Topics whose words weigh at least 2: a title mention counts 3, a description mention 1. */
export function inferTopics(title: string, description: string): string[] {
  const score = new Map<string, number>();
  for (const [slug, n] of countTopics(title)) score.set(slug, (score.get(slug) ?? 0) + 3 * n);
  for (const [slug, n] of countTopics(description)) score.set(slug, (score.get(slug) ?? 0) + n);
  return [...score.entries()]
    .filter(([, s]) => s >= 2)
    .sort((a, b) => b[1] - a[1] || topicOrder.get(a[0])! - topicOrder.get(b[0])!)
    .slice(0, 6)
    .map(([slug]) => slug);
}

/** Languages a description says the publication is in: "in Kyrgyz and Russian languages", "available in English and Russian". */
export function languagesInText(text: string): string[] {
  const out: string[] = [];
  const re =
    /\b(?:(?:available|published|printed|issued|versions?)\s+in\s+|in\s+(?=[\p{L}\s,]+?\s+(?:languages?|versions?|editions?)\b))([\p{Lu}][\p{L}]*(?:(?:\s*,\s*|\s+and\s+)[\p{Lu}][\p{L}]*)*)/gu;
  for (const m of text.matchAll(re)) {
    const names = m[1]!.split(/\s*,\s*|\s+and\s+/);
    const codes = names.map((n) => findLanguages(n)[0]);
    if (codes.every(Boolean)) for (const c of codes as string[]) if (!out.includes(c)) out.push(c);
  }
  return out;
}
