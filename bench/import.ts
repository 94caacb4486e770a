// `npm run bench:import [-- --sizes 1,5,20 --no-write]`: time and peak memory of `kitap import-page`'s reading
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
    sizes: { type: 'string', default: '1,5,20' },
    'no-write': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

if (opt.child) {
  // One measurement: generate, then read and import the page as the command does.
  const { importText } = await import('../src/import-page/sections.ts');
  const file = path.join(os.tmpdir(), `kitap-bench-import-${process.pid}.txt`);
  fs.writeFileSync(file, generatedPage(Number(opt.child) * 2 ** 20));
  const { readPageText } = await import('../src/import-page/lines.ts');
  const t0 = performance.now();
  const { text, format } = readPageText(file);
  const result = importText(text, format);
  const seconds = (performance.now() - t0) / 1000;
  fs.rmSync(file);
  process.stdout.write(
    JSON.stringify({
      seconds,
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
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/import.ts', '--child', String(mb)], {
    encoding: 'utf8',
    maxBuffer: 2 ** 24,
  });
  if (r.status !== 0) throw new Error(`the ${mb} MB run failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout) as { seconds: number; records: number; lines: number; peakMb: number };
  const row = `| ${mb} MB | ${m.lines.toLocaleString('en')} | ${m.records.toLocaleString('en')} | ${m.seconds.toFixed(1)} s | ${(m.seconds / mb).toFixed(2)} s | ${m.peakMb.toFixed(0)} MB |`;
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
  "read and imported in a child process of its own as `kitap import-page --dry-run` does (`readPageText` + `importText`, no database); peak = the child's maximum RSS.",
  '',
  '| page | non-empty lines | records | time | time per MB | peak RSS |',
  '|---|---|---|---|---|---|',
  ...rows,
  '<!-- import-bench:end -->',
].join('\n');
if (!opt['no-write']) {
  const file = new URL('./RESULTS.md', import.meta.url);
  const old = fs.readFileSync(file, 'utf8');
  const re = /<!-- import-bench:start -->[\s\S]*?<!-- import-bench:end -->/;
  fs.writeFileSync(file, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`);
}
