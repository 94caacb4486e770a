// How often the language of a file is right (issue 14): every fixture whose language MANIFEST.tsv states,
// read as ingest reads it — the text layer, and for a scan without one, the OCR's text (where Tesseract
// is installed). At least 95 % must be right. Skipped, with a message, where the CORPUS is not there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { detectLanguages } from '../text/language.ts';
import { CORPUS, corpusManifest, skipWithoutCorpus } from '../../test/pdf-corpus.ts';
import { extractPdf } from './extract.ts';
import { ocrPages } from './ocr-pages.ts';

const tesseract = (() => {
  try {
    return execFileSync('tesseract', ['--version'], { encoding: 'utf8' }) !== null;
  } catch {
    return false;
  }
})();

/** The answers that count as right for a MANIFEST language note ("lang:ru", "lang:de(other)", "lang:kk-or-ky(single word)"). */
function accepted(note: string): Array<string | null> {
  const [, code, detail] = /lang:([a-z-]+)(?:\(([^)]*)\))?/.exec(note)!;
  if (code!.includes('-or-')) return [null, ...code!.split('-or-')];
  if (detail === 'other') return [null]; // not one of our languages: nothing forced onto it
  return [code!];
}

test('the language of a file is right on at least 95 % of the fixtures that state one', {
  skip: skipWithoutCorpus,
}, async (t) => {
  const rows = corpusManifest().filter((r) => r.expected === 'ingest' && /lang:/.test(r.exercises!));
  let right = 0;
  let counted = 0;
  for (const row of rows) {
    const file = path.join(CORPUS, row.file!);
    const result = await extractPdf(file);
    assert.ok(result.ok, row.file);
    let found = result.language;
    if (result.pagesWithoutText.length === result.pageCount) {
      if (!tesseract) {
        t.diagnostic(`${row.file}: a scan, not counted (no Tesseract)`);
        continue;
      }
      const ocr = await ocrPages(file, {
        pages: result.pagesWithoutText,
        hints: [],
        script: null,
        tesseract: 'tesseract',
      });
      found = detectLanguages(ocr.read.map((p) => p.text).join('\n')).main;
    }
    const ok = accepted(row.exercises!).includes(found);
    counted++;
    if (ok) right++;
    t.diagnostic(`${ok ? 'right' : 'WRONG'}: ${row.file}: ${found} (${/lang:[^;]*/.exec(row.exercises!)![0]})`);
  }
  t.diagnostic(`${right} of ${counted} right (${((right / counted) * 100).toFixed(1)} %)`);
  assert.ok(counted >= 15, 'enough files');
  assert.ok(right / counted >= 0.95, `${right} of ${counted} right`);
});
