// Language detection for stored text: franc's trigram models, answered in ISO 639-1, null when unsure.
import { francAll } from 'franc';

/** franc's ISO 639-3 codes with their ISO 639-1 codes. */
const iso6391: Record<string, string> = {
  eng: 'en',
  rus: 'ru',
  kaz: 'kk',
  kir: 'ky',
  uzn: 'uz',
  tgk: 'tg',
  tuk: 'tk',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  srp: 'sr',
  mkd: 'mk',
  tat: 'tt',
  azj: 'az',
  khk: 'mn',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  pol: 'pl',
  tur: 'tr',
};

/** The languages detectLanguage answers by default; others come back as null. */
export const DEFAULT_CANDIDATES = ['en', 'ru', 'kk', 'ky', 'uz', 'tg'];

// The languages franc weighs: ours, their neighbours in script and vocabulary, and the large
// European ones, so that text in one of those is not forced into a candidate. Not all of franc's
// 180: its Scots, for one, is never more than 1% behind English.
const COMPETITORS = [
  'rus',
  'ukr',
  'bel',
  'bul',
  'srp',
  'mkd',
  'kaz',
  'kir',
  'tat',
  'tuk',
  'uzn',
  'tgk',
  'azj',
  'khk',
  'eng',
  'deu',
  'fra',
  'spa',
  'ita',
  'por',
  'nld',
  'pol',
  'tur',
];

const SAMPLE_CHARS = 2000; // franc reads at most 2048 characters
const MAX_SAMPLES = 8;
const MIN_LETTERS = 60; // below this a sample is too short to tell Kazakh from Kyrgyz
const MIN_MARGIN = 0.005; // franc's scores are 1 for the best; a runner-up this close means unsure

/**
 * The ISO 639-1 code of the language `text` is written in, or null when unsure or not a candidate.
 * The candidates compete with their neighbours (so German is not forced into English); only a
 * candidate is answered. Long texts are judged on samples spread across them, by majority.
 */
export function detectLanguage(text: string, candidates: readonly string[] = DEFAULT_CANDIDATES): string | null {
  const votes = new Map<string, number>();
  // Only letters count: digits and punctuation would lengthen the text and shrink franc's margins.
  // A long text (a book) is cut down to spread slices first: folding and stripping megabytes costs more than judging.
  const source =
    text.length > MAX_SAMPLES * SAMPLE_CHARS * 4 ? spread(text, MAX_SAMPLES, SAMPLE_CHARS * 2).join(' ') : text;
  const samples = samplesOf(foldCyrillicLookalikes(source).replace(/[^\p{L}\p{M}'’]+/gu, ' '));
  for (const sample of samples) {
    const [best, second] = francAll(sample, { minLength: 1, only: COMPETITORS });
    if (best && best[0] !== 'und' && (!second || best[1] - second[1] >= MIN_MARGIN))
      votes.set(best[0], (votes.get(best[0]) ?? 0) + 1);
  }
  // Samples too close to call abstain; the winner needs half the samples and most of the votes.
  const decided = [...votes.values()].reduce((a, b) => a + b, 0);
  const [winner, count] = [...votes].sort((a, b) => b[1] - a[1])[0] ?? ['und', 0];
  const code = count * 2 < samples.length || count * 2 <= decided ? undefined : iso6391[winner];
  return code && candidates.includes(code) ? code : shortRussian(text, candidates);
}

const SHORT = 400;
// Letters Russian does not have and the other Cyrillic languages of the region write often.
const NOT_RUSSIAN = /[әғқңөұүһіӣӯҳҷўӘҒҚҢӨҰҮҺІӢӮҲҶЎ]/;

/**
 * For text too short for the trigram models (a form's labels, "Номер полиса"; under SHORT letters):
 * Cyrillic in at least two words and ten letters, with none of the letters Kazakh, Kyrgyz, Tajik or Uzbek
 * would use, is Russian. One word stays undecided: "РЕСПУБЛИКАСЫ" is Kazakh or Kyrgyz.
 */
function shortRussian(text: string, candidates: readonly string[]): string | null {
  if (!candidates.includes('ru') || text.length > SHORT * 3) return null;
  const folded = foldCyrillicLookalikes(text);
  const words = folded.match(/\p{Script=Cyrillic}{2,}/gu) ?? [];
  const cyrillic = words.join('').length;
  const letters = folded.match(/\p{L}/gu)?.length ?? 0;
  if (letters > SHORT || words.length < 2 || cyrillic < 10 || cyrillic < letters * 0.8 || NOT_RUSSIAN.test(folded))
    return null;
  return 'ru';
}

/** The main language of a text and the others present in it (a Russian–English bibliography: ru, then en). */
export interface Languages {
  main: string | null;
  others: string[];
}

const OTHER_MIN_LETTERS = 150;
const OTHER_MIN_SHARE = 0.05;

/**
 * The language of the text (as detectLanguage) and the other candidates present: a second script with
 * enough letters is judged on its own, and within one script a language that most of several slices of
 * the text are in besides the main one counts too.
 */
export function detectLanguages(text: string, candidates: readonly string[] = DEFAULT_CANDIDATES): Languages {
  const main = detectLanguage(text, candidates);
  const others = new Set<string>();
  const cyrillic = text.match(/[\p{Script=Cyrillic}]+/gu)?.join(' ') ?? '';
  const latin = text.match(/[\p{Script=Latin}]+/gu)?.join(' ') ?? '';
  const total = cyrillic.length + latin.length;
  for (const part of [cyrillic, latin]) {
    if (part.length < OTHER_MIN_LETTERS || part.length < total * OTHER_MIN_SHARE) continue;
    // Each script on its own, and in pieces of a book's length: a chapter in another language shows.
    for (const piece of pieces(part)) {
      const found = detectLanguage(piece, candidates);
      if (found && found !== main) others.add(found);
    }
  }
  return { main: main ?? [...others][0] ?? null, others: main ? [...others] : [...others].slice(1) };
}

/** The text in at most eight pieces of at least 20,000 characters. */
function pieces(text: string): string[] {
  const count = Math.min(MAX_SAMPLES, Math.max(1, Math.floor(text.length / 20_000)));
  return spread(text, count, Math.ceil(text.length / count));
}

/**
 * The text with look-alike letters folded to the Kazakh ones: ӛ/Ӛ (a legacy font mapping) to ө/Ө,
 * and a Latin i inside a Cyrillic word to і. For detection and search; stored text keeps its letters.
 */
export function foldCyrillicLookalikes(text: string): string {
  return text
    .normalize('NFC')
    .replace(/ӛ/g, 'ө')
    .replace(/Ӛ/g, 'Ө')
    .replace(/(?<=\p{Script=Cyrillic})i|i(?=\p{Script=Cyrillic})/gu, 'і')
    .replace(/(?<=\p{Script=Cyrillic})I|I(?=\p{Script=Cyrillic})/gu, 'І');
}

/** Up to MAX_SAMPLES slices of the text spread evenly over it, each with enough letters to judge. */
function samplesOf(text: string): string[] {
  const count = Math.min(MAX_SAMPLES, Math.max(1, Math.floor(text.length / SAMPLE_CHARS)));
  return spread(text, count, SAMPLE_CHARS).filter((sample) => (sample.match(/\p{L}/gu)?.length ?? 0) >= MIN_LETTERS);
}

/** `count` slices of `length` characters spread evenly over the text. */
function spread(text: string, count: number, length: number): string[] {
  const stride = text.length / count;
  return Array.from({ length: count }, (_, i) => text.slice(Math.floor(i * stride), Math.floor(i * stride) + length));
}
