// pdf.js as the second reader of the PDF worker: PDFium reads nearly every page, but where it maps a
// font's codes to a script no document of ours is written in (a Cyrillic drawing stamp read as Hangul),
// pdf.js, which decodes fonts' own encodings differently, reads those pages again.
import { openPdf, pageLines } from './read-pdf.ts';
import type { Limits } from './types.ts';

/** 'unexpected' when most letters of the text are of a script other than Latin, Cyrillic or Greek. */
export function scriptOf(text: string): 'expected' | 'unexpected' {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 3) return 'expected';
  const ours = text.match(/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/gu)?.length ?? 0;
  return ours < letters / 2 ? 'unexpected' : 'expected';
}

/** The lines pdf.js reads on these pages (1-based), for the pages where it reads more of our scripts. */
export async function textByPdfjs(
  bytes: Uint8Array,
  pages: readonly number[],
  limits: Limits,
): Promise<Map<number, string[]>> {
  const better = new Map<number, string[]>();
  const doc = await openPdf(new Uint8Array(bytes), limits).catch(() => null);
  if (!doc) return better;
  try {
    for (const n of pages) {
      const lines = await pageLines(doc, n).catch(() => null);
      if (lines && scriptOf(lines.join('\n')) === 'expected') better.set(n, lines);
    }
  } finally {
    await doc.destroy();
  }
  return better;
}
