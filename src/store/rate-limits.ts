// Fixed-window counters kept in the database, so every process of one library shares them.
// Keys are hashes (of an address, an account): the table never holds a raw IP address.
import { createHash } from 'node:crypto';
import type { Db } from '../db/db.ts';

export interface Limit {
  bucket: string;
  key: string;
  max: number;
  windowSeconds: number;
}

/** The key under which a value is counted: sha256, so the raw value is never stored. */
export const limitKey = (value: string) => createHash('sha256').update(`kitap-limit:${value}`).digest('hex');

/** Seconds until the limit lets a request through again, or 0 when it does now. */
export async function retryAfter(db: Db, l: Limit): Promise<number> {
  const row = await db.one<{ wait: number }>(
    `select ceil(extract(epoch from window_start + $3 * interval '1 second' - now()))::int as wait
       from rate_limits where bucket = $1 and key = $2 and hits >= $4 and window_start > now() - $3 * interval '1 second'`,
    [l.bucket, l.key, l.windowSeconds, l.max],
  );
  return row ? Math.max(1, row.wait) : 0;
}

/** Counts one hit; returns the hits in the current window (a window older than windowSeconds starts again). */
export async function hit(db: Db, l: Limit): Promise<number> {
  const row = await db.one<{ hits: number }>(
    `insert into rate_limits (bucket, key, window_start, hits) values ($1, $2, now(), 1)
     on conflict (bucket, key) do update set
       hits = case when rate_limits.window_start <= now() - $3 * interval '1 second' then 1 else rate_limits.hits + 1 end,
       window_start = case when rate_limits.window_start <= now() - $3 * interval '1 second' then now() else rate_limits.window_start end
     returning hits`,
    [l.bucket, l.key, l.windowSeconds],
  );
  return row!.hits;
}

/**
 * Takes one hit if the window has room for it, in one statement: requests that arrive together (in
 * one process or several) cannot all pass a check made before their hits are counted. Returns whether
 * the hit was taken; the caller does its work only then, and may give the hit back with `release`.
 */
export async function reserve(db: Db, l: Limit): Promise<boolean> {
  // ON CONFLICT DO UPDATE locks the row and evaluates its WHERE on the newest version, so of N
  // concurrent reservations exactly max - hits succeed.
  const row = await db.one<{ hits: number }>(
    `insert into rate_limits (bucket, key, window_start, hits) values ($1, $2, now(), 1)
     on conflict (bucket, key) do update set
       hits = case when rate_limits.window_start <= now() - $3 * interval '1 second' then 1 else rate_limits.hits + 1 end,
       window_start = case when rate_limits.window_start <= now() - $3 * interval '1 second' then now() else rate_limits.window_start end
     where rate_limits.window_start <= now() - $3 * interval '1 second' or rate_limits.hits < $4
     returning hits`,
    [l.bucket, l.key, l.windowSeconds, l.max],
  );
  return row !== null && row.hits <= l.max;
}

/** Gives back one hit taken by `reserve` (a request that turned out not to count). */
export async function release(db: Db, l: Limit): Promise<void> {
  await db.query('update rate_limits set hits = greatest(hits - 1, 0) where bucket = $1 and key = $2', [
    l.bucket,
    l.key,
  ]);
}

/** Forgets a key's hits (a successful login clears its account's failures). */
export async function clearHits(db: Db, bucket: string, key: string): Promise<void> {
  await db.query('delete from rate_limits where bucket = $1 and key = $2', [bucket, key]);
}

/** Removes counters whose window ended long ago. */
export async function purgeOldHits(db: Db): Promise<void> {
  await db.query("delete from rate_limits where window_start < now() - interval '1 day'");
}
