// How often the language of a file is right (issue 14): every fixture whose language MANIFEST.tsv states,
// read as ingest reads it — the text layer, and for a scan without one, the OCR's text (where Tesseract
// is installed). At least 95 % must be right. Skipped, with a message, where the corpus is not there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { detectLanguages } from '../text/language.ts';
import { extractPdf } from './extract.ts';
import { ocrPages } from './ocr-pages.ts';

const corpus = fileURLToPath(new URL('../../../shared/fixtures/pdfs/', import.meta.url));
const manifest = path.join(corpus, 'MANIFEST.tsv');
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
  skip: existsSync(manifest) ? false : `no fixture corpus at ${corpus}`,
}, async (t) => {
  const [header, ...lines] = readFileSync(manifest, 'utf8').trimEnd().split('\n');
  const columns = header!.split('\t');
  const rows = lines
    .map((l) => Object.fromEntries(l.split('\t').map((v, i) => [columns[i], v])))
    .filter((r) => r.expected === 'ingest' && /lang:/.test(r.exercises!));
  let right = 0;
  let counted = 0;
  for (const row of rows) {
    const file = path.join(corpus, row.file!);
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
