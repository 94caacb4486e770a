// OCR of a stored PDF's pages without text, run by the PDF worker (page images drawn by PDFium at
// 300 dpi, read by Tesseract) under the same kind of limits as extraction. Each page is handed to
// `onPage` as soon as it is read, so what was read survives a timeout, a cancel or a crash.
import path from 'node:path';
import type { Script } from './ocr-languages.ts';
import type { OcrPage } from './protocol.ts';
import { DEFAULT_LIMITS, type Limits } from './types.ts';
import { overLimit, pdfWorker } from './worker-process.ts';

export interface OcrRequest {
  /** 1-based page numbers, in order. */
  pages: number[];
  /** Languages the file is likely in (ISO 639-1), most likely first. */
  hints: string[];
  /** The script of the file's other text, when it has enough; else Tesseract's script detection decides. */
  script: Script | null;
  /** The Tesseract program. */
  tesseract: string;
  limits?: Partial<Limits>;
}

export interface OcrOutcome {
  /** Tesseract's languages used, e.g. "rus+eng"; null when OCR did not start. */
  languages: string | null;
  read: OcrPage[];
  end: 'done' | 'timeout' | 'memory' | 'cancelled' | 'unavailable' | 'failed';
  /** Why it ended early, in English ("OCR needs tesseract-ocr-kaz: apt-get install tesseract-ocr-kaz"). */
  reason: string | null;
  /** The Debian packages to install, when unavailable. */
  missing: string | null;
}

/** Reads the pages by OCR; resolves in every case (what was read, and how it ended). */
export async function ocrPages(
  file: string,
  req: OcrRequest,
  onPage?: (page: OcrPage) => unknown,
  signal?: AbortSignal,
): Promise<OcrOutcome> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...req.limits };
  const out: OcrOutcome = { languages: null, read: [], end: 'done', reason: null, missing: null };
  let stored: Promise<unknown> = Promise.resolve();
  let crash: string | null = null;
  const task = {
    kind: 'ocr' as const,
    path: path.resolve(file),
    pages: req.pages,
    hints: req.hints,
    script: req.script,
    tesseract: req.tesseract,
    limits,
  };
  const ended = await pdfWorker.run(
    task,
    limits,
    (m) => {
      if (m.kind === 'ocr-languages') out.languages = m.languages;
      else if (m.kind === 'ocr-page') {
        const page = { page: m.page, text: m.text, confidence: m.confidence };
        out.read.push(page);
        stored = stored.then(() => onPage?.(page));
      } else if (m.kind === 'ocr-unavailable') {
        out.end = 'unavailable';
        out.reason = m.reason;
        out.missing = m.missing;
      } else if (m.kind === 'error') crash = m.message.split('\n')[0]!;
    },
    undefined,
    signal,
  );
  await stored;
  if (ended.cancelled) out.end = 'cancelled';
  else if (ended.limit) {
    out.end = ended.limit;
    out.reason = `OCR ${overLimit(ended.limit, limits)}: ${out.read.length} of ${req.pages.length} pages read`;
  } else if (ended.crash || crash) {
    out.end = 'failed';
    out.reason = crash ?? ended.crash;
  }
  return out;
}
