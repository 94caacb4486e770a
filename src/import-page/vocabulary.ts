// The importer's vocabulary: organisations, languages, kinds, countries and topics, kept as data
// (vocabulary/*.json) and compiled once into matchers.
import fs from 'node:fs';
import { z } from 'zod';

const read = <T>(file: string, schema: z.ZodType<T>): T =>
  schema.parse(JSON.parse(fs.readFileSync(new URL(`./vocabulary/${file}`, import.meta.url), 'utf8')));

const organisationsFile = z.object({
  organisations: z.array(
    z.object({
      name: z.string(),
      abbreviation: z.string().optional(),
      donor: z.boolean().optional(),
      aliases: z.array(z.string()).min(1),
    }),
  ),
  orgHeadWords: z.array(z.string()),
});
const languagesFile = z.object({
  languages: z.array(z.object({ code: z.string().length(2), names: z.array(z.string()) })),
});
const kindsFile = z.object({
  kinds: z.array(z.object({ kind: z.string(), words: z.array(z.string()) })),
  primary: z.array(z.string()),
  pageHeadings: z.array(z.string()),
});
const countriesFile = z.object({
  focus: z.array(z.string()),
  countries: z.array(
    z.object({ code: z.string().length(2), names: z.array(z.string()), adjectives: z.array(z.string()) }),
  ),
  regions: z.array(z.object({ names: z.array(z.string()), members: z.array(z.string()) })),
});
const topicsFile = z.object({ topics: z.array(z.object({ slug: z.string(), words: z.array(z.string()) })) });

export interface Organisation {
  name: string;
  abbreviation?: string;
  donor?: boolean;
}

export const organisations = read('organisations.json', organisationsFile);
export const languages = read('languages.json', languagesFile).languages;
export const kinds = read('kinds.json', kindsFile);
export const countries = read('countries.json', countriesFile);
export const topics = read('topics.json', topicsFile).topics;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isAcronym = (s: string): boolean => /^[\p{Lu}\d/&.-]+$/u.test(s) && /\p{Lu}/u.test(s);

export interface PhraseMatch {
  text: string;
  index: number;
}
export type PhraseMatcher = (text: string) => PhraseMatch[];

/**
 * A matcher for a list of phrases on word boundaries, longest match first. Phrases in capitals (acronyms)
 * match only in capitals, the rest in any case; a * ending any word of a phrase matches any ending of that word
 * ("трудов* мигра*" finds "трудовая миграция" and "трудовых мигрантов").
 */
export function phraseMatcher(phrases: string[]): PhraseMatcher {
  const unique = [...new Set(phrases)];
  const build = (list: string[], flags: string): RegExp | null => {
    if (!list.length) return null;
    const parts = list
      .sort((a, b) => b.length - a.length)
      .map((p) =>
        p
          .trim()
          .split(/\s+/)
          .map((w) => {
            const body = escape(w.replace(/\*$/, '')).replace(/['’´]/g, "['’´]");
            return w.endsWith('*') ? `${body}\\p{L}*` : body;
          })
          .join('\\s+'),
      );
    // Lookarounds stand in for \b, which does not know Cyrillic letters.
    return new RegExp(`(?<![\\p{L}\\d])(?:${parts.join('|')})(?![\\p{L}\\d])`, flags);
  };
  const exact = build(unique.filter(isAcronym), 'gu');
  const loose = build(
    unique.filter((p) => !isAcronym(p)),
    'giu',
  );
  return (text) => {
    const found = [exact, loose].flatMap((re) =>
      re ? [...text.matchAll(re)].map((m) => ({ text: m[0], index: m.index })) : [],
    );
    found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
    const out: PhraseMatch[] = [];
    for (const m of found) if (!out.length || m.index >= out.at(-1)!.index + out.at(-1)!.text.length) out.push(m);
    return out;
  };
}

const orgByAlias = new Map<string, Organisation>();
for (const o of organisations.organisations) {
  for (const a of o.aliases) orgByAlias.set(a.toLowerCase().replace(/\s+/g, ' ').replace(/[’´]/g, "'"), o);
}
const orgMatcher = phraseMatcher(organisations.organisations.flatMap((o) => o.aliases));

export interface OrgMention {
  org: Organisation;
  start: number;
  end: number;
}

/** Known organisations named in a text, however written, left to right. */
export function findOrganisations(text: string): OrgMention[] {
  const out: OrgMention[] = [];
  for (const m of orgMatcher(text)) {
    const org = orgByAlias.get(m.text.toLowerCase().replace(/\s+/g, ' ').replace(/[’´]/g, "'"));
    if (org)
      out.push({
        org: { name: org.name, abbreviation: org.abbreviation, donor: org.donor },
        start: m.index,
        end: m.index + m.text.length,
      });
  }
  return out;
}

const languageByName = new Map<string, string>();
for (const l of languages) for (const n of l.names) languageByName.set(n.toLowerCase(), l.code);
const languageMatcher = phraseMatcher(languages.flatMap((l) => l.names));

/** ISO 639-1 codes of the language names in a text, in order of first mention. */
export function findLanguages(text: string): string[] {
  const out: string[] = [];
  for (const m of languageMatcher(text)) {
    const code = languageByName.get(m.text.toLowerCase());
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/** The language code for one name ("English", "RUS"), or null. */
export const languageCode = (name: string): string | null => languageByName.get(name.trim().toLowerCase()) ?? null;

const kindWords = kinds.kinds.flatMap((k) => k.words.map((w) => ({ word: w, kind: k.kind })));
const kindMatcher = phraseMatcher(kindWords.map((k) => k.word));
const kindOf = new Map(kindWords.map((k) => [k.word.toLowerCase(), k.kind]));

/** Kind words in a text with their positions. */
export function findKindWords(text: string): Array<{ kind: string; index: number; word: string }> {
  return kindMatcher(text)
    .map((m) => ({
      kind:
        kindOf.get(m.text.toLowerCase().replace(/\s+/g, ' ')) ??
        kindOf.get(m.text.toLowerCase().replace(/\s+/g, ' ').replace(/['´]/g, '’')) ??
        '',
      index: m.index,
      word: m.text,
    }))
    .filter((k) => k.kind);
}

/** The kind a phrase names: its first kind word, or the last of adjacent ones ("Research Report" → report). */
export function headKind(text: string): { kind: string; index: number } | null {
  const found = findKindWords(text);
  let k = found[0];
  if (!k) return null;
  for (const next of found.slice(1)) {
    if (!/^\s+$/.test(text.slice(k.index + k.word.length, next.index))) break;
    k = next;
  }
  return { kind: k.kind, index: found[0]!.index };
}

/** Rank of a kind in kinds.json: lower is more specific. */
export const kindRank = (kind: string): number => kinds.kinds.findIndex((k) => k.kind === kind);

export const isPrimaryKind = (kind: string): boolean => kinds.primary.includes(kind);

interface CountryPattern {
  code: string;
  match: PhraseMatcher;
  adjective: boolean;
}
const countryPatterns: CountryPattern[] = countries.countries.flatMap((c) => [
  { code: c.code, match: phraseMatcher(c.names), adjective: false },
  // Adjectives ("Kyrgyz", "American") count only for the office's region: elsewhere they describe people more than places.
  ...(c.adjectives.length && countries.focus.includes(c.code)
    ? [{ code: c.code, match: phraseMatcher(c.adjectives), adjective: true }]
    : []),
]);
const regionPatterns = countries.regions.map((r) => ({ match: phraseMatcher(r.names), members: r.members }));

/** Countries named in a text (adjectives such as "Kyrgyz" count too), with how often. */
export function countCountries(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  // A name claims its span, so "Kyrgyz Republic" is not counted again as the adjective "Kyrgyz".
  const claimed: Array<[number, number]> = [];
  for (const p of [...countryPatterns].sort((a, b) => Number(a.adjective) - Number(b.adjective))) {
    for (const m of p.match(text)) {
      const [s, e] = [m.index, m.index + m.text.length];
      if (claimed.some(([cs, ce]) => s < ce && e > cs)) continue;
      // "in Kyrgyz and Russian languages" names languages, not countries.
      if (
        p.adjective &&
        /^\s*(?:languages?|языках?|тілінде)/iu.test(text.slice(e, e + 60).replace(/^(?:\s*(?:,|and|и)\s*\p{L}+)*/u, ''))
      )
        continue;
      claimed.push([s, e]);
      counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
    }
  }
  return counts;
}

/** Members of the region a text names ("Central Asia" → the five countries); none when it names several regions. */
export function regionMembers(text: string): string[] {
  const named = regionPatterns.filter((r) => r.match(text).length > 0);
  return named.length === 1 ? named[0]!.members : [];
}

const topicPatterns = topics.map((t) => ({ slug: t.slug, match: phraseMatcher(t.words) }));

/** How often each topic's words occur in a text. */
export function countTopics(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of topicPatterns) {
    const n = t.match(text).length;
    if (n) counts.set(t.slug, n);
  }
  return counts;
}

/** The organisation head nouns ("Ministry", "Center", …) that let an unknown name be recognised as an organisation. */
export const orgHeadWords = organisations.orgHeadWords;
