// The bench's output: the machine it ran on, a table per database, the targets, and RESULTS.md.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { LoadResult } from './load.ts';

/** The figures of one database. */
export interface DbRun {
  db: 'pglite' | 'postgres';
  loadSeconds: number;
  /** VACUUM ANALYZE after the load; null when skipped (--no-vacuum). */
  vacuumSeconds: number | null;
  publications: number;
  /** cpuMs: the server process's CPU time per request (PGlite's queries included, a server's not). */
  endpoints: Array<{ name: string; path: string; result: LoadResult; cpuMs: number }>;
  /** The same bytes from servers that do nothing else, measured in the same run: node:http first, then nginx. */
  baselines: Array<{ name: string; result: LoadResult }>;
  memory: { idle: number; maxSampled: number; peak: number };
  /** /proc/loadavg before and after: how busy the shared machine was. */
  loadAverage: [string, string];
}

export interface RunInfo {
  date: string;
  options: string;
  machine: string[];
  runs: DbRun[];
}

/** What the machine is: cores, CPU model, memory, Node and PostgreSQL versions. */
export function describeMachine(postgresVersion: string | null): string[] {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  const model =
    /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
  return [
    `CPU: ${sh('nproc')} cores (nproc), ${model}`,
    `Memory: ${sh('free -h | awk \'/^Mem:/ {print $2 " total, " $7 " available"}\'')}`,
    `OS: ${os.type()} ${os.release()}`,
    `Node: ${process.version}`,
    `Code: ${sh('git describe --always --dirty=" with uncommitted changes"')}`,
    `PostgreSQL server: ${postgresVersion ?? 'not used in this run'}`,
    `PGlite: ${(JSON.parse(fs.readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version}`,
  ];
}

const HOW_TO_READ = `**How to read these figures.** Everything runs on one shared machine: the load generator (one Node
process), the server (one Node process) and, for PostgreSQL, the database server compete for the same cores, and other
jobs may be running too (the load average is given with each table). Absolute figures move between runs; compare
within one run: endpoints with each other, PGlite with PostgreSQL, Kitap with the static baselines. Latency is measured
by the client, from sending the request to its last byte, with a fixed number of requests in flight, so once the
server is saturated p50 is mostly the time spent queueing behind the other requests. "Server CPU ms/req" is the
steadiest figure: the server process's CPU time divided by the requests; on PGlite it includes the queries, on
PostgreSQL it does not (they run in the database server). Peak RSS is the kernel's high-water mark (VmHWM) of the
server process over its whole life. "Item page, first render" walks slugs no request of the run asked for, so
each is rendered (detail query, stored citation, JSX, gzip): its server CPU per request is the first-render cost.
The home and browse rows ask for one address each, which is served from memory after its first request (as item
pages are); "browse, first render" walks browse addresses no request asked for (a year range, an order, an interface
language), each rendered: the facet counts, the page's rows, the JSX.
The static baselines (the bytes and headers of a gzipped item page, from a bare node:http server and from nginx)
are driven by the same Node client, which is then the bottleneck, so their rates are lower bounds and the ratios
flatter Kitap.`;

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : '–');
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

export const ITEM_EVERY_SLUG = 'item page, every slug';
export const ITEM_FIRST_RENDER = 'item page, first render';
export const BROWSE_FIRST_RENDER = 'browse, first render';
export const ITEM_POPULAR = 'item page, 50 popular';

/** Each target (issue 16 item 4, and browse from issue 2) and whether the run met it. */
export function targets(run: DbRun): Array<{ what: string; value: string; met: boolean }> {
  const row = (name: string) => run.endpoints.find((e) => e.name === name);
  const p99 = (name: string) => row(name)?.result.p99 ?? NaN;
  const popular = row(ITEM_POPULAR)?.result.rps ?? NaN;
  const bare = run.baselines[0]?.result.rps ?? NaN;
  const firstCpu = row(ITEM_FIRST_RENDER)?.cpuMs ?? NaN;
  return [
    {
      what: '50 popular item pages ≥ ½ the rate of a bare node:http server',
      value: `${((popular / bare) * 100).toFixed(1)} % (${popular.toFixed(0)} / ${bare.toFixed(0)} req/s)`,
      met: popular / bare >= 0.5,
    },
    {
      what: 'item page, every slug: p99 < 20 ms',
      value: `${ms(p99(ITEM_EVERY_SLUG))} ms`,
      met: p99(ITEM_EVERY_SLUG) < 20,
    },
    {
      what: `item page, first render < 1.5 ms of server CPU${run.db === 'postgres' ? ' (the queries not counted)' : ''}`,
      value: `${ms(firstCpu)} ms`,
      met: firstCpu < 1.5,
    },
    { what: 'browse p99 < 50 ms (one address, kept)', value: `${ms(p99('browse'))} ms`, met: p99('browse') < 50 },
    { what: 'server peak RSS < 400 MB', value: mb(run.memory.peak), met: run.memory.peak < 400 * 2 ** 20 },
  ];
}

function table(run: DbRun): string[] {
  const rows = [
    ...run.endpoints,
    ...run.baselines.map((b) => ({ name: 'same bytes, static', path: b.name, result: b.result, cpuMs: NaN })),
  ];
  return [
    '| endpoint | path | requests | errors | req/s | p50 ms | p99 ms | max ms | server CPU ms/req |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      ({ name, path, result: r, cpuMs }) =>
        `| ${name} | \`${path}\` | ${r.requests} | ${r.errors} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${ms(cpuMs)} |`,
    ),
  ];
}

/** The generated part of RESULTS.md. */
export function markdown(info: RunInfo): string {
  const out = [
    `Run on ${info.date} with \`npm run bench -- ${info.options}\`.`,
    '',
    '**Machine**',
    '',
    ...info.machine.map((m) => `- ${m}`),
    '',
    HOW_TO_READ,
  ];
  for (const run of info.runs) {
    out.push(
      '',
      `### ${run.db === 'pglite' ? 'PGlite (embedded, DATA_DIR)' : 'PostgreSQL server (DATABASE_URL)'}`,
      '',
      `Catalogue: ${run.publications} synthetic publications, loaded through \`createPublication\` in ${run.loadSeconds.toFixed(1)} s ` +
        `(${(run.publications / run.loadSeconds).toFixed(0)} per second), ` +
        (run.vacuumSeconds === null
          ? 'not vacuumed (--no-vacuum).'
          : `then \`VACUUM ANALYZE\` in ${run.vacuumSeconds.toFixed(1)} s.`),
      '',
      ...table(run),
      '',
      `Load average (1, 5, 15 min) before: ${run.loadAverage[0]}; after: ${run.loadAverage[1]}.`,
      '',
      `Server memory: ${mb(run.memory.idle)} RSS when ready, ${mb(run.memory.maxSampled)} largest sample under load, ${mb(run.memory.peak)} peak (VmHWM).`,
      '',
      '| target | measured | met |',
      '|---|---|---|',
      ...targets(run).map((t) => `| ${t.what} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`),
    );
  }
  return out.join('\n');
}

/** The same figures for the terminal. */
export function printRun(run: DbRun): void {
  console.log(`\n${run.db}: ${run.publications} publications loaded in ${run.loadSeconds.toFixed(1)} s`);
  for (const line of table(run)) if (!line.startsWith('|---')) console.log(line);
  console.log(
    `RSS: ready ${mb(run.memory.idle)}, max sampled ${mb(run.memory.maxSampled)}, peak ${mb(run.memory.peak)}`,
  );
  for (const t of targets(run)) console.log(`${t.met ? 'met   ' : 'MISSED'} ${t.what}: ${t.value}`);
}

const BEGIN = '<!-- bench:begin (written by npm run bench; edit outside these markers) -->';
const END = '<!-- bench:end -->';

/**
 * Replaces the generated part of RESULTS.md, keeping whatever is written around it; each benchmark
 * has its own pair of markers (npm run bench's by default), and a missing pair is appended.
 */
export function writeResults(file: string, generated: string, [begin, end]: [string, string] = [BEGIN, END]): void {
  const block = `${begin}\n${generated}\n${end}`;
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmark results\n\n${begin}\n${end}\n`;
  const at = old.indexOf(begin);
  const until = old.indexOf(end);
  fs.writeFileSync(
    file,
    at >= 0 && until > at ? old.slice(0, at) + block + old.slice(until + end.length) : `${old.trimEnd()}\n\n${block}\n`,
  );
}

/** The load average over 1, 5 and 15 minutes, from /proc/loadavg: how busy the shared machine was. */
export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
