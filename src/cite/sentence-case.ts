// APA 7 wants English titles in sentence case (§ 6.17); the catalogue holds them as the publication
// prints them, usually in title case. Only the case of ordinary capitalised words changes: a word stays
// as written when it is the first (of the title or after a colon), has capitals inside (IOM, NGOs, eVisa),
// is a country's or a language's name (Kyrgyz, Kazakhstan), is written with a capital inside a sentence of
// the record's own text (its abstract: "Central Asia"), or is part of a name the record holds whole (an
// organisation: "International Organization for Migration", a series).
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });
const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language' });
const NAME_WORDS = new Set<string>();
const addWords = (name: string | undefined) => {
  for (const w of (name ?? '').split(/[\s&,()-]+/)) if (/^\p{Lu}/u.test(w)) NAME_WORDS.add(w);
};
// Continents and regions of the UN M.49 scheme ("Central Asia", "Europe").
for (const code of [
  '001',
  '002',
  '005',
  '009',
  '011',
  '013',
  '014',
  '015',
  '017',
  '018',
  '019',
  '021',
  '029',
  '030',
  '034',
  '035',
  '039',
  '053',
  '054',
  '057',
  '061',
  '142',
  '143',
  '145',
  '150',
  '151',
  '154',
  '155',
  '419',
])
  addWords(REGIONS.of(code));
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    if (REGIONS.of(code) !== code) addWords(REGIONS.of(code));
    addWords(LANGUAGES.of(code.toLowerCase()));
  }
}

/** Words written with a capital inside the sentences of a text, not at their start: its proper nouns. */
export function properNounsIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const sentence of text.split(/[.!?:;]\s+|\n+/)) {
    const words = sentence.match(/[\p{L}\p{M}’'-]+/gu) ?? [];
    for (const w of words.slice(1)) if (/^\p{Lu}/u.test(w)) out.add(w);
  }
  return out;
}

const WORD = /[\p{L}\p{M}’'-]+|[:?!.]/gu;

/** The title in sentence case; keep holds single proper nouns, names whole names found in the title as they are. */
export function sentenceCase(title: string, keep: Set<string>, names: string[] = []): string {
  // Positions inside a whole name the title contains stay as written.
  const frozen: Array<[number, number]> = [];
  for (const n of names)
    for (let i = title.indexOf(n); n && i >= 0; i = title.indexOf(n, i + n.length)) frozen.push([i, i + n.length]);
  let first = true;
  return title.replace(WORD, (token, offset: number) => {
    if (/^[:?!.]$/.test(token)) {
      first = true;
      return token;
    }
    const wasFirst = first;
    first = false;
    if (frozen.some(([a, b]) => offset >= a && offset < b)) return token;
    // Each part of a hyphenated word is its own word ("Large-Scale" → "Large-scale"; "Post-Soviet" → "post-Soviet").
    return token
      .split('-')
      .map((part, i) => {
        if ((wasFirst && i === 0) || !/^\p{Lu}[\p{Ll}\p{M}’']*$/u.test(part)) return part;
        return keep.has(part) || NAME_WORDS.has(part) ? part : part.toLowerCase();
      })
      .join('-');
  });
}
