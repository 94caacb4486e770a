// Messages between extract.ts (the parent) and pdf-worker.ts (the one warm child process).
import type { CoverResult } from './cover.ts';
import type { Script } from './ocr-languages.ts';
import type { Extraction, Limits, Rejection } from './types.ts';

/** One page read by OCR: its text and Tesseract's mean word confidence (0–100). */
export interface OcrPage {
  page: number;
  text: string;
  confidence: number;
}

/** What the parent asks; every task carries an id its answers repeat. */
export type WorkerTask =
  | { kind: 'extract'; id: number; path: string; limits: Limits }
  /**
   * OCR of these pages (1-based) with the program `tesseract`, in languages chosen from `hints` (ISO 639-1)
   * and the pages' script (detected on the first page when null).
   */
  | {
      kind: 'ocr';
      id: number;
      path: string;
      pages: number[];
      hints: string[];
      script: Script | null;
      tesseract: string;
      limits: Limits;
    }
  /** Page `page` drawn `width` pixels wide, as WebP. */
  | { kind: 'render'; id: number; path: string; page: number; width: number; limits: Limits };

/** Everything but the cover, or the reason the file is refused. */
export type TextResult = Omit<Extraction, 'cover'> | Rejection;

/** The text arrives first, so a cover that fails to draw (or is killed) costs only the cover. */
export type WorkerMessage = { id: number } & (
  | { kind: 'progress'; page: number; total: number }
  | { kind: 'text'; result: TextResult }
  | ({ kind: 'cover' } & CoverResult)
  | { kind: 'ocr-languages'; languages: string }
  | ({ kind: 'ocr-page' } & OcrPage)
  /** OCR could not run: Tesseract or a language pack is missing (`missing` names the Debian package). */
  | { kind: 'ocr-unavailable'; missing: string; reason: string }
  | { kind: 'image'; data: Uint8Array; width: number; height: number }
  | { kind: 'failed'; reason: string }
  | { kind: 'done' }
  | { kind: 'error'; message: string }
);

/** The child's exit code when it finds itself over the memory limit (where the parent cannot watch). */
export const OUT_OF_MEMORY_EXIT = 75;
