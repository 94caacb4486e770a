// `npm run eval:search`: the judged queries on a fresh embedded database; prints success@5, MRR and page accuracy by kind.
// `--misses` also lists the queries that found no relevant publication in the first five.
import { openDb } from '../../db/db.ts';
import { migrate } from '../../db/migrate.ts';
import { evaluate, loadEvalCorpus, scoresByKind } from './evaluate.ts';

const db = await openDb({ pgliteDir: 'memory://' });
try {
  await migrate(db);
  await loadEvalCorpus(db);
  const started = performance.now();
  const results = await evaluate(db);
  const ms = (performance.now() - started) / results.length;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
  console.log(`kind           queries  success@5     MRR     page`);
  for (const [kind, s] of scoresByKind(results)) {
    console.log(
      `${kind.padEnd(15)}${String(s.queries).padStart(7)}  ${pct(s.success5)}   ${s.mrr.toFixed(3)}  ${s.pageAccuracy === null ? '      –' : pct(s.pageAccuracy)}`,
    );
  }
  console.log(`(${ms.toFixed(1)} ms a query on PGlite)`);
  if (process.argv.includes('--misses')) {
    for (const r of results.filter((x) => x.rank === null || x.rank > 5))
      console.log(`miss [${r.kind}] ${r.q} → ${r.top.slice(0, 5).join(', ') || '(nothing)'}`);
    for (const r of results.filter(
      (x) => x.page !== undefined && x.rank !== null && x.rank <= 5 && x.hitPage !== x.page,
    ))
      console.log(`wrong page [${r.kind}] ${r.q} → p. ${r.hitPage ?? '(none)'}, not ${r.page}`);
  }
} finally {
  await db.close();
}
