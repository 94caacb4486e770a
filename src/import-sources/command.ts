// `kitap import FILE …` (spreadsheets and reference files) and `kitap harvest URL …` (OAI-PMH): the records
// and report as `kitap import-page` shows them, written through its writer.
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { ZodError } from 'zod';
import { UsageError, type Command } from '../cli/command.ts';
import { InputError } from '../import-page/lines.ts';
import { formatRecords, formatReport } from '../import-page/report.ts';
import { toPublicationInput } from '../import-page/to-publication-input.ts';
import { writeRecords } from '../import-page/write.ts';
import { formatMapping, MappingError, parseMapOption, type Target } from './columns.ts';
import { HARVEST_FORMATS, type HarvestFormat, HarvestError, harvest } from './harvest.ts';
import { proposeFromFile, SOURCE_FORMATS, type SourceFormat, type SourceResult } from './index.ts';

const WRITE_OPTIONS = `  --dry-run   write nothing; print the records (with --json: as a JSON array on stdout)
  --json      with --dry-run, print the records as JSON (the fields of kitap import-page)
  --publish   create new publications as published (default: drafts)
  --update    also rewrite publications found from an earlier import when the source now says
              something different (default: only report the differences)

A second import of the same source creates nothing new: each record is found again by what it came
from (a sheet's id or link column, the OAI identifier, the DOI or ISBN, else its title and year), and
the report lists what changed. Nothing is written when the source cannot be read.`;

const importUsage = `kitap import FILE [--format csv|xlsx|bibtex|ris|csljson] [--map COLUMN=FIELD]… [--dry-run] [--json] [--publish] [--update]

Imports a spreadsheet (CSV, XLSX) or a reference file (BibTeX, RIS, CSL-JSON: what Zotero, Mendeley and
EndNote export). The format comes from the file's extension or content unless --format names it.

A spreadsheet's header row says what each column is; the mapping is guessed from the headers in English,
Russian or Kazakh ("Title", "Название", "Атауы", "Год", "Жылы", "Авторы", …), shown in the report, and
changed with --map (repeatable): COLUMN is a header, a column number or letter; FIELD is one of
id, title, title_ru (a title in a language), subtitle, year, authors, editors, languages, kind,
abstract, publisher, funder, partner, isbn, issn, doi, url, pdf, topics, countries, pages, series,
or ignore. CSV: the delimiter (, ; tab) is found; UTF-8 (with or without BOM) or Windows-1251.

${WRITE_OPTIONS}`;

const harvestUsage = `kitap harvest URL [--format mods|oai_dc] [--set SET] [--from YYYY-MM-DD] [--timeout SECONDS] [--dry-run] [--json] [--publish] [--update]

Harvests another repository (DSpace, EPrints, Invenio, another Kitap) over OAI-PMH: its base URL, as in
https://repository.example.org/oai/request. Reads MODS records where the repository offers them (they keep
roles, identifier types and file addresses), else oai_dc; follows resumption tokens to the end, and leaves
out deleted records. An OAI error (badArgument, noRecordsMatch, …), an HTTP error, XML that
does not parse or a repository slower than --timeout (default 60 seconds a response) stops the harvest
with a message and exit code 1, and nothing is written.

  --format F       mods or oai_dc (default: mods when the repository lists it, else oai_dc)
  --set SET        only the records of this set (setSpec)
  --from DATE      only records added or changed since DATE (YYYY-MM-DD)
  --timeout SEC    seconds to wait for each response

${WRITE_OPTIONS}`;

const FORMAT_NAMES: Record<SourceFormat, string> = {
  csv: 'CSV',
  xlsx: 'XLSX',
  bibtex: 'BibTeX',
  ris: 'RIS',
  csljson: 'CSL-JSON',
};

export interface Io {
  stdout: Writable;
  stderr: Writable;
}

interface WriteFlags {
  dryRun: boolean;
  json: boolean;
  publish: boolean;
  update: boolean;
}

/** Runs `kitap import`; resolves to the exit code. */
export async function runImport(
  args: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const flags: WriteFlags = { dryRun: false, json: false, publish: false, update: false };
  let file = '';
  let format: SourceFormat | undefined;
  const map: Array<{ column: string; field: Target | null }> = [];
  try {
    walkArgs(args, flags, (opt, value) => {
      if (opt === '--format') {
        const f = value();
        if (!(SOURCE_FORMATS as readonly string[]).includes(f))
          throw new UsageError(`--format ${f}: one of ${SOURCE_FORMATS.join(', ')}`);
        format = f as SourceFormat;
      } else if (opt === '--map') map.push(parseMapOption(value()));
      else if (opt.startsWith('-')) throw new UsageError(`unknown option: ${opt}`);
      else if (file) throw new UsageError(`one file at a time: got "${file}" and "${opt}"`);
      else file = opt;
    });
    if (!file) throw new UsageError('which file? give the FILE to import');
    if (flags.json && !flags.dryRun) throw new UsageError('--json prints records only with --dry-run');
  } catch (err) {
    if (!(err instanceof UsageError) && !(err instanceof MappingError)) throw err;
    io.stderr.write(`kitap import: ${err.message}\n\n${importUsage}\n`);
    return 2;
  }
  let result: SourceResult;
  try {
    result = await proposeFromFile(file, readFile(file), { format, map });
  } catch (err) {
    if (err instanceof InputError || err instanceof MappingError) {
      io.stderr.write(`kitap import: ${err.message}\nNothing was written.\n`);
      return 1;
    }
    throw err;
  }
  return finish(file, result, flags, io);
}

function readFile(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${file}: no such file`
        : code === 'EISDIR'
          ? `${file} is a directory`
          : `${file}: cannot read (${code})`,
    );
  }
}

/** Runs `kitap harvest`; resolves to the exit code. */
export async function runHarvest(
  args: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const flags: WriteFlags = { dryRun: false, json: false, publish: false, update: false };
  let url = '';
  let set: string | undefined;
  let from: string | undefined;
  let format: HarvestFormat | undefined;
  let timeout = 60;
  try {
    walkArgs(args, flags, (opt, value) => {
      if (opt === '--set') set = value();
      else if (opt === '--format') {
        const f = value();
        if (!(HARVEST_FORMATS as readonly string[]).includes(f))
          throw new UsageError(`--format ${f}: one of ${HARVEST_FORMATS.join(', ')}`);
        format = f as HarvestFormat;
      } else if (opt === '--from') {
        from = value();
        if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/.test(from) || Number.isNaN(Date.parse(from)))
          throw new UsageError(`--from ${from}: a date as YYYY-MM-DD`);
      } else if (opt === '--timeout') {
        timeout = Number(value());
        if (!(timeout > 0 && timeout <= 3600)) throw new UsageError('--timeout: seconds, from 1 to 3600');
      } else if (opt.startsWith('-')) throw new UsageError(`unknown option: ${opt}`);
      else if (url) throw new UsageError(`one repository at a time: got "${url}" and "${opt}"`);
      else url = opt;
    });
    if (!url) throw new UsageError('which repository? give its OAI-PMH base URL');
    if (!/^https?:\/\/[^/]/i.test(url)) throw new UsageError(`${url}: an http:// or https:// address`);
    if (flags.json && !flags.dryRun) throw new UsageError('--json prints records only with --dry-run');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`kitap harvest: ${err.message}\n\n${harvestUsage}\n`);
    return 2;
  }
  let result: SourceResult;
  try {
    result = await harvest(url, {
      format,
      set,
      from,
      timeoutMs: timeout * 1000,
      progress: (line) => io.stderr.write(`${line}\n`),
    });
  } catch (err) {
    if (err instanceof HarvestError) {
      io.stderr.write(`kitap harvest: ${err.message}\nNothing was written.\n`);
      return 1;
    }
    throw err;
  }
  return finish(url, result, flags, io);
}

/**
 * Walks the arguments: the write flags are set; every other argument goes to `each`, an option with a
 * value() that reads "--opt VALUE" or "--opt=VALUE", a positional argument as it is.
 */
function walkArgs(args: string[], flags: WriteFlags, each: (arg: string, value: () => string) => void): void {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (writeFlag(flags, a)) continue;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const opt = eq > 0 ? a.slice(0, eq) : a;
    each(opt, () => {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${opt} needs a value`);
      return v;
    });
  }
}

function writeFlag(flags: WriteFlags, a: string): boolean {
  if (a === '--dry-run') flags.dryRun = true;
  else if (a === '--json') flags.json = true;
  else if (a === '--publish') flags.publish = true;
  else if (a === '--update') flags.update = true;
  else return false;
  return true;
}

/** The report on stderr, then the records (dry run) or the write and its summary. */
async function finish(source: string, result: SourceResult, flags: WriteFlags, io: Io): Promise<number> {
  if (result.format || result.notes?.length)
    io.stderr.write(
      `Read as ${[result.format && FORMAT_NAMES[result.format], ...(result.notes ?? [])].filter(Boolean).join(', ')}\n`,
    );
  if (result.mapping) io.stderr.write(formatMapping(result.mapping));
  io.stderr.write(formatReport(source, result.records, result.report));
  if (flags.dryRun) {
    io.stdout.write(flags.json ? `${JSON.stringify(result.records, null, 2)}\n` : `${formatRecords(result.records)}\n`);
    return 0;
  }
  // Every record is checked against the catalogue's input schema before anything is written.
  for (const r of result.records) {
    try {
      toPublicationInput(r, flags.publish);
    } catch (err) {
      if (!(err instanceof ZodError)) throw err;
      const issue = err.issues[0]!;
      io.stderr.write(
        `kitap: ${r.key} (line ${r.source_lines[0]}): ${issue.path.join('.') || 'record'}: ${issue.message}\nNothing was written.\n`,
      );
      return 1;
    }
  }
  const summary = await writeRecords(result.records, {
    publish: flags.publish,
    update: flags.update,
    progress: (line) => io.stderr.write(`${line}\n`),
  });
  io.stdout.write(
    `${summary.created} created, ${summary.unchanged} unchanged, ${summary.changed} changed${flags.update ? ' (updated)' : ' (not updated: use --update)'}\n`,
  );
  return 0;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a spreadsheet (CSV, XLSX) or reference file (BibTeX, RIS, CSL-JSON)',
  usage: importUsage,
  run: (args) => runImport(args),
};

export const harvestCommand: Command = {
  name: 'harvest',
  summary: 'harvest another repository over OAI-PMH (MODS or oai_dc)',
  usage: harvestUsage,
  run: (args) => runHarvest(args),
};
