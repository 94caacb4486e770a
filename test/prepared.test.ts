// Prepared statements (src/db/db.ts): the same rows as the statement sent as text, with the same type parsing,
// on both databases; on PGlite, still answered after the session lost the statement or its table changed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Db, prepared } from '../src/db/db.ts';
import { BACKENDS, openTestApp, type TestApp } from './helpers.ts';

const ROW = prepared(
  'test_row',
  `select n, n::bigint * 3 as big, date '2020-02-29' + n as day, jsonb_build_object('n', n) as doc, $2::text as label
     from generate_series(1, 3) n where n = $1`,
);

for (const backend of BACKENDS) {
  describe(`prepared statements on ${backend}`, () => {
    let t: TestApp | null;
    let db: Db;
    before(async () => {
      t = await openTestApp(backend);
      if (t) db = t.db;
    });
    after(() => t?.close());

    test('the same rows as the text, run after run, with other parameters', async (c) => {
      if (!t) return c.skip('no PostgreSQL server');
      // More runs than PostgreSQL's five custom plans, so that its generic plan answers too.
      for (let i = 0; i < 8; i++) {
        const n = (i % 3) + 1;
        const label = `run ${i} «ü»`;
        assert.deepEqual(await db.query(ROW, [n, label]), await db.query(ROW.text, [n, label]));
      }
      assert.deepEqual(await db.one(ROW, [2, null]), {
        n: 2,
        big: 6,
        day: '2020-03-02',
        doc: { n: 2 },
        label: null,
      });
      assert.equal(await db.one(ROW, [9, 'x']), null);
    });

    test('inside a transaction', async (c) => {
      if (!t) return c.skip('no PostgreSQL server');
      const row = await db.tx((tx) => tx.one<{ label: string }>(ROW, [1, 'in tx']));
      assert.equal(row?.label, 'in tx');
    });

    test('an error in the statement is the database error, and the next run answers', async (c) => {
      if (!t) return c.skip('no PostgreSQL server');
      const bad = prepared('test_bad', 'select 1 / $1::int as q');
      await assert.rejects(db.one(bad, [0]), /division by zero/);
      assert.deepEqual(await db.one(bad, [1]), { q: 1 });
    });

    test('the session lost the statement (DEALLOCATE ALL), or its table changed: answered again', async (c) => {
      if (!t) return c.skip('no PostgreSQL server');
      if (backend !== 'pglite') return c.skip('PGlite only: pg keeps its own statement cache per connection');
      await db.exec('create table prepared_probe (a int, b text); insert into prepared_probe values (1, $$one$$)');
      const probe = prepared('test_probe', 'select * from prepared_probe where a = $1');
      assert.deepEqual(await db.one(probe, [1]), { a: 1, b: 'one' });
      await db.exec('deallocate all');
      assert.deepEqual(await db.one(probe, [1]), { a: 1, b: 'one' });
      await db.exec('alter table prepared_probe add column c int default 7');
      assert.deepEqual(await db.one(probe, [1]), { a: 1, b: 'one', c: 7 });
    });
  });
}
