// APA 7 wants English titles in sentence case (§ 6.17); the catalogue holds them as the publication
// prints them, usually in title case. Only the case of ordinary capitalised words changes: a word stays
// as written when it is the first (of the title or after a colon), has capitals inside (IOM, NGOs, eVisa),
// or is a proper noun — one the record itself writes with a capital inside a sentence (its abstract, its
// organisations' names) or a country's name.
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });
const COUNTRY_WORDS = new Set<string>();
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    const name = REGIONS.of(code);
    if (name && name !== code) for (const w of name.split(/[\s&,()-]+/)) if (/^\p{Lu}/u.test(w)) COUNTRY_WORDS.add(w);
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

/** The title in sentence case; keep holds the proper nouns of the record. */
export function sentenceCase(title: string, keep: Set<string>): string {
  let first = true;
  return title.replace(/[\p{L}\p{M}’'-]+|[:?!.]/gu, (token) => {
    if (/^[:?!.]$/.test(token)) { first = true; return token; }
    const wasFirst = first;
    first = false;
    if (wasFirst || !/^\p{Lu}[\p{Ll}\p{M}’'-]*$/u.test(token)) return token;
    // Each part of a hyphenated word is its own word ("Large-Scale" → "large-scale"; "Post-Soviet" stays).
    return token.split('-').map((part) => (keep.has(part) || COUNTRY_WORDS.has(part) ? part : part.toLowerCase())).join('-');
  });
}
