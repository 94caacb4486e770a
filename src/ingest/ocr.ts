// OCR with Debian's Tesseract, run from the PDF worker on a page image PDFium drew: the image goes in
// as a greyscale PGM file, Tesseract's TSV comes back with a confidence per word. Nothing here
// installs anything; a missing program or language pack is reported with the package to install.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Our content languages (ISO 639-1) → Tesseract's traineddata, and the Debian package holding it. */
export const TESSERACT_LANGUAGES: Record<string, { code: string; pkg: string }> = {
  en: { code: 'eng', pkg: 'tesseract-ocr-eng' },
  ru: { code: 'rus', pkg: 'tesseract-ocr-rus' },
  kk: { code: 'kaz', pkg: 'tesseract-ocr-kaz' },
  ky: { code: 'kir', pkg: 'tesseract-ocr-kir' },
  uz: { code: 'uzb_cyrl', pkg: 'tesseract-ocr-uzb-cyrl' },
  tg: { code: 'tgk', pkg: 'tesseract-ocr-tgk' },
};

/** Pixels per inch for OCR: Tesseract reads body text best at about 300 dpi. */
export const OCR_DPI = 300;

const installed = new Map<string, Promise<Set<string> | null>>();

/** The traineddata the Tesseract program `tesseract` has, or null when it is not there. Asked once per process. */
export function tesseractLanguages(tesseract: string): Promise<Set<string> | null> {
  let known = installed.get(tesseract);
  if (!known) {
    known = new Promise((resolve) => {
      execFile(tesseract, ['--list-langs'], { timeout: 10_000 }, (err, stdout) => {
        if (err) return resolve(null);
        resolve(
          new Set(
            stdout
              .split('\n')
              .slice(1)
              .map((l) => l.trim())
              .filter(Boolean),
          ),
        );
      });
    });
    installed.set(tesseract, known);
  }
  return known;
}

/** What is missing to OCR in these Tesseract languages, as the Debian packages to install; [] when nothing. */
export async function missingPackages(tesseract: string, codes: readonly string[]): Promise<string[]> {
  const have = await tesseractLanguages(tesseract);
  if (!have) return ['tesseract-ocr', ...codes.map(packageOf)];
  return codes.filter((c) => !have.has(c)).map(packageOf);
}

const packageOf = (code: string) =>
  Object.values(TESSERACT_LANGUAGES).find((l) => l.code === code)?.pkg ?? `tesseract-ocr-${code.replace('_', '-')}`;

/** A greyscale image, one byte per pixel, rows top to bottom. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The page's text (lines as Tesseract found them, paragraphs apart) and its mean word confidence (0–100). */
export async function recognise(
  tesseract: string,
  image: GrayImage,
  languages: string,
  timeoutMs: number,
): Promise<{ text: string; confidence: number }> {
  return withImage(image, async (file) =>
    fromTsv(
      await run([tesseract, file, 'stdout', '-l', languages, '--dpi', String(OCR_DPI), '--psm', '3', 'tsv'], timeoutMs),
    ),
  );
}

/** Tesseract's orientation and script detection on the image (`Script: Cyrillic` …); '' when it cannot tell. */
export async function detectScript(tesseract: string, image: GrayImage, timeoutMs: number): Promise<string> {
  return withImage(image, (file) =>
    run([tesseract, file, 'stdout', '--psm', '0', '-l', 'osd', '--dpi', String(OCR_DPI)], timeoutMs).catch(() => ''),
  );
}

async function withImage<T>(image: GrayImage, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kitap-ocr-'));
  try {
    const file = path.join(dir, 'page.pgm');
    await fs.writeFile(
      file,
      Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), image.data]),
    );
    return await use(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Tesseract's TSV (level 5 rows are words) as text and mean confidence. */
export function fromTsv(tsv: string): { text: string; confidence: number } {
  const lines: string[] = [];
  let key = '';
  let para = '';
  let sum = 0;
  let words = 0;
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const word = f[11]!.trim();
    const conf = Number(f[10]);
    if (!word || conf < 0) continue;
    const lineKey = `${f[2]}.${f[3]}.${f[4]}`;
    const paraKey = `${f[2]}.${f[3]}`;
    if (lineKey !== key) {
      if (lines.length > 0 && paraKey !== para) lines.push('');
      lines.push(word);
      key = lineKey;
      para = paraKey;
    } else {
      lines[lines.length - 1] += ` ${word}`;
    }
    sum += conf;
    words++;
  }
  return { text: lines.join('\n'), confidence: words ? Math.round((sum / words) * 10) / 10 : 0 };
}

function run(argv: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // One thread: the machine's other work (and the next page) needs the other cores.
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err = (err + s).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else
        reject(
          new Error(
            signal ? `tesseract stopped (${signal})` : `tesseract failed: ${err.trim().split('\n').at(-1) ?? code}`,
          ),
        );
    });
  });
}
