// The public entry of PDF extraction: checks a file, then parses it in a child process that runs
// under a heap limit and is killed when it goes over the memory or time limit, so a hostile or
// broken file costs one child process, never the caller.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoverResult } from './cover.ts';
import { OUT_OF_MEMORY_EXIT, type TextResult, type WorkerJob, type WorkerMessage } from './protocol.ts';
import { DEFAULT_LIMITS, type Extraction, type Limits, type Rejection } from './types.ts';

export * from './types.ts';

const WORKER = fileURLToPath(new URL('./pdf-worker-entry.mjs', import.meta.url));
const WATCH_EVERY_MS = 100;

/**
 * The text, language, metadata and cover of the PDF at `file`, or the reason it is refused.
 * Resolves in both cases; rejects only when the child process cannot be started at all.
 * `onChild` is told the parsing process's id when it starts (the ingest benchmark reads its memory).
 */
export async function extractPdf(file: string, limits: Partial<Limits> = {}, onProgress?: (page: number, total: number) => void, onChild?: (pid: number) => void): Promise<Extraction | Rejection> {
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
    return { ok: false, code: 'unreadable', reason: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if (size === 0) return { ok: false, code: 'empty', reason: 'empty file' };
  if (size > limits.maxBytes) return { ok: false, code: 'too-large', reason: `too large: ${megabytes(size)}, the limit is ${megabytes(limits.maxBytes)}` };
  // pdf.js, like Acrobat, accepts a header anywhere in the first 1024 bytes.
  if (!head.includes('%PDF-')) {
    const html = /<!doctype html|<html/i.test(head.toString('latin1'));
    return { ok: false, code: 'not-pdf', reason: html ? 'not a PDF: it is a web page (HTML)' : 'not a PDF' };
  }
  return null;
}

function parseInChild(file: string, limits: Limits, onProgress?: (page: number, total: number) => void, onChild?: (pid: number) => void): Promise<Extraction | Rejection> {
  return new Promise((resolve, reject) => {
    const job: WorkerJob = { path: file, limits };
    const child = fork(WORKER, [JSON.stringify(job)], {
      execArgv: [`--max-old-space-size=${limits.maxMemoryMb}`],
      serialization: 'advanced', // structured clone: the cover's bytes travel as they are
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    if (child.pid !== undefined) onChild?.(child.pid);
    let text: TextResult | null = null;
    let cover: CoverResult | null = null;
    let crash: string | null = null;
    let killedFor: Limit | null = null;
    let stderr = '';
    const stop = (limit: Limit) => {
      killedFor ??= limit;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout'), limits.timeoutMs);
    const watch = setInterval(() => {
      if (child.pid !== undefined && residentMb(child.pid) > limits.maxMemoryMb) stop('memory');
    }, WATCH_EVERY_MS);

    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress?.(message.page, message.total);
      else if (message.kind === 'text') text = message.result;
      else if (message.kind === 'cover') cover = message;
      else crash = message.message.split('\n')[0];
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      clearInterval(watch);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      const overMemory = code === OUT_OF_MEMORY_EXIT || /heap out of memory|Reached heap limit/.test(stderr);
      const limit = overMemory ? 'memory' : killedFor;
      const failure = limit ? overLimit(limit, limits) : (crash ?? `the parser stopped (${signal ?? `exit code ${code}`})`);
      resolve(outcome(text, cover, limit, failure));
    });
  });
}

type Limit = 'timeout' | 'memory';

/** What the child's messages add up to, given how it ended. */
function outcome(text: TextResult | null, cover: CoverResult | null, limit: Limit | null, failure: string): Extraction | Rejection {
  if (!text) return limit ? { ok: false, code: limit, reason: failure } : { ok: false, code: 'damaged', reason: `damaged file: ${failure}` };
  if (!text.ok) return text;
  if (cover?.cover) return { ...text, cover: cover.cover };
  // The text is there: a cover that failed, or was stopped, costs only the cover.
  const warning = { code: 'cover-failed' as const, message: `no cover: ${cover?.failure ?? failure}` };
  return { ...text, cover: null, warnings: [...text.warnings, warning] };
}

function overLimit(limit: Limit, limits: Limits): string {
  return limit === 'timeout'
    ? `took longer than ${limits.timeoutMs / 1000} s`
    : `used more memory than ${limits.maxMemoryMb} MB`;
}

// Linux only; elsewhere the child checks itself (pdf-worker.ts) and the heap limit holds.
function residentMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
