import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../cli/command.ts';
import { command } from './command.ts';
import { tinyPdf } from './tiny-pdf.ts';

let dir = '';
before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'kitap-ingest-cli-'))));
after(() => rm(dir, { recursive: true, force: true }));

// Runs `kitap ingest ARGS` in its own process, as main.ts will: output and exit code.
function ingest(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `const { command } = await import(${JSON.stringify(fileURLToPath(new URL('./command.ts', import.meta.url)))});
process.exitCode = await command.run(process.argv.slice(1));`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, '--', ...args],
      { env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

test('--dry-run --json prints pages, language, pages without text, text and warnings', async () => {
  const file = path.join(dir, 'two.pdf');
  await writeFile(file, tinyPdf([{ lines: ['First page'] }, { lines: [] }]));
  const { code, stdout } = await ingest([file, '--dry-run', '--json']);
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  assert.equal(out.pages, 2);
  assert.equal(out.language, null);
  assert.deepEqual(out.pages_without_text, [2]);
  assert.deepEqual(out.text, ['First page', '']);
  assert.deepEqual(
    out.warnings.map((w: { code: string }) => w.code),
    ['no-text-layer'],
  );
});

test('a refused file exits 1 with the reason', async () => {
  const file = path.join(dir, 'page.pdf');
  await writeFile(file, '<html><body>Not found</body></html>');
  const { code, stdout, stderr } = await ingest([file, '--dry-run', '--json']);
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(stdout), { error: { code: 'not-pdf', reason: 'not a PDF: it is a web page (HTML)' } });
  assert.match(stderr, /page\.pdf: not a PDF: it is a web page \(HTML\)/);
});

test('--dry-run honours the configured limits (INGEST_MAX_PAGES, UPLOAD_MAX_BYTES); an option overrides them (issue 21)', async () => {
  const file = path.join(dir, 'three.pdf');
  await writeFile(file, tinyPdf([{ lines: ['One'] }, { lines: ['Two'] }, { lines: ['Three'] }]));
  const pages = await ingest([file, '--dry-run', '--json'], { INGEST_MAX_PAGES: '2' });
  assert.equal(pages.code, 1);
  assert.equal(JSON.parse(pages.stdout).error.code, 'too-many-pages');
  const bytes = await ingest([file, '--dry-run', '--json'], { UPLOAD_MAX_BYTES: '100' });
  assert.equal(bytes.code, 1, bytes.stdout);
  assert.equal((await ingest([file, '--dry-run', '--json', '--max-pages', '5'], { INGEST_MAX_PAGES: '2' })).code, 0);
});

test('wrong arguments are usage errors', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['file.pdf'], /^give --publication SLUG \(or --dry-run to only read the file\)$/],
    [['file.pdf', '--publication', 'annual-report', '--language', 'fr'], /^--language must be one of/],
    [['no-such-file.pdf', '--publication', 'annual-report'], /^no such file: no-such-file\.pdf$/],
    [['file.pdf', '--dry-run', '--pages', '3'], /Unknown option '--pages'/],
    [['--dry-run'], /^give exactly one PDF file$/],
    [['file.pdf', '--dry-run', '--timeout', 'soon'], /^--timeout must be a positive number/],
  ];
  for (const [args, message] of cases) {
    await assert.rejects(
      command.run(args),
      (err: Error) => err instanceof UsageError && message.test(err.message),
      args.join(' '),
    );
  }
});

const scan = fileURLToPath(new URL('../../../shared/fixtures/pdfs/ru-scan-no-text-layer.pdf', import.meta.url));
const tesseractRussian = (() => {
  try {
    return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).split('\n').includes('rus');
  } catch {
    return false;
  }
})();

test('--dry-run --json --language ru reads a scan by OCR: its text in text, its pages and confidence in ocr', {
  skip: !existsSync(scan)
    ? 'no fixture corpus beside the repository'
    : !tesseractRussian
      ? 'Tesseract with its Russian pack is not installed'
      : false,
}, async () => {
  const { code, stdout, stderr } = await ingest([scan, '--dry-run', '--json', '--language', 'ru']);
  assert.equal(code, 0, stderr);
  const out = JSON.parse(stdout);
  assert.deepEqual(out.pages_without_text, [1, 2]);
  assert.equal(out.ocr.state, 'done');
  assert.equal(out.ocr.languages, 'rus');
  assert.deepEqual(
    out.ocr.pages.map((p: { page: number }) => p.page),
    [1, 2],
  );
  for (const p of out.ocr.pages) assert.ok(p.confidence > 50, `confidence ${p.confidence}`);
  assert.match(out.text[0], /Диагностическая карта/);
  assert.match(out.text[1], /Результаты диагностирования/);
});
