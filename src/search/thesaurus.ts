// The migration thesaurus (thesaurus/concepts.json, CC BY-SA, see its NOTICE.md): loaded once,
// checked, and indexed so that a query's words can be matched to concept labels in any language.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { isStopword, matchKeys, wordsOf } from './normalize.ts';

export const THESAURUS_LANGS = ['en', 'ru', 'kk', 'ky'] as const;
export type ThesaurusLang = (typeof THESAURUS_LANGS)[number];

const labels = z.array(z.string().trim().min(1).max(200)).min(1);
const conceptSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    unesco: z
      .string()
      .regex(/^concept\d+$/)
      .optional(),
    broader: z.string().optional(),
    subject: z.boolean().default(true),
    en: labels,
    ru: labels,
    kk: labels,
    ky: labels,
  })
  .strict();
export type Concept = z.infer<typeof conceptSchema>;

/** A run of query words that spells a label of these concepts. */
export interface ConceptMatch {
  start: number;
  end: number;
  concepts: Concept[];
}

export const THESAURUS_FILE = new URL('./thesaurus/concepts.json', import.meta.url);

export class Thesaurus {
  readonly byId: Map<string, Concept>;
  /** Label word sequences (as match keys per word), longest first, with their concept. */
  private readonly labels: Array<{ keys: string[][]; concept: Concept }> = [];

  constructor(
    readonly concepts: Concept[],
    readonly hash: string,
  ) {
    this.byId = new Map(concepts.map((c) => [c.id, c]));
    for (const c of concepts) {
      for (const lang of THESAURUS_LANGS) {
        for (const label of c[lang]) {
          const words = wordsOf(label).filter((w) => !isStopword(w));
          if (words.length) this.labels.push({ keys: words.map(matchKeys), concept: c });
        }
      }
    }
    this.labels.sort((a, b) => b.keys.length - a.keys.length);
  }

  /** Every label of a concept, in all languages. */
  labelsOf(c: Concept): string[] {
    return THESAURUS_LANGS.flatMap((l) => c[l]);
  }

  /** The preferred label in each language, as a localized value for facets. */
  prefLabels(c: Concept): Record<ThesaurusLang, string> {
    return { en: c.en[0]!, ru: c.ru[0]!, kk: c.kk[0]!, ky: c.ky[0]! };
  }

  /**
   * Runs of the given (folded, stopword-free) words that spell a whole label, longest first and not
   * overlapping; a run may name several concepts (a label two concepts share).
   */
  match(words: string[]): ConceptMatch[] {
    const keys = words.map((w) => new Set(matchKeys(w)));
    const taken = new Array<boolean>(words.length).fill(false);
    const found: ConceptMatch[] = [];
    for (const label of this.labels) {
      const n = label.keys.length;
      for (let start = 0; start + n <= words.length; start++) {
        if (label.keys.some((k, i) => !k.some((x) => keys[start + i]!.has(x)))) continue;
        const same = found.find((f) => f.start === start && f.end === start + n);
        if (same) {
          if (!same.concepts.includes(label.concept)) same.concepts.push(label.concept);
          continue;
        }
        if (taken.slice(start, start + n).some(Boolean)) continue;
        for (let i = start; i < start + n; i++) taken[i] = true;
        found.push({ start, end: start + n, concepts: [label.concept] });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }
}

/** Reads and checks a thesaurus file: ids unique, broader concepts exist. */
export function readThesaurus(url: URL | string = THESAURUS_FILE): Thesaurus {
  const text = fs.readFileSync(url, 'utf8');
  const concepts = z.array(conceptSchema).parse(JSON.parse(text));
  const ids = new Set<string>();
  for (const c of concepts) {
    if (ids.has(c.id)) throw new Error(`thesaurus: concept "${c.id}" appears twice`);
    ids.add(c.id);
  }
  for (const c of concepts)
    if (c.broader && !ids.has(c.broader))
      throw new Error(`thesaurus: "${c.id}" has an unknown broader concept "${c.broader}"`);
  return new Thesaurus(concepts, createHash('sha256').update(text).digest('hex').slice(0, 16));
}

let cached: Thesaurus | undefined;
/** The repository's thesaurus, read on first use. */
export function thesaurus(): Thesaurus {
  cached ??= readThesaurus();
  return cached;
}
