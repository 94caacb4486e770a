// The server's own fixity check (FIXITY_INTERVAL_HOURS, default 24; 0 turns it off): every stored file re-read
// at a capped rate (FIXITY_READ_MB_PER_S) in the background — streamed, one file at a time, yielding to requests
// between reads — and the result recorded (admins see it at /admin/fixity) and logged. The next check is due an
// interval after the last one began, whoever ran it (the server or `kitap fixity`), so a restart does not
// re-read everything, and a new library is first checked one interval after its first start.
// Several instances on one PostgreSQL each keep the schedule; the first whose time comes records the check's
// start under a lock, and the others, finding a check begun less than an interval ago, wait for the next one:
// each check runs once, on one instance.
import type { Db } from '../db/db.ts';
import type { Deps } from '../http/context.ts';
import { lastFixityStart, startFixityRun } from '../store/fixity.ts';
import { checkStartedRun, describeProblem } from './fixity.ts';

/** Longest wait setTimeout accepts; a later check is reached by waiting again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Records the start of the scheduled check, unless one (another instance's, or `kitap fixity`) began less
 * than an interval ago: then when that one began.
 */
async function claimCheck(db: Db, intervalMs: number): Promise<{ run: number } | { begun: Date }> {
  return db.tx(async (t) => {
    // One instance at a time from here to the commit, so that the next one sees the start recorded here.
    if (t.kind === 'postgres') await t.query('select pg_advisory_xact_lock(7165)');
    const last = await lastFixityStart(t);
    if (last && Date.now() - last.getTime() < intervalMs) return { begun: last };
    return { run: await startFixityRun(t, 'schedule') };
  });
}

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
    try {
      const claim = await claimCheck(db, this.intervalMs);
      if ('begun' in claim) {
        log.info({ begun: claim.begun }, 'fixity: this check was begun elsewhere (another instance or "kitap fixity")');
        return;
      }
      log.info('fixity: checking every stored file');
      const r = await checkStartedRun(db, files, claim.run, {
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
