// `kitap import-page FILE [--dry-run] [--json] [--publish] [--update]`.
import path from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError, type Command } from '../cli/command.ts';
import type { ImportResult } from './import-page.ts';
import { collectGarbage } from './collect.ts';
import { InputError } from './lines.ts';
import { openPage } from './read-file.ts';
import type { ImportRecord } from './record.ts';
import { formatRecords, formatReport, ReportSpool } from './report.ts';
import { cutPieces, importSections, importText, longPageNote, noPublication, STREAM_SECTION } from './sections.ts';
import { writeRecords, writeSections, type WriteSummary } from './write.ts';

const usage = `kitap import-page FILE [--dry-run] [--json] [--publish] [--update]

Imports the publications listed on a web page, saved as text or as HTML (any CMS). The page's own
layout is found: cards parted by blank lines, one title a line, numbered or bulleted lists,
citations ("UNDP 2016: Title", "Author, A. (2015). Title. Publisher."), bylines, labelled fields in
English, Russian and Kazakh ("Year of publication:", "Год издания:", "Шыққан жылы:"), and in HTML
the repeated siblings (list items, articles, table rows). Each publication becomes one record:
title, subtitle, kind, year, pages, format, languages, authors, publishers, funders, partners,
project, series, relations, download, file URLs, contact, topics and countries, with a confidence
for the record and each field it filled. Text pasted from PDFs gets its lost ligatures repaired
("e ort" → "effort"). A publication listed twice becomes one record. The report goes to stderr:
repairs, merges, uncertain records (least certain first), every line not used with its reason
(site navigation, pagination, footer, a heading over the list, …) and guesses to check.

  --dry-run   write nothing; print the records (with --json: as a JSON array on stdout)
  --json      with --dry-run, print the records as JSON
  --publish   create new publications as published (default: drafts)
  --update    also rewrite publications found from an earlier import when the page says
              something different (default: only report the differences)

A second import of the same page creates nothing new: publications are recognised by their
key (slug), or by normalised title and year.`;

export interface Io {
  stdout: Writable;
  stderr: Writable;
}

interface Options {
  file: string;
  dryRun: boolean;
  json: boolean;
  publish: boolean;
  update: boolean;
}

function parseArgs(args: string[]): Options {
  const o: Options = { file: '', dryRun: false, json: false, publish: false, update: false };
  for (const a of args) {
    if (a === '--dry-run') o.dryRun = true;
    else if (a === '--json') o.json = true;
    else if (a === '--publish') o.publish = true;
    else if (a === '--update') o.update = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option: ${a}`);
    else if (o.file) throw new UsageError(`one page at a time: got "${o.file}" and "${a}"`);
    else o.file = a;
  }
  if (!o.file) throw new UsageError('which page? give the FILE to import');
  if (o.json && !o.dryRun) throw new UsageError('--json prints records only with --dry-run');
  return o;
}

/** Runs the command with the given output streams; resolves to the exit code. */
export async function runImportPage(
  args: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  let opts: Options;
  try {
    opts = parseArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`kitap import-page: ${err.message}\n\n${usage}\n`);
    return 2;
  }
  let result: ImportResult;
  try {
    const page = openPage(opts.file);
    if ('pieces' in page) return await importLongPage(opts, page.pieces, io);
    result = importText(page.text, page.format);
  } catch (err) {
    if (err instanceof InputError) {
      const msg = err.message.includes(path.basename(opts.file))
        ? err.message
        : `${path.basename(opts.file)}: ${err.message}`;
      io.stderr.write(`kitap import-page: ${msg}\n`);
      return 1;
    }
    throw err;
  }
  io.stderr.write(formatReport(opts.file, result.records, result.report));
  if (opts.dryRun) {
    io.stdout.write(opts.json ? `${JSON.stringify(result.records, null, 2)}\n` : `${formatRecords(result.records)}\n`);
    return 0;
  }
  const summary = await writeRecords(result.records, writeOptions(opts, io));
  io.stdout.write(summaryLine(summary, opts.update));
  return 0;
}

/**
 * A long text page, section by section: each section's records are printed or written as they come and let go,
 * so memory holds one section and the report (with only the uncertain records), whatever the page's length.
 */
async function importLongPage(opts: Options, pieces: () => Generator<string>, io: Io): Promise<number> {
  const report = new ReportSpool();
  let sections = 0;
  function* parts(): Generator<ImportRecord[]> {
    for (const r of importSections(cutPieces(pieces(), STREAM_SECTION))) {
      // A full collection after each section: the peak stays near one section's worth (collect.ts).
      collectGarbage();
      sections++;
      report.add(r.report, r.records);
      yield r.records;
    }
    if (!report.records) throw noPublication();
  }
  try {
    const summary = opts.dryRun ? null : await writeSections(parts(), writeOptions(opts, io));
    if (opts.dryRun) {
      let first = true;
      for (const records of parts()) {
        if (!records.length) continue;
        // The same text as JSON.stringify(allRecords, null, 2), one section at a time.
        const text = opts.json
          ? records.map((r) => `  ${JSON.stringify(r, null, 2).replace(/\n/g, '\n  ')}`).join(',\n')
          : formatRecords(records);
        io.stdout.write(`${first ? (opts.json ? '[\n' : '') : opts.json ? ',\n' : '\n'}${text}`);
        first = false;
      }
      io.stdout.write(opts.json ? '\n]\n' : '\n');
    }
    await report.write(io.stderr, opts.file, [longPageNote(sections, STREAM_SECTION)]);
    if (summary) io.stdout.write(summaryLine(summary, opts.update));
    return 0;
  } finally {
    report.close();
  }
}

const writeOptions = (opts: Options, io: Io) => ({
  publish: opts.publish,
  update: opts.update,
  progress: (line: string) => io.stderr.write(`${line}\n`),
});

const summaryLine = (s: WriteSummary, update: boolean) =>
  `${s.created} created, ${s.unchanged} unchanged, ${s.changed} changed${update ? ' (updated)' : ' (not updated: use --update)'}\n`;

export const command: Command = {
  name: 'import-page',
  summary: 'import the publications listed on an old web page (text or HTML)',
  usage,
  run: (args) => runImportPage(args),
};
