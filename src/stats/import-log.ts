// `kitap stats import-log`: the old site's access logs counted by the same rules as live reading, with the
// log's own timestamps. Each line is written with its hash as the event's source, so a log imported twice
// (or two rotated logs that overlap) counts nothing twice.
import { createHash } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { rollUpUsage } from '../store/stats-daily.ts';
import { insertUsageEvents, type UsageEvent } from '../store/stats-events.ts';
import { parseLogLine, usageTarget } from './access-log.ts';
import { countryOf } from './country.ts';
import { isRobot } from './robots.ts';
import { DailySalts, visitorOf } from './visitor.ts';

export interface ImportReport {
  lines: number;
  malformed: number;
  robots: number;
  other: number;
  events: number;
  written: number;
}

const BATCH = 5000;

/** Reads log lines, counts what they asked for, writes the events in batches and rolls up the days. */
export async function importAccessLog(
  db: Db,
  lines: AsyncIterable<string>,
  mapping: Map<string, string>,
): Promise<ImportReport> {
  const report: ImportReport = { lines: 0, malformed: 0, robots: 0, other: 0, events: 0, written: 0 };
  // One salt per day of the log, kept only while this import runs.
  const salts = new DailySalts(Number.POSITIVE_INFINITY);
  let batch: UsageEvent[] = [];
  for await (const line of lines) {
    if (!line.trim()) continue;
    report.lines++;
    const l = parseLogLine(line);
    if (!l) {
      report.malformed++;
      continue;
    }
    const path = mapping.get(l.path) ?? mapping.get(l.path.split('?')[0]!) ?? l.path;
    const target = usageTarget(path);
    if (!target || l.method !== 'GET' || ![200, 206, 304].includes(l.status)) {
      report.other++;
      continue;
    }
    if (isRobot(l.agent)) {
      report.robots++;
      continue;
    }
    report.events++;
    batch.push({
      at: l.at,
      visitor: visitorOf(salts.of(l.at), l.address, l.agent),
      slug: 'slug' in target ? target.slug : null,
      fileId: 'fileId' in target ? target.fileId : null,
      partial: l.status === 206 && 'fileId' in target,
      country: countryOf(l.address),
      source: createHash('sha256').update(line).digest('base64url'),
    });
    if (batch.length >= BATCH) {
      report.written += await insertUsageEvents(db, batch);
      batch = [];
    }
  }
  report.written += await insertUsageEvents(db, batch);
  await rollUpUsage(db);
  return report;
}
