// The daily rollup of usage events (migration 0030), where the COUNTER R5.1 rules are applied, so that
// live events and imported logs are counted alike (Code of Practice §7: double clicks, sessions, §3.3.5).
// The monthly rollups the reports read follow stats_daily by triggers (migration 0041).
import type { Db } from '../db/db.ts';

/**
 * One day's counts from its events:
 * - a double click: an event of the same visitor, item and file (or item page) within 30 seconds of the
 *   previous one is not counted (the last of a chain stands for it, as COUNTER removes the first of a pair);
 * - a byte range that does not start at 0 continues a download: not counted when the same visitor asked for
 *   the same file within the hour before;
 * - a session is a visitor within one clock hour; a unique item investigation or request is the first one of
 *   each session and item (a request is an investigation too).
 */
const ROLLUP_DAY = `
  with e as (
    select id, at, visitor, publication_id, file_id, partial, country,
           lag(at) over (partition by visitor, publication_id, coalesce(file_id, 0) order by at, id) as prev
      from stats_events
     where at >= ($1::date)::timestamp at time zone 'UTC' and at < ($1::date + 1)::timestamp at time zone 'UTC'
  ), counted as (
    select *, date_trunc('hour', at at time zone 'UTC') as hour from e
     where prev is null or (at - prev > interval '30 seconds' and not (partial and at - prev <= interval '1 hour'))
  ), marked as (
    select *,
           row_number() over (partition by visitor, hour, publication_id order by at, id) = 1 as first_look,
           row_number() over (partition by visitor, hour, publication_id, file_id is null order by at, id) = 1 as first_of_kind
      from counted
  )
  insert into stats_daily (day, publication_id, file_id, country, investigations, unique_investigations, requests, unique_requests)
  select $1::date, publication_id, coalesce(file_id, 0), coalesce(country, ''),
         count(*), count(*) filter (where first_look),
         count(file_id), count(*) filter (where file_id is not null and first_of_kind)
    from marked
   group by publication_id, coalesce(file_id, 0), coalesce(country, '')`;

/**
 * Rolls up every day with new events; the monthly rollups follow by triggers (migration 0041). Returns the days
 * done ('YYYY-MM-DD').
 */
export async function rollUpUsage(db: Db): Promise<string[]> {
  const days = (await db.query<{ day: string }>('select day from stats_dirty_days order by day')).map((r) => r.day);
  for (const day of days) {
    await db.tx(async (t) => {
      // The mark goes first: events a writer adds meanwhile mark the day again, for the next rollup.
      await t.query('delete from stats_dirty_days where day = $1', [day]);
      await t.query('delete from stats_daily where day = $1', [day]);
      await t.query(ROLLUP_DAY, [day]);
    });
  }
  return days;
}
