// Search quality cannot fall silently: the judged queries must keep these floors (npm run eval:search prints the figures).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDb } from '../../db/db.ts';
import { migrate } from '../../db/migrate.ts';
import { evaluate, judgedQueries, loadEvalCorpus, scoresByKind } from './evaluate.ts';

// Measured when written: 99.0% success@5 and MRR 0.959 over 98 queries; every kind at 90% or more.
const FLOOR = { success5: 0.95, mrr: 0.9 };
const KIND_FLOOR = { success5: 0.85, mrr: 0.8 };

test('the judged query set covers every kind, 60 queries or more', () => {
  const qs = judgedQueries();
  assert.ok(qs.length >= 60, `${qs.length} queries`);
  for (const kind of ['en', 'ru', 'kk', 'ky', 'name', 'org', 'typo', 'translit', 'cross', 'fulltext']) {
    assert.ok(qs.filter((q) => q.kind === kind).length >= 4, kind);
  }
});

test('search quality stays above its floors', async () => {
  const db = await openDb({ pgliteDir: 'memory://' });
  try {
    await migrate(db);
    await loadEvalCorpus(db);
    const byKind = scoresByKind(await evaluate(db));
    const all = byKind.get('all')!;
    assert.ok(all.success5 >= FLOOR.success5, `success@5 ${all.success5}`);
    assert.ok(all.mrr >= FLOOR.mrr, `MRR ${all.mrr}`);
    for (const [kind, s] of byKind) {
      assert.ok(s.success5 >= KIND_FLOOR.success5 && s.mrr >= KIND_FLOOR.mrr, `${kind}: success@5 ${s.success5}, MRR ${s.mrr}`);
    }
  } finally {
    await db.close();
  }
});
