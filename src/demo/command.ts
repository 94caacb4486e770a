// `kitap load-demo`.
import { UsageError, type Command } from '../cli/command.ts';
import { runIngestJob } from '../ingest/jobs.ts';
import { openRuntime } from '../runtime.ts';
import { loadCatalogue, queueSampleFiles, readCatalogue } from './load.ts';

export const loadDemoCommand: Command = {
  name: 'load-demo',
  summary: 'load the demo catalogue (skips publications already there)',
  usage: 'kitap load-demo\n\nLoads the demo catalogue: the publications of the old IOM Central Asia page, and generated sample PDFs\n(English, Russian, Kazakh) on three of them. Publications whose slug exists are left alone.',
  async run(args) {
    if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
    const deps = await openRuntime();
    const { db } = deps;
    try {
      const r = await loadCatalogue(db, readCatalogue());
      process.stdout.write(`demo catalogue: ${r.created} created, ${r.skipped} already there\n`);
      for (const id of await queueSampleFiles(deps)) {
        const job = await runIngestJob(deps, id);
        process.stdout.write(`sample file ${job.original_name}: ${job.state === 'done' ? `${job.progress_total} pages` : job.error}\n`);
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
