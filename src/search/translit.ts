// Latin and Cyrillic meet: transliteration tables for Russian and Kazakh/Kyrgyz Cyrillic, and a
// script-neutral "skeleton" of a word so that Kazakhstan, Казахстан and Қазақстан compare equal.

/** Russian Cyrillic to Latin, as readers usually type it (close to the passport/BGN romanisation). */
export const RU_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** The letters Kazakh and Kyrgyz add to the Russian alphabet, romanised the way English text spells those names. */
export const KAZAKH_TO_LATIN: Record<string, string> = {
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'ng',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
};

/** Latin to Russian Cyrillic: the longest spelling first (shch before sh before s). */
export const LATIN_TO_RU: Array<[string, string]> = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['yo', 'ё'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['ye', 'е'],
  ['dj', 'дж'],
  ['j', 'дж'],
  ['x', 'кс'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'к'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['z', 'з'],
];

const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/i;

/** Whether the text has Cyrillic letters. */
export const hasCyrillic = (s: string): boolean => CYRILLIC.test(s);
/** Whether the text has Latin letters. */
export const hasLatin = (s: string): boolean => LATIN.test(s);

/** Latin letters without their accents (ä → a, ğ → g); Cyrillic letters are kept as they are (й stays й). */
export function stripLatinAccents(s: string): string {
  return s.replace(/[\u00c0-\u024f]/g, (ch) => ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')).replace(/ı/g, 'i');
}

/** Cyrillic text (Russian, Kazakh or Kyrgyz) in Latin letters; other characters unchanged. */
export function cyrillicToLatin(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const mapped = RU_TO_LATIN[lower] ?? KAZAKH_TO_LATIN[lower];
    if (mapped === undefined) {
      out += ch;
      continue;
    }
    out += ch !== lower && mapped ? mapped[0]!.toUpperCase() + mapped.slice(1) : mapped;
  }
  return out;
}

/**
 * Latin text in Russian Cyrillic, lowercased: how a reader's "Kyrgyzstan" or "migratsiya" is
 * spelled in Russian text. A y between consonants is ы (Kyrgyz → кыргыз), elsewhere й (Aybek → айбек).
 */
export function latinToCyrillic(text: string): string {
  const s = stripLatinAccents(text.toLowerCase());
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (s[i] === 'y' && !'aeou'.includes(s[i + 1] || '-')) {
      out += /[b-df-hj-np-tv-xz]/.test(s[i - 1] ?? '') ? 'ы' : 'й';
      i++;
      continue;
    }
    const pair = LATIN_TO_RU.find(([lat]) => s.startsWith(lat, i));
    if (pair) {
      out += pair[1];
      i += pair[0].length;
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

// Applied in order to a lowercased, Latin-letter word: spellings of one sound become one letter. Copied
// into SQL as kitap_skeleton (migration 0080): change both together (a test compares them).
const SKELETON_RULES: Array<[RegExp, string]> = [
  [/shch|sch|shh/g, 's'],
  [/dzh|zh/g, 'j'],
  [/dj/g, 'j'],
  [/kh/g, 'k'],
  [/gh/g, 'g'],
  [/ch|cz/g, 'c'],
  [/sh|sz/g, 's'],
  [/ts|tz/g, 'c'],
  [/c(?=[aou])/g, 'k'],
  [/ng/g, 'n'],
  [/ye/g, 'e'],
  [/ya/g, 'ia'],
  [/yu/g, 'iu'],
  [/yo/g, 'io'],
  [/y/g, 'i'],
  [/q/g, 'k'],
  [/w/g, 'v'],
  [/x/g, 'ks'],
  [/h/g, 'k'],
  [/[^a-z0-9]/g, ''],
  [/(.)\1+/g, '$1'],
];

/**
 * Latin letters with a sign that romanisations give a sound of its own, as the digraph other schemes
 * write: ISO 9 (ž č š ŝ û â), Kazakh 2018 (ý is у) and 2017 (y' is ұ). Other accents just go
 * (Kazakh 2021 ä ö ü ū ñ ğ ş ı, LoC ĭ ė): the skeleton folds both spellings anyway.
 */
const LATIN_SIGNS: Array<[RegExp, string]> = [
  [/ž/g, 'zh'],
  [/č/g, 'ch'],
  [/ŝ/g, 'shch'],
  [/š/g, 'sh'],
  [/û/g, 'yu'],
  [/â/g, 'ya'],
  [/ý/g, 'u'],
  [/y['’ʼ]/g, 'u'],
];

// Cyrillic letters as one Latin letter each, so that no digraph rule above changes them again.
const SKELETON_CYRILLIC: Record<string, string> = {
  а: 'a',
  ә: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
  і: 'i',
  к: 'k',
  қ: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ф: 'f',
  х: 'k',
  һ: 'k',
  ц: 'c',
  ч: 'c',
  ш: 's',
  щ: 's',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/**
 * A script-neutral key of one word: Kazakhstan, Казахстан, Қазақстан and Qazaqstan all give
 * "kazakstan"; Айнура and Ainura give "ainura". Lossy on purpose: it is a search key, never shown.
 */
export function skeleton(word: string): string {
  let latin = '';
  for (const ch of word.toLowerCase()) latin += SKELETON_CYRILLIC[ch] ?? ch;
  // The rules then fold Latin spellings (kh, zh, ye, y…) and what Cyrillic became (дж → dj → j, ий → ii → i).
  for (const [re, to] of LATIN_SIGNS) latin = latin.replace(re, to);
  let out = stripLatinAccents(latin);
  for (const [re, to] of SKELETON_RULES) out = out.replace(re, to);
  return out;
}

/**
 * The skeletons a word typed in Latin letters may stand for, where a letter means different things in
 * different schemes: j is й (GOST, informal) or ж (Kazakh 2021), c is ц (ISO 9, informal) or к, x is х
 * (GOST 7.79-B, informal) or кс, w is в or (Kazakh, informal) у. At most 8; a Cyrillic word has its one skeleton.
 */
export function skeletonCandidates(word: string): string[] {
  const w = word.toLowerCase();
  if (!/[a-z]/.test(w)) return [skeleton(w)];
  let spellings = [w];
  const choices: Array<[RegExp, string[]]> = [
    [/j/g, ['j', 'i']],
    [/c(?![hz])/g, ['ts', 'k']],
    [/x/g, ['kh', 'x']],
    [/w/g, ['v', 'u']],
  ];
  for (const [re, alternatives] of choices) {
    if (!re.test(w)) continue;
    spellings = spellings.flatMap((s) => alternatives.map((a) => s.replace(re, a)));
  }
  return [...new Set([w, ...spellings].map(skeleton))].slice(0, 8);
}
