// What of a publication is indexed, in which language and with which weight: A title; B subtitle,
// people and organisations; C abstract, series, projects, topics and identifiers. Full text is in
// file_pages and ranks below all of these. Script-neutral keys are added for every word (see translit.ts).
import { fold, wordsOf } from './normalize.ts';
import { skeleton } from './translit.ts';

type Localized = Record<string, string | undefined>;

/** The record as refreshSearch reads it. */
export interface IndexedRecord {
  title: Localized;
  subtitle: Localized;
  abstract: Localized;
  series: string | null;
  people: string[];
  organisations: Array<{ name: Localized; abbreviation: string | null }>;
  projects: Array<{ name: Localized; abbreviation: string | null }>;
  topics: Localized[];
  identifiers: string[];
}

export type Weight = 'A' | 'B' | 'C';

/**
 * One text to index: its language ('any' when unknown), its weight, and what it says of the subject:
 * a title, subtitle or topic names it (strong); an abstract mentions it (weak: multi-word labels only).
 */
export interface Segment {
  lang: string;
  text: string;
  weight: Weight;
  subject: 'strong' | 'weak' | null;
}

export interface IndexDocument {
  segments: Segment[];
  /**
   * Script-neutral keys ('~kazakstan') of every word. They carry no position, hence no weight: a
   * match on them alone ranks lowest (D), below any match on the words themselves.
   */
  skeletons: string[];
  /** The keys of the title's words alone (the title has a vector of its own, see src/store/search.ts). */
  titleSkeletons: string[];
  /** Words as written, folded, for the spelling lexicon. */
  words: string[];
}

/** Languages with a stemmer of their own in kitap_tsvector; any other is indexed as written. */
const STEMMED = new Set(['en', 'ru', 'kk', 'ky']);

export function indexDocument(r: IndexedRecord): IndexDocument {
  const segments: Segment[] = [];
  const add = (lang: string, text: string | null | undefined, weight: Weight, subject: Segment['subject'] = null) => {
    if (text && text.trim())
      segments.push({
        lang: STEMMED.has(lang) || lang === 'any' || lang === 'simple' ? lang : 'simple',
        text,
        weight,
        subject,
      });
  };
  const each = (v: Localized, weight: Weight, subject: Segment['subject'] = null) => {
    for (const [lang, text] of Object.entries(v)) add(lang, text, weight, subject);
  };
  each(r.title, 'A', 'strong');
  each(r.subtitle, 'B', 'strong');
  for (const name of r.people) add('any', name, 'B');
  for (const o of r.organisations) {
    each(o.name, 'B');
    add('simple', o.abbreviation, 'B');
  }
  each(r.abstract, 'C', 'weak');
  add('any', r.series, 'C');
  for (const p of r.projects) {
    each(p.name, 'C');
    add('simple', p.abbreviation, 'C');
  }
  for (const t of r.topics) each(t, 'C', 'strong');
  for (const id of r.identifiers) add('simple', id, 'C');

  const skeletons = new Set<string>();
  const titleSkeletons = new Set<string>();
  const words = new Set<string>();
  for (const s of segments) {
    for (const w of wordsOf(s.text)) {
      const key = skeleton(w);
      if (key.length >= 3) {
        skeletons.add(`~${key}`);
        if (s.weight === 'A') titleSkeletons.add(`~${key}`);
      }
      if (w.length >= 3 && w.length <= 40 && !/\d/.test(w)) words.add(w);
    }
  }
  return {
    segments,
    skeletons: [...skeletons],
    titleSkeletons: [...titleSkeletons],
    words: [...words].map(fold),
  };
}
