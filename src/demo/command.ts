// `kitap load-demo`, and `kitap demo remove`, which takes the demo out before a library goes into production (issue 18).
import { UsageError, type Command } from '../cli/command.ts';
import { commandIngestJob } from '../ingest/jobs.ts';
import { openRuntime } from '../runtime.ts';
import { removeDemoRecords } from '../store/demo-removal.ts';
import { loadCatalogue, queueSampleFiles, readCatalogue } from './load.ts';

export const loadDemoCommand: Command = {
  name: 'load-demo',
  summary: 'load the demo catalogue (skips publications already there)',
  usage:
    'kitap load-demo\n\nLoads the demo catalogue: the publications of the old IOM Central Asia page, and generated sample PDFs\n(English, Russian, Kazakh) on three of them. Publications whose slug exists are left alone.',
  async run(args) {
    if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
    const deps = await openRuntime();
    const { db } = deps;
    try {
      const r = await loadCatalogue(db, readCatalogue());
      process.stdout.write(`demo catalogue: ${r.created} created, ${r.skipped} already there\n`);
      for (const id of await queueSampleFiles(deps)) {
        const job = await commandIngestJob(deps, id);
        process.stdout.write(
          `sample file ${job.original_name}: ${job.state === 'done' ? `${job.progress_total} pages` : job.error}\n`,
        );
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const demoCommand: Command = {
  name: 'demo',
  summary: 'remove the demo catalogue and its sample files (demo remove)',
  usage: `kitap demo remove

Deletes the publications of the demo catalogue (by their slugs, edited or not) with their files, history and
links, the organisations, people, projects and topics only they named, and the sample files' bytes. Records
staff made are left alone. There is no undo: export first (kitap export) to keep a copy.
To start a production library without the demo at all, set LOAD_DEMO=never before the first start.`,
  async run(args) {
    if (args.length !== 1 || args[0] !== 'remove')
      throw new UsageError(args.length ? `unknown sub-command: ${args.join(' ')}` : 'say what to do: demo remove');
    const catalogue = readCatalogue();
    const { db, files } = await openRuntime();
    try {
      const r = await removeDemoRecords(
        db,
        catalogue.publications.map((p) => p.slug),
        catalogue.topics.map((t) => t.slug),
      );
      let removed = 0;
      for (const sha of r.blobs) {
        if (await files.exists(sha)) removed++;
        await files.delete(sha);
      }
      process.stdout.write(
        `demo catalogue removed: ${r.publications} publications, ${r.entities} organisations, people, projects and topics, ${removed} stored files\n`,
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
