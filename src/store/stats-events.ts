// Usage events (migration 0030): written in batches by the recorder and by `kitap stats import-log`.
import type { Db } from '../db/db.ts';

/** One request a person made: an item page (slug) or a file (fileId); the visitor is already a salted hash. */
export interface UsageEvent {
  at: Date;
  visitor: string;
  slug: string | null;
  fileId: number | null;
  partial: boolean;
  country: string | null;
  /** An imported log line's hash, so that a second import adds nothing; null for live events. */
  source: string | null;
}

const CHUNK = 5000;

/**
 * Writes events, finding each one's publication by slug or by file, and marks their days for the rollup.
 * Events of an unknown slug or file, or a source already written, are left out. Returns the rows written.
 */
export async function insertUsageEvents(db: Db, events: UsageEvent[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < events.length; i += CHUNK) {
    const part = events.slice(i, i + CHUNK);
    const row = await db.one<{ n: number }>(
      `with ins as (
         insert into stats_events (at, visitor, publication_id, file_id, partial, country, source)
         select e.at, e.visitor, coalesce(p.id, f.publication_id), e.file_id, e.partial, e.country, e.source
           from unnest($1::timestamptz[], $2::text[], $3::text[], $4::int[], $5::bool[], $6::text[], $7::text[])
                  as e(at, visitor, slug, file_id, partial, country, source)
           left join publications p on p.slug = e.slug
           left join files f on f.id = e.file_id
          where coalesce(p.id, f.publication_id) is not null
         on conflict (source) where source is not null do nothing
         returning at
       ), days as (
         insert into stats_dirty_days (day)
         select distinct (at at time zone 'UTC')::date from ins
         on conflict do nothing
       )
       select count(*)::int as n from ins`,
      [
        part.map((e) => e.at.toISOString()),
        part.map((e) => e.visitor),
        part.map((e) => e.slug),
        part.map((e) => e.fileId),
        part.map((e) => e.partial),
        part.map((e) => e.country),
        part.map((e) => e.source),
      ],
    );
    written += row?.n ?? 0;
  }
  return written;
}
