// Messages between extract.ts (the parent) and pdf-worker.ts (the child process).
import type { CoverResult } from './cover.ts';
import type { Extraction, Limits, Rejection } from './types.ts';

/** What the parent asks, as JSON in the child's one argument. */
export interface WorkerJob {
  path: string;
  limits: Limits;
}

/** Everything but the cover, or the reason the file is refused. */
export type TextResult = Omit<Extraction, 'cover'> | Rejection;

/** The text arrives first, so a cover that fails to draw (or is killed) costs only the cover. */
export type WorkerMessage =
  | { kind: 'progress'; page: number; total: number }
  | { kind: 'text'; result: TextResult }
  | ({ kind: 'cover' } & CoverResult)
  | { kind: 'error'; message: string };

/** The child's exit code when it finds itself over the memory limit (where the parent cannot watch). */
export const OUT_OF_MEMORY_EXIT = 75;
