// `npm run bench [-- --publications N --count N --concurrency N --max-seconds N --db pglite|postgres|both
// --static auto|nginx|node --no-vacuum --no-write]`:
// a synthetic catalogue, the real server as a child process, loopback load on its pages (item pages: every slug
// uniformly, first renders, 50 popular ones) and the same bytes from a bare node:http server (and nginx), the
// server's memory and CPU per request; a table on stdout and bench/RESULTS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDb } from '../src/db/db.ts';
import { createPgDatabase, PG_ADMIN_URL, postgresAvailable } from '../test/helpers.ts';
import { fetchRaw, nginxPath, startBaseline } from './baseline.ts';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';
import {
  BROWSE_FIRST_RENDER,
  describeMachine,
  ITEM_EVERY_SLUG,
  ITEM_FIRST_RENDER,
  ITEM_POPULAR,
  markdown,
  printRun,
  writeResults,
  type DbRun,
} from './report.ts';
import { cpuSecondsOf, memoryOf, sampleMemory, startKitap } from './server.ts';
import { loadSynthetic, prng } from './synthetic.ts';

const { values: opt } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    publications: { type: 'string', default: '10000' },
    db: { type: 'string', default: 'both' },
    concurrency: { type: 'string', default: '8' },
    'max-seconds': { type: 'string', default: '120' },
    static: { type: 'string', default: 'auto' },
    'no-vacuum': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const count = Number(opt.count);
const publications = Number(opt.publications);
const concurrency = Number(opt.concurrency);
const maxSeconds = Number(opt['max-seconds']);
if (![count, publications, concurrency, maxSeconds].every((n) => Number.isInteger(n) && n > 0))
  throw new Error('--count, --publications, --concurrency and --max-seconds take positive integers');
if (!['pglite', 'postgres', 'both'].includes(opt.db!)) throw new Error('--db takes pglite, postgres or both');
if (!['auto', 'nginx', 'node'].includes(opt.static!))
  throw new Error('--static takes auto (node:http, and nginx when installed), nginx (both) or node (node:http only)');
if (opt.static === 'nginx' && !nginxPath())
  throw new Error('--static nginx: nginx is not installed (apt-get install nginx-light)');
/** The static servers measured beside Kitap: a bare node:http server always, nginx when installed. */
const statics: Array<'node' | 'nginx'> = opt.static !== 'node' && nginxPath() ? ['node', 'nginx'] : ['node'];
const warmup = Math.min(500, Math.max(50, Math.round(count / 5)));

/** Warm-up, then the measured load; cpuMs is the CPU time per request that process `pid` spent on it. */
async function measure(
  origin: string,
  pathOf: LoadOptions['path'],
  pid?: number,
  n = count,
): Promise<{ result: LoadResult; cpuMs: number }> {
  await runLoad({ origin, path: pathOf, count: warmup, concurrency, maxSeconds });
  const cpuBefore = pid ? cpuSecondsOf(pid) : NaN;
  const result = await runLoad({ origin, path: pathOf, count: n, concurrency, maxSeconds });
  return { result, cpuMs: ((cpuSecondsOf(pid ?? 0) - cpuBefore) * 1000) / result.requests };
}
const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Loads the catalogue into a fresh database of the kind, serves it, and measures. */
async function benchDb(kind: DbRun['db']): Promise<DbRun> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-bench-'));
  let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;
  try {
    if (kind === 'postgres') pgDb = await createPgDatabase();
    process.stdout.write(`${kind}: loading ${publications} publications… `);
    const db = await openDb(pgDb ? { databaseUrl: pgDb.url } : { pgliteDir: path.join(dataDir, 'pglite') });
    const loaded = await loadSynthetic(db, publications, {
      vacuum: !opt['no-vacuum'],
      onProgress: (done) => {
        if (done % 2000 === 0) process.stdout.write(`${done} `);
      },
    }).finally(() => db.close());
    console.log(
      `${loaded.seconds.toFixed(1)} s${loaded.vacuumSeconds === null ? '' : `, vacuum analyze ${loaded.vacuumSeconds.toFixed(1)} s`}`,
    );

    const server = await startKitap({ DATA_DIR: dataDir, ...(pgDb ? { DATABASE_URL: pgDb.url } : {}) });
    const idle = memoryOf(server.pid)?.rss ?? NaN;
    const loadBefore = loadAverage();
    const sampler = sampleMemory(server.pid);
    try {
      const slugs = loaded.publishedSlugs;
      const r = prng(7);
      const endpoints: DbRun['endpoints'] = [];
      // The slugs asked for so far: the first-render row walks the others, pages nothing has rendered yet (as
      // many requests as there are such slugs, up to --count).
      const asked = new Set<string>();
      const item = (slug: string) => {
        asked.add(slug);
        return `/publications/${slug}`;
      };
      let unasked: string[] = [];
      // Browse addresses nothing has asked for (a year range, an order, an interface language), in a seeded order:
      // each is rendered, where the browse row's one address is served from memory after its first request.
      const browseAddresses: string[] = [];
      for (const lang of ['', '/ru', '/kk'])
        for (const sort of ['newest', 'oldest', 'title'])
          for (let from = 1990; from <= 2025; from++)
            for (let to = from; to <= 2025; to++)
              browseAddresses.push(`${lang}/publications?year_from=${from}&year_to=${to}&sort=${sort}`);
      for (let i = browseAddresses.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [browseAddresses[i], browseAddresses[j]] = [browseAddresses[j]!, browseAddresses[i]!];
      }
      const pages: Array<[string, string, LoadOptions['path']]> = [
        ['home', '/', () => '/'],
        ['browse', '/publications?language=ru&kind=report', () => '/publications?language=ru&kind=report'],
        [
          ITEM_EVERY_SLUG,
          `/publications/<${slugs.length} slugs, uniform random>`,
          () => item(slugs[Math.floor(r() * slugs.length)]!),
        ],
        [
          ITEM_FIRST_RENDER,
          '/publications/<a slug not asked for before>',
          () => {
            if (!unasked.length) unasked = slugs.filter((s) => !asked.has(s));
            return item(unasked.pop()!);
          },
        ],
        // Readers do not spread evenly: most read a few publications, which are then served from memory.
        [
          ITEM_POPULAR,
          '/publications/<50 slugs, random>',
          () => item(slugs[Math.floor(r() * Math.min(50, slugs.length))]!),
        ],
        ['API list', '/api/v1/publications?per_page=20&year=2019', () => '/api/v1/publications?per_page=20&year=2019'],
        // Last, so that the 2,400 pages it renders and keeps do not change the heap the rows above are measured on.
        [
          BROWSE_FIRST_RENDER,
          '/publications?year_from=…&year_to=…&sort=… (not asked for before)',
          () => browseAddresses.pop()!,
        ],
      ];
      for (const [name, shown, pathOf] of pages) {
        process.stdout.write(`${kind}: ${name}… `);
        const n =
          name === ITEM_FIRST_RENDER
            ? Math.min(count, slugs.length - asked.size - warmup)
            : name === BROWSE_FIRST_RENDER
              ? Math.min(count, browseAddresses.length - warmup)
              : count;
        endpoints.push({ name, path: shown, ...(await measure(server.origin, pathOf, server.pid, n)) });
        const res = endpoints.at(-1)!.result;
        console.log(
          `${res.rps.toFixed(0)} req/s, p99 ${res.p99.toFixed(1)} ms${res.errors ? `, ${res.errors} errors (${res.firstError})` : ''}`,
        );
      }
      // The same bytes as a popular item page, with the same headers, from servers that do nothing else: a bare
      // node:http server always, nginx too when installed, each measured in this run.
      const sample = await fetchRaw(`${server.origin}/publications/${slugs[0]}`);
      const baselines: DbRun['baselines'] = [];
      for (const which of statics) {
        const baseline = await startBaseline(sample.body, sample.headers, which);
        try {
          process.stdout.write(`${kind}: ${baseline.name}… `);
          baselines.push({
            name: baseline.name,
            result: (await measure(new URL(baseline.url).origin, () => '/item')).result,
          });
          console.log(`${baselines.at(-1)!.result.rps.toFixed(0)} req/s`);
        } finally {
          await baseline.stop();
        }
      }
      return {
        db: kind,
        loadSeconds: loaded.seconds,
        vacuumSeconds: loaded.vacuumSeconds,
        publications,
        endpoints,
        baselines,
        memory: { idle, ...sampler.stop() },
        loadAverage: [loadBefore, loadAverage()],
      };
    } finally {
      sampler.stop();
      await server.stop();
    }
  } finally {
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgresVersion(): Promise<string> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return (await c.query<{ v: string }>("select split_part(version(), ' on ', 1) as v")).rows[0]!.v;
  } finally {
    await c.end();
  }
}

const kinds: Array<DbRun['db']> = opt.db === 'both' ? ['pglite', 'postgres'] : [opt.db as DbRun['db']];
if (kinds.includes('postgres') && !(await postgresAvailable())) {
  if (opt.db === 'postgres') throw new Error(`no PostgreSQL server at ${PG_ADMIN_URL} (set TEST_DATABASE_URL)`);
  kinds.splice(kinds.indexOf('postgres'), 1);
}
const machine = describeMachine(kinds.includes('postgres') ? await postgresVersion() : null);
console.log(machine.join('\n'));
const runs: DbRun[] = [];
const failed: string[] = [];
for (const kind of kinds) {
  // One database failing (say, a half-written migration in the tree) still leaves the other's figures.
  try {
    runs.push(await benchDb(kind));
    printRun(runs.at(-1)!);
  } catch (err) {
    failed.push(kind);
    console.error(`\n${kind}: the run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}
const options = `--publications ${publications} --count ${count} --concurrency ${concurrency} --max-seconds ${maxSeconds} --db ${opt.db}${opt.static !== 'auto' ? ` --static ${opt.static}` : ''}${opt['no-vacuum'] ? ' --no-vacuum' : ''}`;
if (failed.length) {
  console.error(`\nnot writing bench/RESULTS.md: the ${failed.join(' and ')} run failed`);
  process.exitCode = 1;
} else if (!opt['no-write']) {
  writeResults(
    new URL('./RESULTS.md', import.meta.url).pathname,
    markdown({ date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', options, machine, runs }),
  );
  console.log('\nwrote bench/RESULTS.md');
}
