// Values in search_state that change whenever what they stand for changes ('version' of the search index,
// 'facets': see migrations 0010 and 0015). A search compares 'facets' with the facet index it holds in memory
// (reading it in its own statement); item pages follow notifications instead (migration 0083).
import type { Db } from '../db/db.ts';

export type StateKey = 'version' | 'facets';

/** The current value ('' before anything set it). */
export async function stateValue(db: Db, key: StateKey): Promise<string> {
  return (await db.one<{ value: string }>('select value from search_state where key = $1', [key]))?.value ?? '';
}

/** The same as an SQL expression, to read in the statement whose results it labels. */
export const stateValueSql = (key: StateKey) => `coalesce((select value from search_state where key = '${key}'), '')`;
