// `npm run bench:ingest [-- --runs 3 --pages 500 --corpus DIR --reject-timeout 15 --no-steps --no-write]`:
// PDF extraction speed and memory. Kitap's extractPdf (the whole thing: checks, the warm worker process,
// PDFium, cleaning, cover) beside Debian's pdftotext on the shared fixture set and on a generated long PDF;
// per file the median of --runs, peak RSS of the extracting process; a section of bench/RESULTS.md.
import { fork, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractPdf } from '../src/ingest/extract.ts';
import { tinyPdf } from '../src/ingest/tiny-pdf.ts';
import { multilingualPdf } from './big-pdf.ts';
import type { Steps } from './ingest-steps.ts';
import { describeMachine, loadAverage, writeResults } from './report.ts';
import { memoryOf } from './server.ts';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    pages: { type: 'string', default: '500' },
    corpus: { type: 'string', default: fileURLToPath(new URL('../../shared/fixtures/pdfs', import.meta.url)) },
    'reject-timeout': { type: 'string', default: '15' },
    'no-steps': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const runs = Number(opt.runs);
const bigPages = Number(opt.pages);
const rejectTimeout = Number(opt['reject-timeout']);
if (![runs, bigPages, rejectTimeout].every((n) => Number.isInteger(n) && n > 0))
  throw new Error('--runs, --pages and --reject-timeout take positive integers');
const MB = 2 ** 20;
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const PDFTOTEXT = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
const pdftotextVersion = PDFTOTEXT.error ? null : (/pdftotext version (\S+)/.exec(PDFTOTEXT.stderr)?.[1] ?? '?');

/** One extraction: wall time, the extracting process's peak RSS, what came out. */
interface Measure {
  seconds: number;
  peak: number;
  ok: boolean;
  outcome: string;
  pages: number | null;
  textKb: number;
}
interface Row {
  file: string;
  pages: number;
  kitap: Measure[];
  ref: Measure[];
  steps: Steps | null;
}

/**
 * Reads a process's peak RSS (VmHWM) every 10 ms; the function returned stops and gives the largest.
 * (Not server.ts's sampleMemory: an exited child not yet reaped has no VmHWM line, which it takes for NaN.)
 */
function watchPeak(pid: number): () => number {
  let peak = 0;
  const read = () => {
    const p = memoryOf(pid)?.peak ?? 0;
    if (p > peak) peak = p;
  };
  read();
  const timer = setInterval(read, 10);
  return () => {
    clearInterval(timer);
    read();
    return peak;
  };
}

/** extractPdf with default limits; its child's peak RSS watched through the onChild hook. */
async function kitap(file: string): Promise<Measure> {
  let stop = () => 0;
  const started = performance.now();
  const result = await extractPdf(file, {}, undefined, (pid) => {
    stop = watchPeak(pid);
  });
  const seconds = (performance.now() - started) / 1000;
  const peak = stop();
  if (!result.ok)
    return { seconds, peak, ok: false, outcome: `${result.code}: ${result.reason}`, pages: null, textKb: 0 };
  const textKb = Buffer.byteLength(result.pages.join('\n')) / 1024;
  return {
    seconds,
    peak,
    ok: true,
    outcome: `${result.pageCount} pages, ${result.language ?? 'no language'}, ${result.cover ? 'cover' : 'no cover'}`,
    pages: result.pageCount,
    textKb,
  };
}

/** `pdftotext -enc UTF-8 file -` (all pages, text read from its stdout), under /usr/bin/time for its peak RSS. */
function pdftotext(file: string, timeoutS: number, dir: string): Promise<Measure> {
  const timeFile = path.join(dir, 'time.txt');
  fs.rmSync(timeFile, { force: true });
  const command = ['pdftotext', '-enc', 'UTF-8', file, '-'];
  const argv = TIME ? [TIME, '-f', '%M', '-o', timeFile, ...command] : command;
  return new Promise((resolve) => {
    const started = performance.now();
    // Its own process group, so that a timeout stops pdftotext and not only /usr/bin/time.
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stopWatching = TIME ? null : watchPeak(child.pid!);
    let bytes = 0;
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => {
      bytes += b.length;
    });
    child.stderr!.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-2000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, timeoutS * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const kb =
        TIME && fs.existsSync(timeFile) ? Number(/(\d+)\s*$/.exec(fs.readFileSync(timeFile, 'utf8'))?.[1] ?? NaN) : NaN;
      const peak = stopWatching ? stopWatching() : kb * 1024;
      const firstError = stderr.split('\n').find((l) => l.trim()) ?? '';
      const outcome = timedOut
        ? `stopped after ${timeoutS} s`
        : code === 0
          ? 'ok'
          : `exit code ${code}: ${firstError.slice(0, 80)}`;
      resolve({ seconds, peak, ok: !timedOut && code === 0, outcome, pages: null, textKb: bytes / 1024 });
    });
  });
}

/** The steps of reading `file` timed in a fresh child process (bench/ingest-steps.ts); null if it failed. */
function stepTimes(file: string): Promise<Steps | null> {
  return new Promise((resolve) => {
    const entry = fileURLToPath(new URL('./ingest-steps-entry.mjs', import.meta.url));
    const child = fork(entry, [file], {
      execArgv: ['--max-old-space-size=1024'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let steps: Steps | null = null;
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-1000);
    });
    child.on('message', (m: Steps) => {
      steps = m;
    });
    child.on('exit', (code) => {
      if (!steps)
        console.log(
          `  step timing of ${path.basename(file)} failed (exit ${code}): ${stderr.trim().split('\n').at(-1)}`,
        );
      resolve(steps);
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fixed = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const kb = (v: number) => fixed(v, v < 10 ? 1 : 0);
const mb = (bytes: number) => (bytes > 0 ? `${Math.round(bytes / MB)} MB` : '–');

/** The fixture files with what MANIFEST.tsv expects of them; null (and a message) when the corpus is not there. */
function fixtureRows(): Array<{ file: string; pages: number; expected: string }> | null {
  const manifest = path.join(opt.corpus!, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return null;
  const [header, ...lines] = fs.readFileSync(manifest, 'utf8').trimEnd().split('\n');
  const columns = header!.split('\t');
  return lines
    .map((line) => Object.fromEntries(line.split('\t').map((v, i) => [columns[i], v])))
    .map((r) => ({ file: r.file!, pages: Number(r.pages || 0), expected: r.expected! }));
}

// ---- the run ----------------------------------------------------------------------------------------
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-bench-ingest-'));
const loadBefore = loadAverage();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
if (!pdftotextVersion)
  console.log(
    "pdftotext is not installed: run `bash bench/setup.sh` (it installs Debian's poppler-utils) for the reference figures. Measuring Kitap alone.",
  );
const fixtures = fixtureRows();
if (!fixtures)
  console.log(
    `No fixture corpus at ${opt.corpus} (../shared beside the repository): the fixture part is skipped; the generated PDF is still measured.`,
  );

try {
  process.stdout.write(`Generating a ${bigPages}-page PDF… `);
  const big = path.join(dir, `generated-${bigPages}-pages.pdf`);
  const t = performance.now();
  fs.writeFileSync(big, multilingualPdf(bigPages));
  const generatedIn = (performance.now() - t) / 1000;
  const bigSize = fs.statSync(big).size;
  console.log(`${fixed(generatedIn, 1)} s, ${(bigSize / MB).toFixed(1)} MB`);

  const toIngest = [
    ...(fixtures ?? [])
      .filter((f) => f.expected === 'ingest')
      .map((f) => ({ file: f.file, pages: f.pages, at: path.join(opt.corpus!, f.file) })),
    { file: path.basename(big), pages: bigPages, at: big },
  ];
  const rejects = (fixtures ?? []).filter((f) => f.expected !== 'ingest');

  // Warm-up: the page cache holds every file; tsx's cache and the first child start are paid here.
  const tiny = path.join(dir, 'one-page.pdf');
  fs.writeFileSync(tiny, tinyPdf([{ lines: ['One page, to time what every file costs.'] }]));
  for (const f of toIngest) fs.readFileSync(f.at);
  await kitap(tiny);
  if (pdftotextVersion) await pdftotext(tiny, 60, dir);

  const rows: Row[] = toIngest.map((f) => ({ file: f.file, pages: f.pages, kitap: [], ref: [], steps: null }));
  const startup: number[] = [];
  for (let run = 1; run <= runs; run++) {
    console.log(`Run ${run} of ${runs} (load average ${loadAverage()})`);
    startup.push((await kitap(tiny)).seconds);
    for (const [i, f] of toIngest.entries()) {
      const row = rows[i]!;
      // Which goes first alternates, so neither always runs on a cooler machine.
      const pair = [
        async () => row.kitap.push(await kitap(f.at)),
        async () => {
          if (pdftotextVersion) row.ref.push(await pdftotext(f.at, 300, dir));
        },
      ];
      for (const step of run % 2 ? pair : pair.reverse()) await step();
      const [k, r] = [row.kitap.at(-1)!, row.ref.at(-1)];
      console.log(
        `  ${f.file}: Kitap ${fixed(k.seconds)} s ${mb(k.peak)} (${k.outcome})${r ? `; pdftotext ${fixed(r.seconds)} s ${mb(r.peak)}${r.ok ? '' : ` (${r.outcome})`}` : ''}`,
      );
      // Once, right after the first measurement, so that both see the same machine.
      if (run === 1 && !opt['no-steps']) row.steps = await stepTimes(f.at);
    }
  }

  const rejected: Array<{ file: string; kitap: Measure; ref: Measure | null }> = [];
  for (const f of rejects) {
    const at = path.join(opt.corpus!, f.file);
    rejected.push({
      file: f.file,
      kitap: await kitap(at),
      ref: pdftotextVersion ? await pdftotext(at, rejectTimeout, dir) : null,
    });
    console.log(
      `  ${f.file} (expected: refused): Kitap ${rejected.at(-1)!.kitap.outcome}; pdftotext ${rejected.at(-1)!.ref?.outcome ?? '–'}`,
    );
  }

  const generated = report({
    rows,
    rejected,
    startup: median(startup),
    generatedIn,
    bigSize,
    loadAfter: loadAverage(),
  });
  console.log(`\n${generated}`);
  if (!opt['no-write']) {
    writeResults(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), generated, [
      '<!-- ingest-bench:start -->',
      '<!-- ingest-bench:end -->',
    ]);
    console.log('\nbench/RESULTS.md: ingest section written');
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

// ---- the report -------------------------------------------------------------------------------------
interface Summary {
  pages: number;
  kitap: number;
  ref: number;
  kitapPeak: number;
  refPeak: number;
  kitapKb: number;
  refKb: number;
}

/** Medians of a row; ok only when every run of Kitap read the file. */
function summarise(row: Row): Summary & { ok: boolean } {
  return {
    pages: row.pages,
    kitap: median(row.kitap.map((m) => m.seconds)),
    ref: row.ref.length ? median(row.ref.map((m) => m.seconds)) : NaN,
    kitapPeak: Math.max(...row.kitap.map((m) => m.peak)),
    refPeak: row.ref.length ? Math.max(...row.ref.map((m) => m.peak)) : NaN,
    kitapKb: row.kitap[0]?.textKb ?? NaN,
    refKb: row.ref[0]?.textKb ?? NaN,
    ok: row.kitap.every((m) => m.ok && m.pages === row.pages),
  };
}

function total(parts: Summary[]): Summary {
  const sum = (f: (s: Summary) => number) => parts.reduce((a, s) => a + f(s), 0);
  const most = (f: (s: Summary) => number) => Math.max(...parts.map(f));
  return {
    pages: sum((s) => s.pages),
    kitap: sum((s) => s.kitap),
    ref: sum((s) => s.ref),
    kitapPeak: most((s) => s.kitapPeak),
    refPeak: most((s) => s.refPeak),
    kitapKb: sum((s) => s.kitapKb),
    refKb: sum((s) => s.refKb),
  };
}

function report(r: {
  rows: Row[];
  rejected: Array<{ file: string; kitap: Measure; ref: Measure | null }>;
  startup: number;
  generatedIn: number;
  bigSize: number;
  loadAfter: string;
}): string {
  const summaries = r.rows.map((row) => ({ row, s: summarise(row) }));
  const fixtureSummaries = summaries
    .slice(0, -1)
    .filter((x) => x.s.ok)
    .map((x) => x.s);
  const big = summaries.at(-1)!.s;
  const fixtureTotal = fixtureSummaries.length ? total(fixtureSummaries) : null;
  const rate = (pages: number, s: number) => pages / s;
  const ratio = (s: Summary) => rate(s.pages, s.kitap) / rate(s.pages, s.ref);
  const line = (name: string, s: Summary) =>
    `| ${name} | ${s.pages} | ${fixed(s.kitap)} | ${fixed(rate(s.pages, s.kitap), 1)} | ${mb(s.kitapPeak)} | ${fixed(s.ref)} | ${fixed(rate(s.pages, s.ref), 1)} | ${mb(s.refPeak)} | ${Number.isFinite(ratio(s)) ? `${(ratio(s) * 100).toFixed(1)} %` : '–'} | ${kb(s.kitapKb)} / ${kb(s.refKb)} |`;
  const machine = describeMachine(null).filter((l) => !/^(PostgreSQL|PGlite)/.test(l));
  const version = (pkg: string) =>
    (
      JSON.parse(fs.readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  const out = [
    '## Ingest (`npm run bench:ingest`)',
    '',
    `Run on ${date} UTC with \`npm run bench:ingest -- --runs ${runs} --pages ${bigPages}\`.`,
    '',
    '**Machine**',
    '',
    ...machine.map((m) => `- ${m}`),
    `- PDFium (@hyzyla/pdfium): ${version('@hyzyla/pdfium')}; pdf.js (pdfjs-dist, second reader): ${version('pdfjs-dist')}; pdftotext: ${pdftotextVersion ? `${pdftotextVersion} (poppler-utils)` : 'not installed (run `bash bench/setup.sh`)'}`,
    '',
    `**What is measured.** Kitap: \`extractPdf(file)\` with the default limits, timed from the call to its result — the checks on the
file's first bytes, the task sent to the PDF worker process (kept warm across files, as the server's queue keeps it; started once
by the warm-up), PDFium parsing the file, the text of every page, our cleaning
(mojibake, ligatures, running lines, hyphens, language) and the cover (page 1 drawn and encoded as WebP, which extractPdf always
does). Reference: \`pdftotext -enc UTF-8 file -\` (every page, text read from its stdout). Each file is read ${runs} times by
each, alternating which goes first; the tables give the median time and the largest peak RSS (the kernel's VmHWM of Kitap's
worker process — the peak of its life so far, as the process is kept between files — read every 10 ms through extractPdf's \`onChild\` hook; \`/usr/bin/time\`'s maximum resident set size of pdftotext${TIME ? '' : ' — here /proc sampling, as /usr/bin/time is absent'}).
Pages per second is pages ÷ median seconds; a total is its pages ÷ the sum of its medians. "Text KB" is the size of what
each extracted (UTF-8): Kitap's clean pages, pdftotext's output with its layout spaces and page breaks. The machine is shared (2 cores, other
people's tests): compare the ratio within a run rather than absolute figures between runs. Load average (1, 5, 15 min) before:
${loadBefore}; after: ${r.loadAfter}.`,
  ];
  const header = [
    '| file | pages | Kitap s | Kitap pages/s | Kitap peak RSS | pdftotext s | pdftotext pages/s | pdftotext peak RSS | Kitap ÷ pdftotext | text KB, Kitap / pdftotext |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  out.push('', `### Files (median of ${runs} runs)`, '', ...header);
  for (const { row, s } of summaries.slice(0, -1))
    out.push(
      s.ok
        ? line(`\`${row.file}\``, s)
        : `| \`${row.file}\` | ${row.pages} | not read: ${row.kitap.find((m) => !m.ok || m.pages !== row.pages)?.outcome ?? '?'} | | | | | | | |`,
    );
  if (fixtureTotal) out.push(line(`**fixture set** (${fixtureSummaries.length} files)`, fixtureTotal));
  out.push(line(`**generated, ${bigPages} pages** (${(r.bigSize / MB).toFixed(1)} MB)`, big));
  if (!fixtureTotal) out.push('', `No fixture corpus at \`${opt.corpus}\`: only the generated file was measured.`);
  out.push(
    '',
    `The generated file (bench/big-pdf.ts, drawn in ${fixed(r.generatedIn, 1)} s, not kept): A4 pages of prose in chapters of 25 pages in English,
Russian, Kazakh and Kyrgyz (the demo catalogue's abstracts and sentences of the bench's vocabulary), DejaVu Sans embedded, a
running header and a page number on every page, about 50 lines of text per page.`,
  );

  if (r.rejected.length) {
    out.push(
      '',
      '### Files refused by design (MANIFEST `expected: reject`; not counted above; one run each)',
      '',
      `| file | Kitap | Kitap s | Kitap peak RSS | pdftotext (stopped after ${rejectTimeout} s) | pdftotext s | pdftotext peak RSS |`,
      '|---|---|--:|--:|---|--:|--:|',
      ...r.rejected.map(
        (x) =>
          `| \`${x.file}\` | ${x.kitap.outcome.split(':')[0]} | ${fixed(x.kitap.seconds)} | ${mb(x.kitap.peak)} | ${x.ref?.outcome.replace(/\|/g, '/') ?? '–'} | ${fixed(x.ref?.seconds ?? NaN)} | ${mb(x.ref?.peak ?? NaN)} |`,
      ),
    );
  }

  const withSteps = summaries.filter((x) => x.row.steps && x.s.ok);
  if (withSteps.length) {
    const keys: Array<keyof Steps> = ['node', 'pdfjs', 'modules', 'open', 'text', 'clean', 'cover'];
    const stepRow = (name: string, xs: typeof withSteps) => {
      const parts = keys.map((k) => xs.reduce((a, x) => a + x.row.steps![k], 0) / 1000);
      const all = parts.reduce((a, b) => a + b, 0);
      const measured = xs.reduce((a, x) => a + x.row.kitap[0]!.seconds, 0);
      return `| ${name} | ${parts.map((p) => `${fixed(p, 1)} (${Math.round((p / all) * 100)} %)`).join(' | ')} | ${fixed(all, 1)} | ${fixed(measured, 1)} |`;
    };
    const fixtureSteps = withSteps.filter((x) => x.row !== r.rows.at(-1));
    const bigSteps = withSteps.filter((x) => x.row === r.rows.at(-1));
    out.push(
      '',
      "### Where Kitap's time goes (seconds, share of the sum)",
      '',
      `Each file read once more, right after its first measurement, by a child process started as extractPdf starts its own
(bench/ingest-steps.ts), which times the steps of src/ingest/pdf-worker.ts one by one: Node's start; loading pdf.js (the second
reader); the TypeScript loader and our modules (franc's language models among them) — these three are paid once per worker, not
per file; opening the file (reading it, the image-size check, PDFium parsing its structure); the text (PDFium's text of every
page); cleaning (src/ingest/clean.ts with
the language and the English ligature repair, and the metadata); the cover. The last column is extractPdf's time in the same run;
what it has beyond the sum is forking, the messages and the exit. For scale: a one-page file costs extractPdf ${fixed(r.startup)} s
(median).`,
      '',
      '| files | Node start | pdf.js load | TS loader + modules | open | text | cleaning | cover | sum | extractPdf |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      ...(fixtureSteps.length ? [stepRow(`fixture set (${fixtureSteps.length} files)`, fixtureSteps)] : []),
      ...(bigSteps.length ? [stepRow(`generated, ${bigPages} pages`, bigSteps)] : []),
    );
  }

  const third = (s: Summary | null) => {
    if (!s || !Number.isFinite(s.ref)) return { value: 'not measured (no pdftotext or no files)', met: null };
    const q = ratio(s);
    return {
      value: `${(q * 100).toFixed(1)} % (${fixed(rate(s.pages, s.kitap), 1)} / ${fixed(rate(s.pages, s.ref), 1)} pages/s)`,
      met: q >= 1 / 3,
    };
  };
  const targets = [
    { what: "fixture set: ≥ ⅓ of pdftotext's pages/s", ...third(fixtureTotal) },
    { what: `generated ${bigPages} pages: ≥ ⅓ of pdftotext's pages/s`, ...third(big) },
    {
      what: `generated ${bigPages} pages: Kitap's peak RSS < 500 MB`,
      value: mb(big.kitapPeak),
      met: big.kitapPeak > 0 ? big.kitapPeak < 500 * MB : null,
    },
  ];
  out.push(
    '',
    '### Targets (issue 4)',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...targets.map((x) => `| ${x.what} | ${x.value} | ${x.met === null ? '–' : x.met ? 'yes' : '**no**'} |`),
  );
  return out.join('\n');
}
