// The one PDF worker process, kept warm across the queue: started on the first task, reused for the
// next ones (starting Node, PDFium and our modules cost more than reading most files), and replaced
// when a task went over its time or memory limit, crashed, or left the process large. Tasks run one
// at a time. The child leads its own process group, so killing it also stops a Tesseract it started.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OUT_OF_MEMORY_EXIT, type WorkerMessage, type WorkerTask } from './protocol.ts';
import type { Limits } from './types.ts';

const ENTRY = fileURLToPath(new URL('./pdf-worker-entry.mjs', import.meta.url));
const WATCH_EVERY_MS = 100;

export type Limit = 'timeout' | 'memory';

/** How a task ended: normally (all empty), past a limit, cancelled, or with the process gone for another reason. */
export interface Ended {
  limit: Limit | null;
  crash: string | null;
  cancelled?: boolean;
}

type Task = WorkerTask extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

export function overLimit(limit: Limit, limits: Limits): string {
  return limit === 'timeout'
    ? `took longer than ${limits.timeoutMs / 1000} s`
    : `used more memory than ${limits.maxMemoryMb} MB`;
}

export class WorkerProcess {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private heapMb = 0;
  private stderr = '';
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  /** Runs a task in the warm process, its messages to `onMessage`; waits for the tasks before it. */
  run(
    task: Task,
    limits: Limits,
    onMessage: (m: WorkerMessage) => void,
    onChild?: (pid: number) => void,
    signal?: AbortSignal,
  ): Promise<Ended> {
    const result = this.queue.then(() => this.runNow(task, limits, onMessage, onChild, signal));
    this.queue = result.catch(() => {});
    return result;
  }

  /** Stops the process (tests, and a clean shutdown); the next task starts a new one. */
  stop(): void {
    if (this.child) kill(this.child);
    this.child = null;
  }

  private async runNow(
    task: Task,
    limits: Limits,
    onMessage: (m: WorkerMessage) => void,
    onChild?: (pid: number) => void,
    signal?: AbortSignal,
  ): Promise<Ended> {
    // The task's time counts from here: a cold start is part of it, as it was with a process per file.
    const started = Date.now();
    if (!this.child || this.heapMb !== limits.maxMemoryMb) this.start(limits.maxMemoryMb);
    const child = this.child!;
    hold(child, true);
    if (child.pid !== undefined) onChild?.(child.pid);
    const id = this.nextId++;
    this.stderr = '';
    const ended = await new Promise<Ended>((resolve) => {
      let killedFor: Limit | null = null;
      let cancelled = false;
      const stop = (limit: Limit) => {
        killedFor ??= limit;
        kill(child);
      };
      const cancel = () => {
        cancelled = true;
        kill(child);
      };
      if (signal?.aborted) cancelled = true;
      signal?.addEventListener('abort', cancel);
      const timer = setTimeout(() => stop('timeout'), Math.max(1, limits.timeoutMs - (Date.now() - started)));
      const watch = setInterval(() => {
        if (child.pid !== undefined && residentMb(child.pid) > limits.maxMemoryMb) stop('memory');
      }, WATCH_EVERY_MS);
      const finish = (e: Ended) => {
        clearTimeout(timer);
        clearInterval(watch);
        child.off('message', onTaskMessage);
        child.off('exit', onExit);
        signal?.removeEventListener('abort', cancel);
        resolve(e);
      };
      const onTaskMessage = (m: WorkerMessage) => {
        if (m.id !== id) return;
        if (m.kind === 'done') finish({ limit: null, crash: null });
        else onMessage(m);
      };
      const onExit = (code: number | null, exitSignal: string | null) => {
        const overMemory = code === OUT_OF_MEMORY_EXIT || /heap out of memory|Reached heap limit/.test(this.stderr);
        const limit = overMemory ? 'memory' : killedFor;
        if (cancelled && !limit) return finish({ limit: null, crash: null, cancelled: true });
        finish({ limit, crash: limit ? null : `the parser stopped (${exitSignal ?? `exit code ${code}`})` });
      };
      child.on('message', onTaskMessage);
      child.on('exit', onExit);
      if (cancelled) kill(child);
      else this.ready!.then(() => child.connected && child.send({ ...task, id } as WorkerTask));
    });
    if (ended.limit || ended.crash || ended.cancelled) {
      if (this.child === child) this.child = null;
      kill(child);
    } else if (child.pid !== undefined && residentMb(child.pid) > limits.maxMemoryMb / 2) {
      // A large file leaves a large process: start the next task in a fresh one.
      this.stop();
    } else {
      hold(child, false);
    }
    return ended;
  }

  private start(heapMb: number): void {
    if (this.child) kill(this.child);
    const child = fork(ENTRY, [], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      serialization: 'advanced', // structured clone: images travel as they are
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      detached: true, // its own process group: Tesseract goes with it
    });
    this.child = child;
    this.heapMb = heapMb;
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
    this.ready = new Promise((resolve) => {
      const onReady = (m: WorkerMessage) => {
        if (m.id === 0) {
          child.off('message', onReady);
          resolve();
        }
      };
      child.on('message', onReady);
      child.on('exit', () => resolve());
    });
  }
}

/** Whether the idle process (its handle, channel and stderr pipe) keeps this one running: only while a task runs. */
function hold(child: ChildProcess, on: boolean): void {
  const handles = [child, child.channel, child.stderr] as Array<
    { ref?: () => void; unref?: () => void } | null | undefined
  >;
  for (const h of handles) (on ? h?.ref : h?.unref)?.call(h);
}

function kill(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** The PDF worker of this process: extraction and OCR, one task after another. */
export const pdfWorker = new WorkerProcess();
/** A second one for page images readers ask for, so that they never wait behind a long OCR. */
export const renderWorker = new WorkerProcess();

// Linux only; elsewhere the child checks itself (pdf-worker.ts) and the heap limit holds.
function residentMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}
