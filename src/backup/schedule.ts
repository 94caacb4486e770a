// The server's own fixity check (FIXITY_INTERVAL_HOURS, default 24; 0 turns it off): every stored file re-read
// at a capped rate (FIXITY_READ_MB_PER_S) in the background — streamed, one file at a time, yielding to requests
// between reads — and the result recorded (admins see it at /admin/fixity) and logged. The next check is due an
// interval after the last one began, whoever ran it (the server or `kitap fixity`), so a restart does not
// re-read everything, and a new library is first checked one interval after its first start.
import type { Deps } from '../http/context.ts';
import { lastFixityStart } from '../store/fixity.ts';
import { checkFileStore, describeProblem } from './fixity.ts';

/** Longest wait setTimeout accepts; a later check is reached by waiting again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class FixitySchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly startedAt = Date.now();

  constructor(private readonly deps: Deps) {}

  get intervalMs(): number {
    return this.deps.config.FIXITY_INTERVAL_HOURS * 3600 * 1000;
  }

  start(): void {
    if (this.intervalMs > 0) void this.plan();
  }

  private async plan(): Promise<void> {
    if (this.abort.signal.aborted) return;
    let last: Date | null;
    try {
      last = await lastFixityStart(this.deps.db);
    } catch (err) {
      this.deps.log.error({ err }, 'fixity: the last check could not be read; trying again in an hour');
      this.wait(3600 * 1000);
      return;
    }
    const due = (last ? last.getTime() : this.startedAt) + this.intervalMs;
    this.wait(Math.max(0, due - Date.now()));
  }

  private wait(ms: number): void {
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (ms > MAX_TIMER_MS) return void this.plan();
        this.running = this.run().finally(() => {
          this.running = null;
          void this.plan();
        });
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    this.timer.unref();
  }

  private async run(): Promise<void> {
    const { db, files, log, config } = this.deps;
    log.info('fixity: checking every stored file');
    try {
      const r = await checkFileStore(db, files, 'schedule', {
        bytesPerSecond: config.FIXITY_READ_MB_PER_S * 1024 * 1024,
        signal: this.abort.signal,
      });
      if (r.problems.length)
        log.error(
          { files: r.files_checked, bytes: r.bytes_checked, problems: r.problems.map(describeProblem) },
          `fixity: ${r.problems.length} stored files damaged or missing (see /admin/fixity)`,
        );
      else log.info({ files: r.files_checked, bytes: r.bytes_checked }, 'fixity: every checksum matches');
    } catch (err) {
      if (!this.abort.signal.aborted) log.error({ err }, 'fixity: the check stopped');
    }
  }

  /** Stops the schedule; a check under way stops at its next read and is not recorded. */
  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
