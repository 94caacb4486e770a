// Words as search compares them: lowercased, ё as е, Latin accents off, apostrophes and quotes gone.
import { stripLatinAccents } from './translit.ts';
import { stemTurkic } from './turkic.ts';

/** A word or text folded for comparison; Cyrillic letters (Kazakh ones too) are kept. */
export function fold(text: string): string {
  return stripLatinAccents(text.toLowerCase())
    .replace(/ё/g, 'е')
    .replace(/['’ʼ`"«»“”]/g, '');
}

/** The words of a text (letters and digits; a hyphen or any other mark splits words), folded. */
export function wordsOf(text: string): string[] {
  return fold(text).match(/[0-9a-z\u0400-\u04ff]+/g) ?? [];
}

const STOP = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'towards',
  'и',
  'в',
  'во',
  'на',
  'по',
  'к',
  'с',
  'со',
  'для',
  'о',
  'об',
  'от',
  'из',
  'или',
  'при',
  'за',
  'және',
  'мен',
  'бен',
  'пен',
  'жана',
  'менен',
  'үшін',
  'үчүн',
]);

/** Whether a folded word is too common to say anything (for matching labels, not for the index). */
export const isStopword = (w: string): boolean => STOP.has(w);

const RU_ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ьми',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ией',
  'иях',
  'ях',
  'ах',
  'ой',
  'ей',
  'ий',
  'ый',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ую',
  'юю',
  'ам',
  'ям',
  'ом',
  'ем',
  'ов',
  'ев',
  'ия',
  'ии',
  'ию',
  'ья',
  'ье',
  'ьи',
  'ью',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
  'й',
];

/**
 * The keys under which a folded word matches a thesaurus label word: itself and a light stem per
 * language (Russian endings, Kazakh and Kyrgyz suffixes, English plurals). Two words match when
 * they share a key; coarse on purpose, since a match must still cover a whole label.
 */
export function matchKeys(word: string): string[] {
  const keys = new Set([word]);
  if (/[\u0400-\u04ff]/.test(word)) {
    const ending = RU_ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 3);
    if (ending) keys.add(word.slice(0, -ending.length));
    keys.add(stemTurkic(word, 'kk'));
    keys.add(stemTurkic(word, 'ky'));
  } else if (word.length > 3) {
    if (word.endsWith('ies')) keys.add(`${word.slice(0, -3)}y`);
    else if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) keys.add(word.slice(0, -1));
  }
  keys.delete('');
  return [...keys];
}
