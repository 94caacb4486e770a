// `kitap migrate`.
import { UsageError, type Command } from '../cli/command.ts';
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
