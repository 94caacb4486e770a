// `npm run bench:ocr [-- --pages 2 --no-write]`: OCR quality and speed on scans made here from PDFs whose
// true text is known. Pages of bench/big-pdf.ts's prose in English, Russian and Kazakh are drawn by PDFium
// at 300 dpi (as the PDF worker draws them for OCR) and read by Tesseract clean, and again degraded like a
// real scan: skewed by 1°, with pixel noise, through JPEG at quality 40. The character error rate (edit
// distance ÷ length of the true text, whitespace collapsed) per language and condition, and pages per
// second; a section of bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCanvas, ImageData, loadImage } from '@napi-rs/canvas';
import { OCR_DPI, recognise, type GrayImage } from '../src/ingest/ocr.ts';
import { ocrLanguages } from '../src/ingest/ocr-languages.ts';
import { openPdf, pageLines, renderPage } from '../src/ingest/pdfium.ts';
import { multilingualPdf } from './big-pdf.ts';
import { prng } from './synthetic.ts';
import { describeMachine, loadAverage, writeResults } from './report.ts';

const { values: opt } = parseArgs({
  options: { pages: { type: 'string', default: '2' }, 'no-write': { type: 'boolean', default: false } },
});
const perLanguage = Number(opt.pages);
if (!(Number.isInteger(perLanguage) && perLanguage > 0 && perLanguage <= 25)) throw new Error('--pages takes 1 to 25');
const version = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
if (version.error) {
  console.log(
    'Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-kaz): nothing to measure.',
  );
  process.exit(0);
}

// bench/big-pdf.ts writes chapters of 25 pages in en, ru, kk, ky; the first pages of the first three.
const LANGUAGES = [
  { code: 'en', first: 1 },
  { code: 'ru', first: 26 },
  { code: 'kk', first: 51 },
] as const;
const CONDITIONS = ['clean', 'degraded'] as const;
const TARGET = { clean: 0.03, degraded: 0.08 };
// The publication's languages: the page's own, and English, which its running header is in.
const hints = (code: string) => [code, 'en'];

/** The image as a scanner would give it: turned by 1°, noisy, JPEG-compressed at quality 40. */
async function degrade(image: GrayImage, seed: number): Promise<GrayImage> {
  const { width, height } = image;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.fill(image.data[i]!, i * 4, i * 4 + 3), (rgba[i * 4 + 3] = 255);
  const source = createCanvas(width, height);
  source.getContext('2d').putImageData(new ImageData(rgba, width, height), 0, 0);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((1 * Math.PI) / 180);
  ctx.drawImage(source, -width / 2, -height / 2);
  const pixels = ctx.getImageData(0, 0, width, height);
  const r = prng(seed);
  for (let i = 0; i < pixels.data.length; i += 4) {
    const noise = Math.round((r() + r() + r() - 1.5) * 40); // about ±20 grey levels, heavier in the tails
    for (let c = 0; c < 3; c++) pixels.data[i + c] = Math.max(0, Math.min(255, pixels.data[i + c]! + noise));
  }
  ctx.resetTransform();
  ctx.putImageData(pixels, 0, 0);
  const jpeg = await canvas.encode('jpeg', 40);
  const decoded = await loadImage(jpeg);
  const back = createCanvas(width, height);
  back.getContext('2d').drawImage(decoded, 0, 0);
  const data = back.getContext('2d').getImageData(0, 0, width, height).data;
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = data[i * 4]!;
  return { width, height, data: gray };
}

const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Uint32Array.from({ length: y.length + 1 }, (_, j) => j);
  let row = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    row[0] = i;
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    [prev, row] = [row, prev];
  }
  return prev[y.length]!;
}

interface Cell {
  errors: number;
  chars: number;
  seconds: number;
  pages: number;
  confidence: number;
}

const loadBefore = loadAverage();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const pdf = multilingualPdf(LANGUAGES.at(-1)!.first + perLanguage - 1);
const doc = await openPdf(new Uint8Array(pdf));
const cells = new Map<string, Cell>();
for (const { code, first } of LANGUAGES) {
  const languages = ocrLanguages(hints(code), code === 'en' ? 'Latin' : 'Cyrillic').join('+');
  for (let n = first; n < first + perLanguage; n++) {
    const truth = normalise(pageLines(doc, n).join('\n'));
    const clean = await renderPage(doc, n, OCR_DPI / 72, true);
    for (const condition of CONDITIONS) {
      const image = condition === 'clean' ? clean : await degrade(clean, n);
      const started = performance.now();
      const read = await recognise('tesseract', image, languages, 300_000);
      const seconds = (performance.now() - started) / 1000;
      const errors = editDistance(normalise(read.text), truth);
      const key = `${code}/${condition}`;
      const cell = cells.get(key) ?? { errors: 0, chars: 0, seconds: 0, pages: 0, confidence: 0 };
      cells.set(key, {
        errors: cell.errors + errors,
        chars: cell.chars + [...truth].length,
        seconds: cell.seconds + seconds,
        pages: cell.pages + 1,
        confidence: cell.confidence + read.confidence,
      });
      console.log(
        `${code} page ${n} ${condition} (${languages}): CER ${((errors / [...truth].length) * 100).toFixed(2)} %, ${seconds.toFixed(1)} s, confidence ${read.confidence}`,
      );
    }
  }
}
doc.destroy();

const percent = (v: number) => `${(v * 100).toFixed(2)} %`;
const rows = [...cells].map(([key, c]) => {
  const [code, condition] = key.split('/') as [string, (typeof CONDITIONS)[number]];
  const cer = c.errors / c.chars;
  return `| ${code} | ${condition} | ${c.pages} | ${c.chars} | ${percent(cer)} | ≤ ${percent(TARGET[condition])} | ${cer <= TARGET[condition] ? 'yes' : '**no**'} | ${(c.confidence / c.pages).toFixed(1)} | ${(c.pages / c.seconds).toFixed(2)} |`;
});
const machine = describeMachine(null).filter((l) => !/^(PostgreSQL|PGlite)/.test(l));
const report = [
  '## OCR (`npm run bench:ocr`)',
  '',
  `Run on ${date} UTC with \`npm run bench:ocr -- --pages ${perLanguage}\`.`,
  '',
  '**Machine**',
  '',
  ...machine.map((m) => `- ${m}`),
  `- Tesseract: ${version.stdout.split('\n')[0]} (Debian), one thread (OMP_THREAD_LIMIT=1)`,
  '',
  `**What is measured.** Pages of bench/big-pdf.ts's prose (A4, DejaVu Sans 10.5 pt, a running header and a page number) in English,
Russian and Kazakh, ${perLanguage} per language, whose true text is the PDF's own text layer. Each page is drawn by PDFium at ${OCR_DPI} dpi in
grey, as the PDF worker draws it for OCR, and read by Tesseract (\`--psm 3\`) in the languages Kitap chooses
(src/ingest/ocr-languages.ts) for a publication in that language and English (the running header is English): clean, and degraded like a real scan — turned by 1°, noise of about ±20 grey levels on every
pixel, JPEG at quality 40. CER: edit distance between Tesseract's text and the true text (both with whitespace collapsed to one space)
÷ the true text's length, over all pages of the cell. Pages/s: pages ÷ Tesseract's time (writing the image included, drawing not).
The machine is shared and was loaded: load average before ${loadBefore}, after ${loadAverage()}.`,
  '',
  '| language | condition | pages | characters | CER | target | met | mean confidence | pages/s |',
  '|---|---|--:|--:|--:|--:|---|--:|--:|',
  ...rows,
].join('\n');
console.log(`\n${report}`);
if (!opt['no-write']) {
  writeResults(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), report, [
    '<!-- ocr-bench:start -->',
    '<!-- ocr-bench:end -->',
  ]);
  console.log('\nbench/RESULTS.md: OCR section written');
}
