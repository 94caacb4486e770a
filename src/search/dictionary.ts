// Ordinary words across English and Russian for search: a word of the query is or'ed with its translations,
// which rank below the word itself (src/store/browse.ts). The dictionaries are Debian's, read where Debian
// installs them (GPL-2+: read at run time, nothing of them is copied into Kitap): mueller7-dict (Müller's
// English–Russian, 46,000 headwords) and dict-freedict-eng-rus (1,700, with place names). Russian → English is
// the same dictionaries read backwards. Without them (they are optional, .ci/run installs them) a query simply
// has no translations: the thesaurus still covers the migration vocabulary, in Kazakh and Kyrgyz too.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Where Debian's dictd packages put their dictionaries. */
export const DICT_DIR = '/usr/share/dictd';
const SOURCES = ['mueller7.dict.dz', 'freedict-eng-rus.dict.dz'];

/** Translations a word gets at most, and from one homograph or one sense of a dictionary entry. */
const MAX_TRANSLATIONS = 4;
const PER_SENSE = 2;
const PER_BLOCK = 3;

export interface Dictionary {
  /** The translations of a folded word (English → Russian, Russian → English), most usual first; [] when none. */
  translate(word: string): string[];
  /** Headwords read, for the log and the tests; 0 without dictionaries. */
  readonly size: number;
}

// Russian endings for matching a query's word form with a dictionary's lemma (школы, школа → школ).
const RU_ENDINGS =
  /(?:иями|ями|ами|ого|его|ому|ему|ыми|ими|ией|иях|ях|ах|ой|ей|ий|ый|ая|яя|ое|ее|ые|ие|ую|юю|ам|ям|ом|ем|ов|ев|ия|ии|ию|ть|ться|а|я|о|е|ы|и|у|ю|ь|й)$/;
const ruKey = (w: string) => {
  const s = w.replace(RU_ENDINGS, '');
  return s.length >= 3 ? s : w;
};
const enKeys = (w: string) => [
  w,
  ...(w.endsWith('ies') ? [`${w.slice(0, -3)}y`] : []),
  ...(/[^su]s$/.test(w) ? [w.slice(0, -1)] : []),
  ...(w.endsWith('es') ? [w.slice(0, -2)] : []),
];

const CYRILLIC_WORD = /^[а-яё]+(?:-[а-яё]+)?$/;
const LATIN_WORD = /^[a-z]+(?:-[a-z]+)?$/;

/**
 * The translations of one entry's text: per homograph (_I, _II…) and per sense (1), 2)…), the first
 * one-word Russian equivalents. Phrases, usage examples and labels (_воен., _pl.) are left out.
 */
export function entryTranslations(body: string): string[] {
  const out: string[] = [];
  const cleaned = body
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\/[^/\n]*\//g, ' ');
  for (const block of cleaned.split(/_(?:I|II|III|IV|V|VI)\b/)) {
    let taken = 0;
    for (const sense of block.split(/\n|\d+[.)]\s/)) {
      let inSense = 0;
      for (const piece of sense.split(/[;,]/)) {
        const w = piece.replace(/_\S+/g, ' ').replace(/[=*]/g, ' ').trim().toLowerCase().replace(/ё/g, 'е');
        if (!CYRILLIC_WORD.test(w) || out.includes(w)) continue;
        out.push(w);
        taken++;
        if (++inSense >= PER_SENSE || taken >= PER_BLOCK) break;
      }
      if (taken >= PER_BLOCK) break;
    }
  }
  return out.slice(0, MAX_TRANSLATIONS + 2);
}

/** The English → Russian pairs of a dictd text (headword at the line's start, its article indented or on the next lines). */
export function readDictText(text: string, add: (en: string, ru: string[]) => void): number {
  let count = 0;
  // Articles start at a line without indent; the first ones are the database's own description (00-database-…).
  const articles = text.split(/\n(?=\S)/);
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i]!;
    const nl = article.indexOf('\n');
    const head = (nl < 0 ? article : article.slice(0, nl)).replace(/\/.*$/, '').trim().toLowerCase();
    if (!LATIN_WORD.test(head)) continue;
    let body = nl < 0 ? '' : article.slice(nl + 1);
    // freedict: the translation is the next unindented line, which the split made an article of its own.
    if (!body.trim() && i + 1 < articles.length && /^[А-ЯЁа-яё]/.test(articles[i + 1]!)) body = articles[++i]!;
    const ru = entryTranslations(body);
    if (!ru.length) continue;
    add(head, ru);
    count++;
  }
  return count;
}

/** A dictionary from dictd texts; `texts` empty gives one that knows no word. */
export function dictionaryOf(texts: string[]): Dictionary {
  const enRu = new Map<string, string[]>();
  // Russian → English keyed by the light stems of matchKeys, each English word with the place the Russian one had.
  const ruEn = new Map<string, Array<{ en: string; rank: number }>>();
  let size = 0;
  for (const text of texts) {
    size += readDictText(text, (en, ru) => {
      const known = enRu.get(en) ?? [];
      enRu.set(en, [...new Set([...known, ...ru])].slice(0, MAX_TRANSLATIONS));
      ru.forEach((r, rank) => {
        const key = ruKey(r);
        const list = ruEn.get(key);
        if (!list) ruEn.set(key, [{ en, rank }]);
        else if (!list.some((x) => x.en === en)) list.push({ en, rank });
      });
    });
  }
  return {
    size,
    translate(word: string): string[] {
      if (/[a-z]/.test(word)) {
        for (const key of enKeys(word)) {
          const ru = enRu.get(key);
          if (ru) return ru;
        }
        return [];
      }
      // The English words this one is the first translation of come first; among those, the shorter (the usual) ones.
      return [...(ruEn.get(ruKey(word)) ?? [])]
        .sort((a, b) => a.rank - b.rank || a.en.length - b.en.length)
        .map((x) => x.en)
        .slice(0, MAX_TRANSLATIONS);
    },
  };
}

let loaded: Dictionary | null = null;

/** The installed dictionaries, read once (about half a second for Müller's); one that knows nothing without them. */
export function dictionary(dir = DICT_DIR): Dictionary {
  if (loaded) return loaded;
  const texts: string[] = [];
  for (const name of SOURCES) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    try {
      texts.push(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
    } catch {
      // An unreadable dictionary is as good as none: search works without it.
    }
  }
  loaded = dictionaryOf(texts);
  return loaded;
}
