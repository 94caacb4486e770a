// `kitap serve`: migrate, load the demo catalogue on a first start, listen, and close cleanly on a signal.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { buildApp } from './app.ts';
import { FixitySchedule } from './backup/schedule.ts';
import { loadConfig } from './config.ts';
import type { Command } from './cli/command.ts';
import { loadCatalogue, queueSampleFiles, readCatalogue } from './demo/load.ts';
import { IngestWorker, sweepOrphanBlobs } from './ingest/jobs.ts';
import { openRuntime } from './runtime.ts';
import { fillBoxCitations, fillPublicationDocs, publicationCount } from './store/publications.ts';
import { ensureSearchData } from './store/search.ts';
import { warmCountries } from './stats/country.ts';
import { usageRecorder } from './stats/recorder.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the library over HTTP (PORT, default 3000)',
  usage: `kitap serve

Serves the library on PORT (default 3000). On a first start with an empty catalogue it loads the
demo catalogue (set LOAD_DEMO=never to start empty). Stops cleanly on SIGINT or SIGTERM.`,
  async run(args) {
    if (args.length) throw new (await import('./cli/command.ts')).UsageError(`unexpected argument: ${args[0]}`);
    const deps = await openRuntime(loadConfig(), { serving: true });
    const { db, config, log } = deps;
    // The port is taken before anything is loaded: a port in use is one clear line and exit code 1, not an
    // unhandled EADDRINUSE after the demo was loaded. Until the app is ready, requests get 503 (not /healthz 200).
    let app: ReturnType<typeof buildApp> | null = null;
    const server = createAdaptorServer({
      fetch: (req, env) =>
        app ? app.fetch(req, env) : new Response('Starting', { status: 503, headers: { 'Retry-After': '5' } }),
      hostname: config.HOST,
    });
    // A kept-alive connection is closed after 65 s idle, not Node's 5 s: when the event loop has been busy for
    // longer than that (a big write on the embedded database, a loaded machine), the timer fires as the next
    // request arrives and the reader gets a reset connection instead of an answer. 65 s also outlasts the
    // 60 s idle timeout of nginx and most load balancers, which then close first. Headers still time out.
    Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 70_000 });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => (server.off('error', reject), resolve()));
      });
    } catch (err) {
      await db.close();
      const code = (err as NodeJS.ErrnoException).code;
      const reason =
        code === 'EADDRINUSE'
          ? 'is already in use (another server? set PORT)'
          : code === 'EACCES'
            ? 'may not be opened by this user'
            : (err as Error).message;
      process.stderr.write(`kitap serve: port ${config.PORT} on ${config.HOST} ${reason}\n`);
      return 1;
    }
    // The commands run meanwhile (kitap user add, export, import-page…) reach the embedded database here.
    const shared = await db.share?.();
    if (shared && shared.dir === null) log.warn(`database not shared with kitap commands: ${shared.reason}`);
    else if (shared) log.info({ socket: shared.dir }, 'database shared with kitap commands on a unix socket');
    if (config.LOAD_DEMO === 'auto' && (await publicationCount(db)) === 0) {
      const { created } = await loadCatalogue(db, readCatalogue());
      // PGlite runs no autovacuum: give the planner its statistics after the bulk load.
      await db.exec('vacuum analyze');
      // The sample PDFs are read by the ingest worker once the server is up.
      const jobs = await queueSampleFiles(deps);
      log.info({ created, sampleFiles: jobs.length }, 'demo catalogue loaded');
    }
    // The thesaurus labels and the index built with them (missing after a restore by an older version).
    if (await ensureSearchData(db)) log.info('search index rebuilt with the current thesaurus');
    const removed = await sweepOrphanBlobs(db, deps.files);
    if (removed.length) log.info({ removed: removed.length }, 'orphan blobs removed from the file store');
    // Unfinished ingest jobs (a restart after a crash) are picked up first, then new ones as they come.
    const worker = new IngestWorker(deps);
    worker.start();
    // Every stored file re-read now and then (FIXITY_INTERVAL_HOURS), slowly, in the background.
    const fixity = new FixitySchedule(deps);
    fixity.start();
    // The English-Russian dictionaries search translates with (some 40–70 MB) are read by the first search that
    // needs them (about a second), not here: an instance that serves item pages and browsing never holds them.
    // So is the IP-to-country table, when installed (about half a second), rather than by the first counted reader.
    log.info({ ranges: warmCountries() }, 'IP-to-country ranges read');
    // Citations stored with the record (src/cite/stored.ts) for those that lack a current one, then the records
    // as item pages read them (publication_docs), in the background.
    let stopping = false;
    const citations = fillBoxCitations(db, () => stopping)
      .then((n) => n && log.info({ publications: n }, 'citations stored'))
      .catch((err) => log.error({ err }, 'citations not stored'))
      .then(() => fillPublicationDocs(db, () => stopping))
      .then((n) => n && log.info({ publications: n }, 'item page records kept'))
      .catch((err) => log.error({ err }, 'item page records not kept'));
    app = buildApp({ ...deps, ingest: worker });
    const port = (server.address() as AddressInfo).port;
    log.info({ port, database: db.kind }, `Kitap listening on http://localhost:${port}`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        log.info('shutting down');
        server.close(() => resolve());
        setTimeout(resolve, 5000).unref();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    stopping = true;
    await citations;
    await worker.stop();
    await fixity.stop();
    await usageRecorder(db)
      .flush(true)
      .catch((err) => log.error({ err }, 'usage events not written'));
    await db.close();
    return 0;
  },
};
