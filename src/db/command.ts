// `kitap migrate` and `kitap load-demo`.
import { UsageError, type Command } from '../cli/command.ts';
import { loadCatalogue, readCatalogue } from '../demo/load.ts';
import { openRuntime } from '../runtime.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: 'kitap migrate\n\nApplies the numbered SQL migrations the database lacks (serve does this too, at start).',
  async run(args) {
    if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
    const { db } = await openRuntime();
    await db.close();
    process.stdout.write('database is up to date\n');
    return 0;
  },
};

export const loadDemoCommand: Command = {
  name: 'load-demo',
  summary: 'load the demo catalogue (skips publications already there)',
  usage: 'kitap load-demo\n\nLoads the demo catalogue: the publications of the old IOM Central Asia page. Publications whose slug exists are left alone.',
  async run(args) {
    if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
    const { db } = await openRuntime();
    try {
      const r = await loadCatalogue(db, readCatalogue());
      process.stdout.write(`demo catalogue: ${r.created} created, ${r.skipped} already there\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
