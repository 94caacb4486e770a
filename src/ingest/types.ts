// The public shapes of PDF extraction: what extractPdf returns and the limits it runs under.
import type { DocumentMetadata, RejectionCode } from '../store/ingest-jobs.ts';

// Why a file was refused (a translation key, stored as a job's error_code) and the metadata a file
// declares are stored as they are, so their types live with the table (store/ingest-jobs.ts).
export type { DocumentMetadata, RejectionCode };

/** Resource limits for one file. Every field has a default in DEFAULT_LIMITS. */
export interface Limits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Most pages accepted. */
  maxPages: number;
  /** Wall-clock time for the whole extraction (text and cover), in milliseconds. */
  timeoutMs: number;
  /** Resident memory of the parsing process, in megabytes. */
  maxMemoryMb: number;
  /** Largest image a stream may declare, in pixels: a decompression-bomb guard read before decoding. */
  maxImagePixels: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 200 * 1024 * 1024,
  maxPages: 3000,
  timeoutMs: 120_000,
  maxMemoryMb: 1024,
  maxImagePixels: 400_000_000,
};

/** A file extractPdf refused, with a reason a person can read ("encrypted PDF: needs a password"). */
export interface Rejection {
  ok: false;
  code: RejectionCode;
  reason: string;
}

export type WarningCode =
  | 'no-text-layer' // pages with no text at all: scans or blank pages, OCR candidates
  | 'garbled-text' // pages whose text layer is unreadable (fonts without a Unicode map): OCR candidates
  | 'page-failed' // a page pdf.js could not read; it counts as without text
  | 'mojibake-repaired' // Cyrillic read as Windows-1252 re-decoded as Windows-1251
  | 'ligatures-repaired'
  | 'control-characters-removed'
  | 'running-lines-removed' // repeated headers and footers kept out of the text
  | 'structure-repaired' // pdf.js had to rebuild a damaged file's cross-reference table
  | 'cover-failed';

/** Something the extraction fixed or could not do; `pages` are 1-based. */
export interface Warning {
  code: WarningCode;
  message: string;
  pages?: number[];
}

/** A thumbnail of page 1, about 400 px wide. */
export interface Cover {
  data: Uint8Array;
  mime: 'image/webp';
  width: number;
  height: number;
}

/** A file read successfully. */
export interface Extraction {
  ok: true;
  pageCount: number;
  /** Clean text of each page; index 0 is page 1; '' for a page without usable text. */
  pages: string[];
  /** 1-based numbers of the pages with no usable text (no text layer, or an unreadable one). */
  pagesWithoutText: number[];
  /** ISO 639-1 code, or null when unsure or not a language we detect. */
  language: string | null;
  /** The other languages present, ISO 639-1 (a Russian report with an English bibliography: ['en']). */
  otherLanguages: string[];
  metadata: DocumentMetadata;
  /** null when page 1 could not be rendered: show a placeholder. */
  cover: Cover | null;
  warnings: Warning[];
}
