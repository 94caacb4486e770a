// Counting never slows reading: a counted request only queues a small record in memory (its visitor hashed at
// once, so no address or agent stays behind); a timer writes the queue in batches, off the request path, and
// rolls up the days it touched every few minutes. Reports ask for usageUpToDate() first.
import type { Db } from '../db/db.ts';
import type { Logger } from '../log.ts';
import { rollUpUsage } from '../store/stats-daily.ts';
import { insertUsageEvents, type UsageEvent } from '../store/stats-events.ts';
import { countryOf } from './country.ts';
import { isRobot } from './robots.ts';
import { DailySalts, visitorOf } from './visitor.ts';

/** A request as the hooks see it. */
export interface Hit {
  address: string;
  agent: string | undefined;
  slug?: string;
  fileId?: number;
  partial?: boolean;
  at?: Date;
}

const FLUSH_AFTER_MS = 2000;
/**
 * A busy site writes as it goes, this many at a time: on the embedded database a write holds the whole server
 * (PGlite runs in this process), and 1,800 events in one statement took ~150 ms where a few hundred take ~15.
 */
const FLUSH_AT = 250;
const ROLLUP_EVERY_MS = 5 * 60_000;
/** Past this many waiting events (a database down for long), new ones are dropped rather than memory grown. */
const QUEUE_MAX = 200_000;

export class UsageRecorder {
  private queue: UsageEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private lastRollup = Date.now();
  private readonly salts = new DailySalts();
  dropped = 0;

  constructor(
    private readonly db: Db,
    private readonly log?: Logger,
  ) {}

  /** Queues a request unless a robot made it; returns whether it was queued. Never waits. */
  add(hit: Hit): boolean {
    if (isRobot(hit.agent)) return false;
    if (this.queue.length >= QUEUE_MAX) {
      this.dropped++;
      return false;
    }
    const at = hit.at ?? new Date();
    this.queue.push({
      at,
      visitor: visitorOf(this.salts.of(at), hit.address, hit.agent ?? ''),
      slug: hit.slug ?? null,
      fileId: hit.fileId ?? null,
      partial: hit.partial ?? false,
      country: countryOf(hit.address),
      source: null,
    });
    if (this.queue.length >= FLUSH_AT && !this.writing && !this.failing) this.write();
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.write();
    }, FLUSH_AFTER_MS).unref();
    return true;
  }

  /** Whether a write of the queue is waiting or under way (a full queue starts no second one meanwhile). */
  private writing = false;
  /** Whether the last write failed: then only the timer tries again (one error logged every 2 s, not per batch). */
  private failing = false;

  private write(): void {
    this.writing = true;
    this.flush()
      .then(
        () => {
          this.failing = false;
        },
        (err) => {
          this.failing = true;
          this.log?.error({ err }, 'usage events not written');
        },
      )
      .finally(() => {
        this.writing = false;
      });
  }

  /** Writes what is queued (and rolls up when it is time, or when asked); one writer at a time. */
  flush(rollUp = false): Promise<void> {
    const run = this.chain.then(async () => {
      const batch = this.queue;
      this.queue = [];
      if (batch.length) await insertUsageEvents(this.db, batch);
      if (rollUp || Date.now() - this.lastRollup > ROLLUP_EVERY_MS) {
        this.lastRollup = Date.now();
        await rollUpUsage(this.db);
      }
    });
    this.chain = run.catch(() => {});
    return run;
  }
}

const recorders = new WeakMap<Db, UsageRecorder>();

/** The recorder of a database (one per process and database). */
export function usageRecorder(db: Db, log?: Logger): UsageRecorder {
  let r = recorders.get(db);
  if (!r) recorders.set(db, (r = new UsageRecorder(db, log)));
  return r;
}

/** Writes every queued event and rolls up: what a report reads is then current. */
export function usageUpToDate(db: Db): Promise<void> {
  return usageRecorder(db).flush(true);
}
