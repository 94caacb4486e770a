// The public entry of PDF extraction: checks a file, then parses it in the PDF worker, a child process
// kept warm across files that runs under a heap limit and is killed when it goes over the memory or
// time limit (worker-process.ts), so a hostile or broken file costs one child process, never the caller.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CoverResult } from './cover.ts';
import type { TextResult } from './protocol.ts';
import { DEFAULT_LIMITS, type Extraction, type Limits, type Rejection } from './types.ts';
import { overLimit, pdfWorker, type Limit } from './worker-process.ts';

export * from './types.ts';

/**
 * The text, language, metadata and cover of the PDF at `file`, or the reason it is refused.
 * Resolves in both cases; rejects only when the child process cannot be started at all.
 * `onChild` is told the parsing process's id when it starts (the ingest benchmark reads its memory).
 */
export async function extractPdf(
  file: string,
  limits: Partial<Limits> = {},
  onProgress?: (page: number, total: number) => void,
  onChild?: (pid: number) => void,
): Promise<Extraction | Rejection> {
  const all: Limits = { ...DEFAULT_LIMITS, ...limits };
  return (await refusedBeforeParsing(file, all)) ?? parseInChild(path.resolve(file), all, onProgress, onChild);
}

/** The cheap refusals, from the file's size and first bytes: no parser involved. */
async function refusedBeforeParsing(file: string, limits: Limits): Promise<Rejection | null> {
  let size: number;
  let head: Buffer;
  try {
    const handle = await fs.open(file);
    try {
      size = (await handle.stat()).size;
      head = Buffer.alloc(Math.min(size, 1024));
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch (err) {
    return {
      ok: false,
      code: 'unreadable',
      reason: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    };
  }
  if (size === 0) return { ok: false, code: 'empty', reason: 'empty file' };
  if (size > limits.maxBytes)
    return {
      ok: false,
      code: 'too-large',
      reason: `too large: ${megabytes(size)}, the limit is ${megabytes(limits.maxBytes)}`,
    };
  // pdf.js, like Acrobat, accepts a header anywhere in the first 1024 bytes.
  if (!head.includes('%PDF-')) {
    const html = /<!doctype html|<html/i.test(head.toString('latin1'));
    return { ok: false, code: 'not-pdf', reason: html ? 'not a PDF: it is a web page (HTML)' : 'not a PDF' };
  }
  return null;
}

function parseInChild(
  file: string,
  limits: Limits,
  onProgress?: (page: number, total: number) => void,
  onChild?: (pid: number) => void,
): Promise<Extraction | Rejection> {
  let text: TextResult | null = null;
  let cover: CoverResult | null = null;
  let crash: string | null = null;
  return pdfWorker
    .run(
      { kind: 'extract', path: file, limits },
      limits,
      (message) => {
        if (message.kind === 'progress') onProgress?.(message.page, message.total);
        else if (message.kind === 'text') text = message.result;
        else if (message.kind === 'cover') cover = message;
        else if (message.kind === 'error') crash = message.message.split('\n')[0]!;
      },
      onChild,
    )
    .then((ended) => {
      const failure = ended.limit ? overLimit(ended.limit, limits) : (crash ?? ended.crash ?? 'the parser stopped');
      return outcome(text, cover, ended.limit, failure);
    });
}

/** What the child's messages add up to, given how it ended. */
function outcome(
  text: TextResult | null,
  cover: CoverResult | null,
  limit: Limit | null,
  failure: string,
): Extraction | Rejection {
  if (!text)
    return limit
      ? { ok: false, code: limit, reason: failure }
      : { ok: false, code: 'damaged', reason: `damaged file: ${failure}` };
  if (!text.ok) return text;
  if (cover?.cover) return { ...text, cover: cover.cover };
  // The text is there: a cover that failed, or was stopped, costs only the cover.
  const warning = { code: 'cover-failed' as const, message: `no cover: ${cover?.failure ?? failure}` };
  return { ...text, cover: null, warnings: [...text.warnings, warning] };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
