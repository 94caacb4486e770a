// Which proposed rows are already in the library (the same normalised title and year, or a source address).
import type { Db } from '../../db/db.ts';
import { publicationsMatching } from '../../store/import-batches.ts';
import type { StagedRow } from './rows.ts';

/** Sets each row's `existing`; with untick, a row found in the library is no longer ticked. */
export async function markExisting(db: Db, rows: StagedRow[], untick: boolean): Promise<void> {
  const found = await publicationsMatching(
    db,
    rows.map((r) => ({
      key: r.record.key,
      title: r.record.title,
      year: r.record.year,
      urls: [...r.record.file_urls, ...(r.record.external_url ? [r.record.external_url] : [])],
    })),
  );
  rows.forEach((r, i) => {
    r.existing = found[i] ?? null;
    if (untick && r.existing) r.include = false;
  });
}
