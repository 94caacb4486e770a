// `npm run bench:import [-- --sizes 5,10,20 --no-write]`: time and peak memory of `kitap import-page`'s reading
// and parsing on generated pages of the given sizes in MB (a mix of the layouts the importer knows, with
// distinct titles), each in a child process of its own; the seconds per MB show whether the time is linear.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatedPage } from './import-page.ts';
import { describeMachine, loadAverage } from './report.ts';

const { values: opt } = parseArgs({
  options: {
    sizes: { type: 'string', default: '5,10,20' },
    'no-write': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

if (opt.child) {
  // One measurement: the command `kitap import-page FILE --dry-run --json` on the page (written by the parent),
  // its records printed to a sink that keeps only their size.
  const { Writable } = await import('node:stream');
  const { runImportPage } = await import('../src/import-page/command.ts');
  let bytes = 0;
  let head = '';
  const stdout = new Writable({
    write(chunk: Buffer | string, _e, done) {
      bytes += chunk.length;
      done();
    },
  });
  const stderr = new Writable({
    write(chunk: Buffer | string, _e, done) {
      if (!head) head = String(chunk).split('\n')[0]!;
      done();
    },
  });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const code = await runImportPage([opt.child, '--dry-run', '--json'], { stdout, stderr });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (code !== 0) throw new Error(`exit code ${code}: ${head}`);
  const m = /: (\d+) publications from (\d+) non-empty lines/.exec(head)!;
  const result = { records: { length: Number(m[1]) }, report: { lines: { nonEmpty: Number(m[2]) } } };
  process.stdout.write(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      records: result.records.length,
      lines: result.report.lines.nonEmpty,
      peakMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

const sizes = opt.sizes.split(',').map(Number);
const rows: string[] = [];
const load = [loadAverage()];
for (const mb of sizes) {
  // The page is written here, so the child's peak is the import's alone (not the generator's strings).
  const file = path.join(os.tmpdir(), `kitap-bench-import-${process.pid}-${mb}.txt`);
  fs.writeFileSync(file, generatedPage(mb * 2 ** 20));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/import.ts', '--child', file], {
    encoding: 'utf8',
    maxBuffer: 2 ** 24,
  });
  fs.rmSync(file);
  if (r.status !== 0) throw new Error(`the ${mb} MB run failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout) as {
    seconds: number;
    cpuSeconds: number;
    records: number;
    lines: number;
    peakMb: number;
  };
  const row = `| ${mb} MB | ${m.lines.toLocaleString('en')} | ${m.records.toLocaleString('en')} | ${m.seconds.toFixed(1)} s | ${m.cpuSeconds.toFixed(1)} s | ${(m.cpuSeconds / mb).toFixed(2)} s | ${m.peakMb.toFixed(0)} MB |`;
  console.log(row);
  rows.push(row);
}
load.push(loadAverage());
const section = [
  '<!-- import-bench:start -->',
  `## Import of a long page (\`npm run bench:import\`, ${new Date().toISOString().slice(0, 16)} UTC)`,
  '',
  ...describeMachine(null).map((l) => `- ${l}`),
  `- Load average before / after: ${load.join(' / ')}`,
  '',
  'A generated page (cards with labelled fields and lost ligatures, one-line items with years, citation lines, Russian cards),',
  "imported in a child process of its own by `kitap import-page FILE --dry-run --json` (the records printed to a sink; no database); peak = the child's maximum RSS;",
  'CPU = user + system seconds of the import (less sensitive than the wall-clock time to other work on the machine; its share per MB shows whether time is linear).',
  '',
  '| page | non-empty lines | records | time | CPU | CPU per MB | peak RSS |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  '<!-- import-bench:end -->',
].join('\n');
if (!opt['no-write']) {
  const file = new URL('./RESULTS.md', import.meta.url);
  const old = fs.readFileSync(file, 'utf8');
  const re = /<!-- import-bench:start -->[\s\S]*?<!-- import-bench:end -->/;
  fs.writeFileSync(file, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`);
}
