// Cyrillic that was stored in Windows-1251 but decoded as Windows-1252 / Latin-1
// ("Ïðåäèñëîâèå" for "Предисловие"): detected and decoded again.

const cp1251 = new TextDecoder('windows-1251');
const cp1252 = new TextDecoder('windows-1252');

// Each character a Windows-1252 (or Latin-1) reading can produce from a byte 0x80–0xFF, mapped to
// what Windows-1251 reads from that byte. Latin-1 gives U+0080–U+009F where 1252 has punctuation.
const redecoded = new Map<string, string>();
for (let byte = 0x80; byte <= 0xff; byte++) {
  const cyrillic = cp1251.decode(Uint8Array.of(byte));
  redecoded.set(cp1252.decode(Uint8Array.of(byte)), cyrillic);
  redecoded.set(String.fromCharCode(byte), cyrillic);
}

// A "word" of mojibake: characters whose byte is a Cyrillic letter in Windows-1251.
const letterChars = [...redecoded].filter(([, cyr]) => /\p{Script=Cyrillic}/u.test(cyr)).map(([ch]) => ch);
const mojibakeWord = new RegExp(`^[${escapeClass(letterChars.join(''))}]{3,}$`, 'u');

/** The text with Cyrillic re-decoded from Windows-1251 when most of its non-ASCII words are mojibake. */
export function repairCp1251Mojibake(text: string): { text: string; repaired: boolean } {
  const words = text.split(/[\s\p{P}\d]+/u).filter((w) => w.length >= 3 && /[^\x00-\x7f]/.test(w));
  const mojibake = words.filter((w) => mojibakeWord.test(w));
  // Real Latin-script words carry an accent or two among ASCII letters; mojibake words are made of
  // accented letters only. Six letters of such words, and most of the longer non-ASCII words
  // (initials and one-letter words do not count), decide it.
  if (mojibake.join('').length < 6 || mojibake.length < words.length / 2) return { text, repaired: false };
  let out = '';
  for (const ch of text) out += redecoded.get(ch) ?? ch;
  return { text: out, repaired: true };
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\][^-]/g, '\\$&');
}
