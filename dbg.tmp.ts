import { openDb } from './src/db/db.ts';
import { migrate } from './src/db/migrate.ts';
import { evaluate, loadEvalCorpus } from './src/search/eval/evaluate.ts';
const db = await openDb({ pgliteDir: 'memory://' });
await migrate(db); await loadEvalCorpus(db);
for (const r of await evaluate(db)) if (r.rank !== 1) console.log(r.kind, "|", r.q, "|", r.rank, "|", r.relevant.slice(0,2).join(" "), "|", r.top.slice(0, 3).join(" "));
await db.close();
