// Loading table rows back, shared by `restore FILE` (an export) and `restore DIR` (a backup): rows go in
// with json_populate_recordset, whatever their columns; afterwards the id sequences continue past the
// largest id and the search index is built again (it is never dumped).
// The one place outside src/store/ with SQL of its own, with export.ts and the backup's dump: an archive is
// a dump of whole tables (src/archive/tables.ts lists them).
import type { Db } from '../db/db.ts';
import { ensureSearchData, indexAllPublications } from '../store/search.ts';

/** Inserts rows (JSON objects, one per row) into a table; call it as often as needed, then finishLoading. */
export async function insertRows(t: Db, table: string, rows: unknown[] | string): Promise<void> {
  if (typeof rows !== 'string' && !rows.length) return;
  await t.query(`insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`, [
    typeof rows === 'string' ? rows : JSON.stringify(rows),
  ]);
}

/** The number of rows in all these tables together (those that exist): 0 for an empty catalogue. */
export async function rowsIn(db: Db, all: readonly string[]): Promise<number> {
  const tables = (
    await db.query<{ t: string }>('select t from unnest($1::text[]) as t where to_regclass(t) is not null', [all])
  ).map((r) => r.t);
  if (!tables.length) return 0;
  return (await db.one<{ n: number }>(
    `select (${tables.map((t) => `(select count(*) from ${t})`).join(' + ')})::int as n`,
  ))!.n;
}

/** After the rows are in: each table's id sequence past its largest id, and the search index built again. */
export async function finishLoading(t: Db, tables: readonly string[]): Promise<void> {
  await resetSequences(t, tables);
  await rebuildSearch(t);
}

/** Each table's id sequence continues past its largest id. */
export async function resetSequences(t: Db, tables: readonly string[]): Promise<void> {
  for (const name of tables) {
    const seq = await t.one<{ s: string | null }>(
      `select pg_get_serial_sequence($1, 'id') as s where exists (select 1 from information_schema.columns where table_name = $1 and column_name = 'id')`,
      [name],
    );
    if (seq?.s)
      await t.query(
        `select setval($1, greatest((select max(id) from ${name}), 1), (select count(*) > 0 from ${name}))`,
        [seq.s],
      );
  }
}

/** The search index, which is never archived nor backed up, built again from the records. */
export async function rebuildSearch(t: Db): Promise<void> {
  // The search index is not archived: it is built again, with this version's thesaurus and stemmers —
  // after the thesaurus labels are loaded, else no concept lexemes (topic facets, cross-language matches) —
  // and the lexicon's script-neutral keys, which an archive from before migration 0080 lacks.
  await t.query('update search_words set skel = kitap_skeleton(word) where skel is null');
  if (!(await ensureSearchData(t))) await indexAllPublications(t);
}
