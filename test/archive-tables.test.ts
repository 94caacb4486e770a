// Every table of the schema is either archived or deliberately left out: a new table cannot be forgotten by export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARCHIVE_TABLES, NOT_ARCHIVED } from '../src/archive/tables.ts';
import { openTestApp } from './helpers.ts';

test('the archive covers every table', async () => {
  const t = (await openTestApp('pglite'))!;
  try {
    const tables = (
      await t.db.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
      )
    )
      .map((r) => r.table_name)
      .sort();
    assert.deepEqual(tables, [...ARCHIVE_TABLES, ...NOT_ARCHIVED].sort());
  } finally {
    await t.close();
  }
});
