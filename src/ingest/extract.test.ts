// extractPdf end to end on PDFs written by the test itself, so it runs on a fresh clone.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import { extractPdf, type Extraction, type Rejection } from './extract.ts';
import { tinyPdf, type TinyPage } from './tiny-pdf.ts';

let dir = '';
before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'kitap-ingest-'))));
after(() => rm(dir, { recursive: true, force: true }));

async function fileWith(name: string, bytes: Uint8Array | string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

function extracted(result: Extraction | Rejection): Extraction {
  assert.ok(result.ok, `expected an extraction, got: ${result.ok ? '' : result.reason}`);
  return result;
}

// Russian in Windows-1251 bytes, which a WinAnsiEncoding font shows as mojibake to repair.
const cp1251 = (text: string) => [...text].map((ch) => String.fromCharCode(cp1251Byte(ch))).join('');
function cp1251Byte(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x80) return code;
  if (ch === 'ё') return 0xb8;
  if (ch === 'Ё') return 0xa8;
  return code - 0x410 + 0xc0; // А–я are contiguous in both
}

test('extracts clean text, metadata and a cover from a small PDF', async () => {
  const page = (n: number, lines: string[]): TinyPage => ({ lines: ['Migration Bulletin', ...lines, `Page ${n}`] });
  const pdf = tinyPdf(
    [
      page(1, [
        'Remittances sent home by migrant workers grew again this year, and the',
        'regional office describes how families use them.',
      ]),
      page(2, [
        'Families spend the money on education, health and hous-',
        'ing, according to the survey of five hundred households.',
      ]),
      { lines: [] },
      page(4, [cp1251('Предисловие к изданию'), cp1251('Мигранты отправляют деньги домой.')]),
    ],
    { Title: 'Migration Bulletin', Author: 'Regional Office', CreationDate: 'D:20240102030405Z' },
  );
  const result = extracted(await extractPdf(await fileWith('small.pdf', pdf)));
  assert.equal(result.pageCount, 4);
  assert.equal(
    result.pages[0],
    'Migration Bulletin\nRemittances sent home by migrant workers grew again this year, and the\nregional office describes how families use them.\nPage 1',
  );
  assert.equal(
    result.pages[1],
    'Families spend the money on education, health and housing, according to the survey of five hundred households.',
  );
  assert.equal(result.pages[2], '');
  assert.equal(result.pages[3], 'Предисловие к изданию\nМигранты отправляют деньги домой.');
  assert.deepEqual(result.pagesWithoutText, [3]);
  assert.equal(result.language, 'en');
  assert.deepEqual(
    result.warnings.map((w) => w.code),
    ['no-text-layer', 'mojibake-repaired', 'running-lines-removed'],
  );
  assert.equal(result.metadata.title, 'Migration Bulletin');
  assert.equal(result.metadata.created, '2024-01-02T03:04:05.000Z');
  assert.ok(result.cover, 'a cover');
  assert.equal(result.cover.mime, 'image/webp');
  assert.equal(result.cover.width, 400);
  assert.equal(Buffer.from(result.cover.data.subarray(8, 12)).toString('latin1'), 'WEBP');
});

test('detects the language of re-decoded Russian', async () => {
  const lines = [
    'Региональное бюро поддерживает правительства в управлении трудовой миграцией.',
    'Мигранты отправляют денежные переводы домой, и доклад описывает, как семьи',
    'используют их для образования, здоровья и жилья в своих родных городах.',
  ];
  const result = extracted(await extractPdf(await fileWith('ru.pdf', tinyPdf([{ lines: lines.map(cp1251) }]))));
  assert.equal(result.language, 'ru');
  assert.equal(result.pages[0], lines.join('\n'));
});

test('reads a file whose cross-reference table is broken, with a warning', async () => {
  const pdf = tinyPdf([{ lines: ['Broken cross-reference table'] }])
    .toString('latin1')
    .replace(/startxref\n\d+/, 'startxref\n999');
  const result = extracted(await extractPdf(await fileWith('xref.pdf', Buffer.from(pdf, 'latin1'))));
  assert.deepEqual(result.pages, ['Broken cross-reference table']);
  assert.deepEqual(
    result.warnings.map((w) => w.code),
    ['structure-repaired'],
  );
});

test('refuses files with a readable reason', async () => {
  const good = tinyPdf([{ lines: ['one'] }, { lines: ['two'] }]);
  // The worker stays warm between files: a file must take a while to pass a time limit.
  const long = tinyPdf(Array.from({ length: 3000 }, (_, i) => ({ lines: [`page ${i + 1} of a long file`] })));
  const cases: Array<[string, () => Promise<Extraction | Rejection>, Rejection['code'], RegExp]> = [
    ['empty', async () => extractPdf(await fileWith('empty.pdf', '')), 'empty', /^empty file$/],
    [
      'HTML',
      async () => extractPdf(await fileWith('page.pdf', '<!DOCTYPE html><title>404</title>')),
      'not-pdf',
      /^not a PDF/,
    ],
    ['missing', async () => extractPdf(path.join(dir, 'missing.pdf')), 'unreadable', /ENOENT/],
    [
      'truncated',
      async () => extractPdf(await fileWith('cut.pdf', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pag')),
      'damaged',
      /^damaged file: /,
    ],
    [
      'too big',
      async () => extractPdf(await fileWith('big.pdf', good), { maxBytes: 100 }),
      'too-large',
      /^too large: .* the limit is/,
    ],
    [
      'too many pages',
      async () => extractPdf(await fileWith('two.pdf', good), { maxPages: 1 }),
      'too-many-pages',
      /^too many pages: 2, the limit is 1$/,
    ],
    [
      'image bomb',
      async () =>
        extractPdf(
          await fileWith('image.pdf', tinyPdf([{ image: { width: 100000, height: 100000, data: new Uint8Array(1) } }])),
        ),
      'too-large',
      /100000 × 100000 pixels/,
    ],
    [
      'slow',
      async () => extractPdf(await fileWith('slow.pdf', long), { timeoutMs: 50 }),
      'timeout',
      /^took longer than 0.05 s$/,
    ],
  ];
  for (const [name, run, code, reason] of cases) {
    const result = await run();
    assert.equal(result.ok, false, name);
    assert.equal((result as Rejection).code, code, name);
    assert.match((result as Rejection).reason, reason, name);
  }
});

test('stops a decompression bomb at the memory limit, and carries on', async () => {
  // 100 MB of spaces in a 100 kB content stream: pdf.js holds all of it while reading the page.
  const deflate = zlib.createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const spaces = Buffer.alloc(1 << 20, ' ');
  for (let i = 0; i < 100; i++) deflate.write(spaces);
  deflate.end();
  await new Promise((resolve) => deflate.on('end', resolve));
  const bomb = tinyPdf([{ lines: ['Flate bomb'], content: { data: Buffer.concat(chunks), filter: 'FlateDecode' } }]);

  const limits = { maxMemoryMb: 250, timeoutMs: 60_000 };
  const result = await extractPdf(await fileWith('bomb.pdf', bomb), limits);
  // PDFium holds the whole stream: the worker is stopped at the limit. Where pdftotext reads the text (it
  // streams the spaces), the limit stops drawing the cover instead, and only the cover is lost.
  if (result.ok) {
    assert.equal(result.cover, null);
    assert.deepEqual(
      result.warnings.find((w) => w.code === 'cover-failed')?.message,
      'no cover: used more memory than 250 MB',
    );
  } else {
    assert.deepEqual(result, { ok: false, code: 'memory', reason: 'used more memory than 250 MB' });
  }
  const normal = extracted(
    await extractPdf(await fileWith('normal.pdf', tinyPdf([{ lines: ['Still here'] }])), limits),
  );
  assert.equal(normal.pages[0], 'Still here');
});
