// Which Tesseract languages to OCR a file with: from what the upload, the file and the publication say,
// narrowed by the script the pages are written in. Never every pack at once: each language added makes
// Tesseract slower and, on look-alike alphabets, less accurate.
import { TESSERACT_LANGUAGES } from './ocr.ts';

export type Script = 'Cyrillic' | 'Latin';

const CYRILLIC = new Set(['rus', 'kaz', 'kir', 'uzb_cyrl', 'tgk']);
const MOST = 3;

/** Tesseract codes, most likely first, e.g. ['kaz', 'rus']; `hints` are ISO 639-1 codes, most likely first. */
export function ocrLanguages(hints: readonly string[], script: Script | null): string[] {
  const codes = [...new Set(hints.map((h) => TESSERACT_LANGUAGES[h]?.code).filter((c): c is string => !!c))];
  if (script === 'Latin') return ['eng'];
  if (script === 'Cyrillic') {
    const cyrillic = codes.filter((c) => CYRILLIC.has(c)).slice(0, 2);
    const chosen = cyrillic.length > 0 ? cyrillic : ['rus'];
    // English words and names in Cyrillic text are common in this field; English is small and fast.
    return codes.includes('eng') ? [...chosen, 'eng'] : chosen;
  }
  return codes.length > 0 ? codes.slice(0, MOST) : ['rus', 'eng'];
}

/** The script of a sample of text, or null when it has too few letters to tell. */
export function scriptOfText(text: string): Script | null {
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (cyrillic + latin < 40) return null;
  return cyrillic >= latin ? 'Cyrillic' : 'Latin';
}

/** The script Tesseract's orientation and script detection (`--psm 0 -l osd`) names, if it is one of ours. */
export function scriptOfOsd(output: string): Script | null {
  const script = /^Script:\s*(\S+)/m.exec(output)?.[1];
  return script === 'Cyrillic' || script === 'Latin' ? script : null;
}
