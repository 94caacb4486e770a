// `npm run bench:import [-- --sizes 1,5,20 --no-write]`: time and peak memory of `kitap import-page`'s reading
// and parsing on generated pages of the given sizes in MB (a mix of the layouts the importer knows, with
// distinct titles), each in a child process of its own; the seconds per MB show whether the time is linear.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine, loadAverage } from './report.ts';

const { values: opt } = parseArgs({ options: { sizes: { type: 'string', default: '1,5,20' }, 'no-write': { type: 'boolean', default: false }, child: { type: 'string' } } });

const WORDS = ('labour migration remittances border health return reintegration trafficking women children youth rights policy survey ' +
  'seasonal workers households climate mobility diaspora skills employment protection assessment regional national rural urban ' +
  'education families legal aid counselling integration').split(' ');
const LANGS = ['English', 'Russian', 'Kazakh', 'Kyrgyz'];

/** A deterministic page of about `bytes` bytes: cards with fields, one-line list items, citations, Russian cards. */
export function generatedPage(bytes: number): string {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const title = (i: number): string => {
    const w = Array.from({ length: 4 + rnd(5) }, () => WORDS[rnd(WORDS.length)]!);
    return `${w[0]![0]!.toUpperCase()}${w[0]!.slice(1)} ${w.slice(1).join(' ')} ${i}`;
  };
  const out: string[] = ['Publications', ''];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const year = 2000 + rnd(25);
    let block: string;
    switch (i % 4) {
      case 0:
        block = `${title(i)}\n\nThis report looks at ${WORDS[rnd(WORDS.length)]} and ${WORDS[rnd(WORDS.length)]} in Kazakhstan and Kyrgyzstan. ` +
          `It was prepared with the e ort of partner organisations and identi es the main bene ts of seasonal work.\n\n` +
          `Number of pages: ${10 + rnd(200)}\nFormat: PDF\nPublication language: ${LANGS[rnd(4)]}, ${LANGS[rnd(4)]}\nYear of publication: ${year}\n\nDOWNLOAD\n\n`;
        break;
      case 1:
        block = `${title(i)} (${year})\n${title(i + 0.5)} – March ${year}\n\n`;
        break;
      case 2:
        block = `Sultanova, A. (${year}). ${title(i)}. Almaty: IOM.\n\n`;
        break;
      default:
        block = `Обзор миграции и занятости ${i}\n\nВ докладе рассматриваются вопросы трудовой миграции в Центральной Азии.\n\n` +
          `Количество страниц: ${10 + rnd(90)}\nЯзык: русский\nГод издания: ${year}\n\nСкачать\n\n`;
    }
    out.push(block);
    size += Buffer.byteLength(block);
  }
  return out.join('\n');
}

if (opt.child) {
  // One measurement: generate, then read and import the page as the command does.
  const { pageFromText } = await import('../src/import-page/lines.ts');
  const { importPage } = await import('../src/import-page/import-page.ts');
  const file = path.join(os.tmpdir(), `kitap-bench-import-${process.pid}.txt`);
  fs.writeFileSync(file, generatedPage(Number(opt.child) * 2 ** 20));
  const { readPage } = await import('../src/import-page/lines.ts');
  void pageFromText;
  const t0 = performance.now();
  const result = importPage(readPage(file));
  const seconds = (performance.now() - t0) / 1000;
  fs.rmSync(file);
  process.stdout.write(JSON.stringify({ seconds, records: result.records.length, lines: result.report.lines.nonEmpty, peakMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const sizes = opt.sizes.split(',').map(Number);
const rows: string[] = [];
const load = [loadAverage()];
for (const mb of sizes) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/import.ts', '--child', String(mb)], { encoding: 'utf8', maxBuffer: 2 ** 24 });
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
  'read and imported in a child process of its own (`readPage` + `importPage`, no database); peak = the child\'s maximum RSS.',
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
