// A deterministic synthetic catalogue (seeded PRNG) and its load through the one write path.
import type { Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { publicationInput, type ContentLanguage, type Kind, type PublicationInput } from '../src/domain/publication.ts';
import { saveTopic } from '../src/store/entities.ts';
import { createPublication } from '../src/store/publications.ts';
import { COUNTRIES, FORMS, ORGANISATIONS, PEOPLE, PLACES, PROJECTS, THEMES, TOPICS } from './vocabulary.ts';

/** mulberry32: a small, fast, seedable PRNG; the same seed gives the same catalogue. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const some = <T>(r: Rng, xs: readonly T[], min: number, max: number): T[] => {
  const n = min + Math.floor(r() * (max - min + 1));
  return [...new Set(Array.from({ length: n }, () => pick(r, xs)))];
};
/** Picks a key with probability proportional to its weight. */
function weighted<K extends string>(r: Rng, table: Record<K, number>): K {
  const total = Object.values<number>(table).reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (const [k, w] of Object.entries<number>(table)) if ((x -= w) < 0) return k as K;
  return Object.keys(table)[0] as K;
}

const KIND_WEIGHTS: Partial<Record<Kind, number>> = {
  report: 30,
  study: 12,
  summary: 8,
  'executive-summary': 5,
  handbook: 8,
  manual: 6,
  guidelines: 5,
  brochure: 7,
  book: 4,
  poster: 3,
  compendium: 2,
  framework: 2,
  workbook: 2,
  'conference-proceedings': 2,
  glossary: 1,
  news: 3,
};
const LANG_WEIGHTS = { en: 45, ru: 35, kk: 12, ky: 8 } as const;

// English and Russian put the place after the theme; Kazakh and Kyrgyz use a locative adjective before it.
function title(lang: keyof typeof LANG_WEIGHTS, theme: number, place: number, form: number): string {
  const [t, p, f] = [THEMES[theme]![lang], PLACES[place]![lang], FORMS[form]![lang]];
  if (lang === 'en') return `${t} in ${p}: ${f}`;
  return lang === 'ru' ? `${t} в ${p}: ${f}` : `${p} ${t.toLowerCase()}: ${f}`;
}

/** One synthetic publication; summaryOf is the index of an earlier publication it summarises. */
export interface SyntheticPublication {
  input: PublicationInput;
  summaryOf?: number;
}

/** n publications, varied in kind, year (1995–2026, more recent ones), languages, entities and status. */
export function syntheticCatalogue(n: number, seed = 20260501): SyntheticPublication[] {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const lang = weighted(r, LANG_WEIGHTS);
    const [theme, place, form] = [
      Math.floor(r() * THEMES.length),
      Math.floor(r() * PLACES.length),
      Math.floor(r() * FORMS.length),
    ];
    const other = lang === 'en' ? pick(r, ['ru', 'kk', 'ky'] as const) : 'en';
    const bilingual = r() < 0.35;
    const languages: ContentLanguage[] = bilingual ? [lang, other] : r() < 0.1 ? [lang, 'ru'] : [lang];
    const year = 2026 - Math.floor(31 * r() ** 1.6);
    const status = weighted(r, { published: 94, draft: 3, in_review: 2, withdrawn: 1 });
    const raw = {
      kind: weighted(r, KIND_WEIGHTS as Record<Kind, number>),
      status,
      featured: r() < 0.01,
      title: {
        [lang]: title(lang, theme, place, form),
        ...(bilingual ? { [other]: title(other, theme, place, form) } : {}),
      },
      subtitle: r() < 0.3 ? { [lang]: `${pick(r, PLACES)[lang]} ${year}` } : {},
      abstract:
        r() < 0.6
          ? {
              [lang]: `${THEMES[theme]![lang]}. ${THEMES[(theme + 3) % THEMES.length]![lang]}; ${FORMS[form]![lang]}. `
                .repeat(1 + Math.floor(r() * 4))
                .trim(),
            }
          : {},
      original_language: lang,
      year,
      pages: 4 + Math.floor(r() * 300),
      formats: r() < 0.8 ? ['pdf'] : ['pdf', 'print'],
      languages: [...new Set(languages)],
      people: some(r, PEOPLE, 1, 3).map((name, k) => ({ name, role: k === 2 ? 'editor' : 'author' })),
      organisations: [
        { ...ORGANISATIONS[Math.floor(r() * 6)]!, role: 'publisher' },
        ...some(r, ORGANISATIONS.slice(6), 0, 2).map((o, k) => ({ ...o, role: k === 0 ? 'funder' : 'partner' })),
      ],
      projects: r() < 0.6 ? some(r, PROJECTS, 1, 2) : [],
      topics: some(r, TOPICS, 1, 3).map((t) => t.slug),
      countries: some(r, COUNTRIES, 1, 2),
      identifiers: r() < 0.2 ? [{ scheme: 'isbn', value: `978-601-${String(100000 + i).slice(1)}-${i % 10}` }] : [],
      download: r() < 0.7,
      print_on_request: r() < 0.1,
      withdrawn_reason: status === 'withdrawn' ? 'Superseded by a later edition.' : null,
    };
    const summaryOf = i > 10 && r() < 0.05 ? Math.floor(r() * i) : undefined;
    return { input: publicationInput.parse(raw), ...(summaryOf !== undefined ? { summaryOf } : {}) };
  });
}

/** What the load left: published slugs (the item pages to request) and how long it took. */
export interface Loaded {
  publishedSlugs: string[];
  seconds: number;
  vacuumSeconds: number | null;
}

/**
 * Migrates db and creates the catalogue through createPublication, `batch` publications per transaction.
 * `vacuum` then does what autovacuum does on a server after a bulk load: each create writes a publication's
 * row three times (insert, fields, search vector), and the planner has no statistics yet. PGlite has no autovacuum.
 */
export async function loadSynthetic(
  db: Db,
  n: number,
  opts: { vacuum: boolean; batch?: number; onProgress?: (done: number) => void },
): Promise<Loaded> {
  const batch = opts.batch ?? 500;
  await migrate(db);
  const catalogue = syntheticCatalogue(n);
  const started = performance.now();
  await db.tx(async (t) => {
    for (const topic of TOPICS) await saveTopic(t, topic);
  });
  const slugs: string[] = [];
  for (let from = 0; from < catalogue.length; from += batch) {
    await db.tx(async (t) => {
      for (const { input, summaryOf } of catalogue.slice(from, from + batch)) {
        const relations = summaryOf !== undefined ? [{ type: 'summaryOf' as const, target: slugs[summaryOf]! }] : [];
        slugs.push((await createPublication(t, { ...input, relations })).slug);
      }
    });
    opts.onProgress?.(slugs.length);
  }
  const loaded = performance.now();
  if (opts.vacuum) await db.exec('vacuum analyze');
  const publishedSlugs = slugs.filter((_, i) => catalogue[i]!.input.status === 'published');
  return {
    publishedSlugs,
    seconds: (loaded - started) / 1000,
    vacuumSeconds: opts.vacuum ? (performance.now() - loaded) / 1000 : null,
  };
}
