// `npm run bench:stats`: usage statistics at scale. On a synthetic catalogue it writes N usage events (a year, items
// Zipf-like, 5 % downloads with ranges), rolls them up, times every report query (staff reports, donor report,
// COUNTER_SUSHI IR and PR), the cost of counting one request (queueing it, writing it, rolling it up), and an item
// page's median with and without a burst of counted requests. Writes its section of bench/RESULTS.md.
// Options: --events (1000000) --publications (1000) --burst (10000) --db pglite|postgres|both --no-write
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/db.ts';
import { LocalFileStore } from '../src/files/store.ts';
import { createLogger } from '../src/log.ts';
import { countryOf } from '../src/stats/country.ts';
import { UsageRecorder, usageRecorder, usageUpToDate } from '../src/stats/recorder.ts';
import { isRobot } from '../src/stats/robots.ts';
import { addFile } from '../src/store/files.ts';
import { publicationIdBySlug } from '../src/store/publications.ts';
import { rollUpUsage } from '../src/store/stats-daily.ts';
import { insertUsageEvents, type UsageEvent } from '../src/store/stats-events.ts';
import { USAGE_DIMENSIONS, usageBy, usageTotals } from '../src/store/stats-reports.ts';
import { usageByItemMonth, usageByKindMonth } from '../src/store/stats-sushi.ts';
import { createPgDatabase, postgresAvailable } from '../test/helpers.ts';
import { prng, loadSynthetic } from './synthetic.ts';

const { values: opt } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    publications: { type: 'string', default: '1000' },
    burst: { type: 'string', default: '10000' },
    db: { type: 'string', default: 'both' },
    'no-write': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(opt.events);
const BURST = Number(opt.burst);
const YEAR = 2025;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/** Events of a year: items Zipf-like, 20,000 visitors a day, a tenth of the requests downloads, some ranges. */
function* eventChunks(slugs: string[], fileIds: number[], n: number, chunk = 50_000): Generator<UsageEvent[]> {
  const r = prng(42);
  const zipf = () => Math.min(slugs.length - 1, Math.floor(slugs.length * r() ** 3));
  const start = Date.UTC(YEAR, 0, 1);
  for (let done = 0; done < n; done += chunk) {
    const out: UsageEvent[] = [];
    for (let i = 0; i < Math.min(chunk, n - done); i++) {
      const at = new Date(start + Math.floor(((done + i) / n) * 365 * 86_400_000));
      const item = zipf();
      const download = r() < 0.1;
      out.push({
        at,
        visitor: `v${Math.floor(r() * 20_000)}`,
        slug: download ? null : slugs[item]!,
        fileId: download ? fileIds[item]! : null,
        partial: download && r() < 0.2,
        country: ['KZ', 'KG', 'RU', 'UZ', 'TJ', 'US', 'GB', 'DE'][Math.floor(r() * 8)]!,
        source: null,
      });
    }
    yield out;
  }
}

async function benchOne(kind: 'pglite' | 'postgres'): Promise<string> {
  let db: Db;
  let drop = async () => {};
  if (kind === 'postgres') {
    const created = await createPgDatabase();
    db = await openDb({ databaseUrl: created.url });
    drop = created.drop;
  } else {
    db = await openDb({ pgliteDir: 'memory://' });
  }
  const lines: string[] = [];
  try {
    console.log(`${kind}: loading ${opt.publications} publications`);
    const loaded = await loadSynthetic(db, Number(opt.publications), { vacuum: true });
    const slugs = loaded.publishedSlugs;
    const fileIds: number[] = [];
    await db.tx(async (t) => {
      for (const [i, slug] of slugs.entries()) {
        fileIds.push(
          await addFile(t, (await publicationIdBySlug(t, slug))!, {
            sha256: i.toString(16).padStart(64, '0'),
            original_name: `${slug}.pdf`,
            media_type: 'application/pdf',
            size: 1000,
            language: 'en',
          }),
        );
      }
    });

    console.log(`${kind}: writing ${EVENTS} events`);
    let writeMs = 0;
    for (const chunk of eventChunks(slugs, fileIds, EVENTS))
      writeMs += (await timed(() => insertUsageEvents(db, chunk)))[1];
    const [days, rollupMs] = await timed(() => rollUpUsage(db));
    await db.exec('vacuum analyze');
    const rows = (await db.one<{ n: number }>('select count(*)::int as n from stats_daily'))!.n;
    const count = async (table: string) => (await db.one<{ n: number }>(`select count(*)::int as n from ${table}`))!.n;
    const monthly = await count('stats_monthly');
    const items = await count('stats_monthly_item');
    const platform = await count('stats_monthly_platform');

    // The request's own share: robot check, salted hash, country, a push onto the queue (no flush during the
    // loop), against the same steps as they were before (a hash object fed four times, the day's salt found by
    // formatting the date), alternating in blocks so that the machine's load swings alike for both.
    const agent =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    const oldSalts = new Map<string, Buffer>();
    const oldQueue: UsageEvent[] = [];
    const before = (address: string, slug: string) => {
      if (isRobot(agent)) return;
      const at = new Date();
      const day = at.toISOString().slice(0, 10);
      let salt = oldSalts.get(day);
      if (!salt) oldSalts.set(day, (salt = randomBytes(16)));
      oldQueue.push({
        at,
        visitor: createHash('sha256')
          .update(salt)
          .update(address)
          .update('\0')
          .update(agent)
          .digest('base64url')
          .slice(0, 16),
        slug,
        fileId: null,
        partial: false,
        country: countryOf(address),
        source: null,
      });
    };
    countryOf('8.8.8.8'); // the table is read once, before timing
    const probe = new UsageRecorder(db);
    const address = (i: number) => `${1 + (i % 223)}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    let beforeMs = 0;
    let afterMs = 0;
    for (let block = 0; block < 20; block++) {
      oldQueue.length = 0;
      let t0 = performance.now();
      for (let i = block * 5000; i < (block + 1) * 5000; i++) before(address(i), slugs[i % slugs.length]!);
      beforeMs += performance.now() - t0;
      t0 = performance.now();
      for (let i = block * 5000; i < (block + 1) * 5000; i++)
        probe.add({ address: address(i), agent, slug: slugs[i % slugs.length]! });
      afterMs += performance.now() - t0;
    }
    const beforeUs = (beforeMs * 1000) / 100_000;
    const addUs = (afterMs * 1000) / 100_000;

    lines.push(
      `### ${kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL server'}`,
      '',
      `Load average at the start of this section: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (1, 5, 15 min) on ${os.cpus().length} cores.`,
      '',
      `${EVENTS.toLocaleString('en')} events over ${days.length} days, ${slugs.length} published items with one file each → ${rows.toLocaleString('en')} rows in stats_daily, ${monthly.toLocaleString('en')} in stats_monthly, ${items.toLocaleString('en')} in stats_monthly_item, ${platform.toLocaleString('en')} in stats_monthly_platform.`,
      '',
      '| cost of one counted request | µs |',
      '|---|---:|',
      `| in the request, as before: robot check, hash object fed four times, salt by formatted date, country, queue | ${beforeUs.toFixed(2)} |`,
      `| in the request, now: robot check, one-call hash, salt by day number, country, queue | ${addUs.toFixed(2)} (${(addUs / beforeUs).toFixed(2)}× before) |`,
      `| writing it (batches of 5,000) | ${((writeMs * 1000) / EVENTS).toFixed(1)} |`,
      `| rolling it up (double clicks, sessions, ranges; monthly rollups by trigger) | ${((rollupMs * 1000) / EVENTS).toFixed(1)} |`,
      `| **altogether** | **${(addUs + ((writeMs + rollupMs) * 1000) / EVENTS).toFixed(1)}** |`,
      '',
    );

    const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
    const funder = (await db.one<{ id: number }>(
      `select organisation_id as id from publication_organisations where role = 'funder' group by 1 order by count(*) desc limit 1`,
    ))!.id;
    const queries: Array<[string, () => Promise<unknown>]> = [
      ['totals of the year', () => usageTotals(db, year)],
      ...USAGE_DIMENSIONS.map((d): [string, () => Promise<unknown>] => [
        `by ${d} (year)`,
        () => usageBy(db, d, year, 1000),
      ]),
      ['donor report: by month, funder', () => usageBy(db, 'month', { ...year, funder })],
      ['donor report: by file (language), funder', () => usageBy(db, 'file', { ...year, funder })],
      ['donor report: by country, funder', () => usageBy(db, 'country', { ...year, funder }, 20)],
      ['donor report: top publications, funder', () => usageBy(db, 'publication', { ...year, funder }, 10)],
      ['SUSHI IR, the year', () => usageByItemMonth(db, year.from, year.to, null, null)],
      ['SUSHI IR, the year, one country', () => usageByItemMonth(db, year.from, year.to, 'KZ', null)],
      ['SUSHI PR, the year', () => usageByKindMonth(db, year.from, year.to, null)],
    ];
    lines.push('| report query | median ms (of 5) | max ms |', '|---|---:|---:|');
    for (const [name, q] of queries) {
      await q();
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push((await timed(q))[1]);
      lines.push(`| ${name} | ${ms(median(times))} | ${ms(Math.max(...times))} |`);
    }
    lines.push('');

    // An item page's median: readers a robot (not counted) vs. a burst of people (each counted; the recorder
    // writes its batches meanwhile, every 2 s), through the app on this database.
    const config = loadConfig({ DATA_DIR: os.tmpdir(), LOG_LEVEL: 'silent', TRUST_PROXY: 'true' });
    const app = buildApp({
      db,
      config,
      log: createLogger('silent'),
      files: new LocalFileStore(`${os.tmpdir()}/kitap-bench-files`),
    });
    const page = async (i: number, ua: string) => {
      const t = performance.now();
      const r = await app.request(`/publications/${slugs[i % 50]}`, {
        headers: {
          'User-Agent': ua,
          'X-Forwarded-For': `10.1.${(i >> 8) & 255}.${i & 255}`,
          'Accept-Encoding': 'gzip',
        },
      });
      await r.arrayBuffer();
      return performance.now() - t;
    };
    for (let i = 0; i < 200; i++) await page(i, agent); // warm the page cache
    await usageUpToDate(db);
    // Blocks of 500 requests by a robot (not counted) and 500 by people (each counted; the recorder writes its
    // batches meanwhile, every 2 s), alternating until BURST people's requests, so that both see the same load.
    const robot = 'Googlebot/2.1 (+http://www.google.com/bot.html)';
    const quiet: number[] = [];
    const burst: number[] = [];
    let burstMs = 0;
    for (let done = 0; done < BURST; done += 500) {
      for (let i = done; i < done + 500; i++) quiet.push(await page(i, robot));
      const b0 = performance.now();
      for (let i = done; i < Math.min(BURST, done + 500); i++) burst.push(await page(i, agent));
      burstMs += performance.now() - b0;
    }
    const [, drainMs] = await timed(() => usageRecorder(db).flush(false));
    lines.push(
      '| item page (from memory, gzip), in alternating blocks of 500 | median ms |',
      '|---|---:|',
      `| ${quiet.length.toLocaleString('en')} requests by a robot (not counted) | ${median(quiet).toFixed(3)} |`,
      `| ${BURST.toLocaleString('en')} requests by people, each counted (${(BURST / (burstMs / 1000)).toFixed(0)} req/s; the rest written in ${ms(drainMs)} ms after) | ${median(burst).toFixed(3)} |`,
      `| **added by counting** | **${(median(burst) - median(quiet)).toFixed(3)}** (${(median(burst) / median(quiet)).toFixed(2)}×) |`,
      '',
    );
  } finally {
    await db.close();
    await drop();
  }
  return lines.join('\n');
}

const sections: string[] = [];
if (opt.db !== 'postgres') sections.push(await benchOne('pglite'));
if (opt.db !== 'pglite' && (await postgresAvailable())) sections.push(await benchOne('postgres'));
console.log(sections.join('\n'));
if (!opt['no-write'] && sections.length) {
  const file = new URL('./RESULTS.md', import.meta.url);
  const [start, end] = ['<!-- stats-bench:start -->', '<!-- stats-bench:end -->'];
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const body = `${start}
## Usage statistics (\`npm run bench:stats\`)

${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, \`npm run bench:stats -- --events ${EVENTS} --publications ${opt.publications} --burst ${BURST}\`.
The machine (${os.cpus().length} cores) was shared with other helpers' builds, tests and benchmarks while this ran (each section
gives the load average): figures are several times what they are on a quiet machine, so compare within one run, as ratios.
Report queries read the smallest monthly rollup with the columns they need (\`stats_monthly_platform\`, \`stats_monthly_item\`,
\`stats_monthly\`, \`stats_monthly_country\`, migration 0041), which triggers keep in step with \`stats_daily\`, where the
COUNTER rules are applied when a day is rolled up (\`src/store/stats-daily.ts\`).

${sections.join('\n')}
${end}`;
  const i = old.indexOf(start);
  const j = old.indexOf(end);
  fs.writeFileSync(
    file,
    i >= 0 && j > i ? old.slice(0, i) + body + old.slice(j + end.length) : `${old.trimEnd()}\n\n${body}\n`,
  );
  console.log('bench/RESULTS.md: statistics section written');
}
