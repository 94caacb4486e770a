// The shared PDF CORPUS (../shared/fixtures/pdfs beside the repository, see its README): each file
// is extracted or refused as MANIFEST.tsv says, and page 1 holds the listed phrase. Skipped, with
// a message, where the CORPUS is not there (a fresh clone); extract.test.ts runs everywhere.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { CORPUS, corpusManifest, skipWithoutCorpus } from '../../test/pdf-corpus.ts';
import { extractPdf, type RejectionCode } from './extract.ts';

// What the manifest implies in more detail than "ingest" or "reject".
const languages: Record<string, string | null> = {
  'damaged-corrupt-flate-stream.pdf': 'en',
  'de-geotopo-117pages.pdf': null, // German: not one of ours
  'en-federal-register-3col.pdf': 'en',
  'en-freeculture-352pages.pdf': 'en',
  'en-ligatures-as-codepoints.pdf': 'en',
  'en-report-garbled-text-layer.pdf': 'en',
  'en-tracemonkey-2col.pdf': 'en',
  'en-type3-dropped-ligatures.pdf': 'en',
  'en-warn-report-tables.pdf': 'en',
  'enc-aes128-empty-userpw-nocopy.pdf': 'en',
  'kk-abai-qara-sozder.pdf': 'kk',
  'kk-kerqula-kendebai-tale.pdf': 'kk',
  'kk-kulager-legacy-oe-codepoint.pdf': 'kk',
  'kk-ky-type3-invisible-text.pdf': null, // one word: Kazakh or Kyrgyz
  'kk-tole-bi-latin-i-homoglyph.pdf': 'kk',
  'ru-gost-scan-with-ocr-layer.pdf': 'ru',
  'ru-government-decree-842.pdf': 'ru',
  'ru-tax-form-mangled-cyrillic.pdf': null, // its text layer is Latin look-alikes
};
const withoutText: Record<string, number[]> = {
  'en-freeculture-352pages.pdf': [1],
  'en-report-garbled-text-layer.pdf': Array.from({ length: 21 }, (_, i) => i + 2),
  'ru-scan-no-text-layer.pdf': [1, 2],
  'scan-jbig2-no-text-layer.pdf': [1],
};
const phrases: Record<string, string[]> = {
  'en-type3-dropped-ligatures.pdf': ['signifier', 'signified', 'suffice', 'signification'],
  'en-ligature-glyph-set.pdf': ['abcdeffffiflffifflſtstghijklmno'],
  'en-ligatures-as-codepoints.pdf': ['three police officers'],
};
const rejections: Record<string, RejectionCode[]> = {
  'reject-decompression-bomb.pdf': ['too-large', 'memory', 'timeout'],
  'reject-empty-0-bytes.pdf': ['empty'],
  'reject-html-not-a-pdf.pdf': ['not-pdf'],
  'reject-malformed-dictionary.pdf': ['damaged'],
  'reject-password-required.pdf': ['encrypted'],
  'reject-truncated-download.pdf': ['damaged'],
};

const collapse = (text: string) => text.replace(/\s+/g, ' ');

if (skipWithoutCorpus) {
  test('PDF fixtures', { skip: skipWithoutCorpus }, () => {});
} else {
  const rows = corpusManifest();
  for (const row of rows) {
    test(`${row.file}: ${row.expected}`, async (t) => {
      const started = performance.now();
      const result = await extractPdf(path.join(CORPUS, row.file));
      t.diagnostic(
        `${Math.round(performance.now() - started)} ms: ${result.ok ? `${result.pageCount} pages, language ${result.language}` : result.reason}`,
      );
      if (row.expected === 'reject') {
        assert.equal(result.ok, false, 'refused');
        if (!result.ok)
          assert.ok((rejections[row.file] ?? []).includes(result.code), `${result.code}: ${result.reason}`);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.equal(result.pageCount, Number(row.pages));
      assert.equal(result.pages.length, result.pageCount);
      if (row.page1_phrase)
        assert.ok(collapse(result.pages[0]).includes(collapse(row.page1_phrase)), `page 1 holds "${row.page1_phrase}"`);
      for (const phrase of phrases[row.file] ?? [])
        assert.ok(result.pages.join('\n').includes(phrase), `text holds "${phrase}"`);
      for (const [i, text] of result.pages.entries())
        assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, `control characters on page ${i + 1}`);
      if (row.file in languages) assert.equal(result.language, languages[row.file], 'language');
      assert.deepEqual(result.pagesWithoutText, withoutText[row.file] ?? [], 'pages without text');
      assert.ok(result.cover && result.cover.width === 400, 'a cover 400 px wide');
    });
  }
}
