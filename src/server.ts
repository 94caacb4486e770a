// `kitap serve`: migrate, load the demo catalogue on a first start, listen, and close cleanly on a signal.
import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';
import type { Command } from './cli/command.ts';
import { loadCatalogue, queueSampleFiles, readCatalogue } from './demo/load.ts';
import { IngestWorker, sweepOrphanBlobs } from './ingest/jobs.ts';
import { dictionary } from './search/dictionary.ts';
import { openRuntime } from './runtime.ts';
import { publicationCount } from './store/publications.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the library over HTTP (PORT, default 3000)',
  usage: `kitap serve

Serves the library on PORT (default 3000). On a first start with an empty catalogue it loads the
demo catalogue (set LOAD_DEMO=never to start empty). Stops cleanly on SIGINT or SIGTERM.`,
  async run(args) {
    if (args.length) throw new (await import('./cli/command.ts')).UsageError(`unexpected argument: ${args[0]}`);
    const deps = await openRuntime();
    const { db, config, log } = deps;
    if (config.LOAD_DEMO === 'auto' && (await publicationCount(db)) === 0) {
      const { created } = await loadCatalogue(db, readCatalogue());
      // PGlite runs no autovacuum: give the planner its statistics after the bulk load.
      await db.exec('vacuum analyze');
      // The sample PDFs are read by the ingest worker once the server is up.
      const jobs = await queueSampleFiles(deps);
      log.info({ created, sampleFiles: jobs.length }, 'demo catalogue loaded');
    }
    const removed = await sweepOrphanBlobs(db, deps.files);
    if (removed.length) log.info({ removed: removed.length }, 'orphan blobs removed from the file store');
    // Unfinished ingest jobs (a restart after a crash) are picked up first, then new ones as they come.
    const worker = new IngestWorker(deps);
    worker.start();
    // The English-Russian dictionaries search translates with are read now rather than by the first query (about a second).
    log.info({ headwords: dictionary().size }, 'search dictionaries read');
    const app = buildApp({ ...deps, ingest: worker });
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
      log.info({ port: info.port, database: db.kind }, `Kitap listening on http://localhost:${info.port}`);
    });
    await new Promise<void>((resolve) => {
      const stop = () => {
        log.info('shutting down');
        server.close(() => resolve());
        setTimeout(resolve, 5000).unref();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await worker.stop();
    await db.close();
    return 0;
  },
};
