// The import itself: the ticked rows as drafts through the one write path, each with its history row naming
// the source, in one transaction; relations only between records of the same import.
import type { Db } from '../../db/db.ts';
import { createRecorded } from '../../history/record.ts';
import { addRelation } from '../../store/publications.ts';
import { rowInput, type StagedRow } from './rows.ts';

/** Creates the ticked rows as drafts recorded as imported by userId from source; returns what was made. */
export async function importRows(
  t: Db,
  rows: StagedRow[],
  userId: number,
  source: string,
): Promise<Array<{ row: number; slug: string; title: string }>> {
  const made: Array<{ row: number; slug: string; title: string; id: number }> = [];
  const slugOfKey = new Map<string, string>();
  for (const row of rows.filter((r) => r.include)) {
    const input = { ...rowInput(row), relations: [] };
    const { id, slug } = await createRecorded(t, input, userId, null, 'imported', source);
    slugOfKey.set(row.record.key, slug);
    made.push({ row: row.n, slug, title: row.record.title, id });
  }
  for (const m of made) {
    const row = rows.find((r) => r.n === m.row)!;
    for (const rel of row.record.relations) {
      const target = slugOfKey.get(rel.target);
      if (target) await addRelation(t, m.id, rel.type, target);
    }
  }
  return made.map(({ id: _id, ...m }) => m);
}
