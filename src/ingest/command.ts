// `kitap ingest FILE --publication SLUG`: stores a PDF as a file of a publication through the job
// queue (text by page, language, cover); `--dry-run` only reads it and prints what would be stored.
import fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../cli/command.ts';
import { loadConfig, type Config } from '../config.ts';
import { CONTENT_LANGUAGES } from '../domain/publication.ts';
import { openRuntime } from '../runtime.ts';
import { ingestJob } from '../store/ingest-jobs.ts';
import { publicationIdBySlug } from '../store/publications.ts';
import { DEFAULT_LIMITS, extractPdf, type Extraction, type Limits } from './extract.ts';
import { cleanFileName } from '../domain/file-names.ts';
import { commandIngestJob, ingestLimits, queueIngest } from './jobs.ts';
import { scriptOfText } from './ocr-languages.ts';
import { ocrPages, type OcrOutcome } from './ocr-pages.ts';

const usage = `kitap ingest FILE --publication SLUG [--language LANG] [options]
kitap ingest FILE --dry-run [--json] [options]

Reads a PDF — text page by page, language, metadata, cover; pages without text by OCR where Tesseract
is installed — and adds it to the publication SLUG (the same bytes are stored once). With --dry-run it
prints what it read and stores nothing.
A file it refuses (encrypted, damaged, too large, …) ends with the reason, exit code 1.

  --publication SLUG the publication the file belongs to
  --language LANG    the file's language (ISO 639-1); detected when not given
  --dry-run          read and print only
  --json             print {pages, language, pages_without_text, text, ocr, warnings, metadata}
  --cover FILE       also write the cover thumbnail (WebP) to FILE
  --max-size MB      largest file accepted (default ${DEFAULT_LIMITS.maxBytes / 1024 / 1024})
  --max-pages N      most pages accepted (default ${DEFAULT_LIMITS.maxPages})
  --timeout S        time limit in seconds (default ${DEFAULT_LIMITS.timeoutMs / 1000})
  --max-memory MB    memory limit of the parser (default ${DEFAULT_LIMITS.maxMemoryMb})`;

export const command: Command = {
  name: 'ingest',
  summary: 'read a PDF: text, language, metadata, cover (--dry-run prints them)',
  usage,
  async run(args) {
    const { file, values, limits } = parseInput(args);
    if (!values['dry-run']) return store(file, values.publication, values.language, limits);
    // The configured limits (INGEST_*, UPLOAD_MAX_BYTES) hold for a dry run too; options override them.
    const result = await extractPdf(file, { ...ingestLimits(loadConfig()), ...limits });
    if (!result.ok) {
      if (values.json) print(JSON.stringify({ error: { code: result.code, reason: result.reason } }));
      process.stderr.write(`kitap ingest: ${file}: ${result.reason}\n`);
      return 1;
    }
    if (values.language !== undefined && !(CONTENT_LANGUAGES as readonly string[]).includes(values.language))
      throw new UsageError(`--language must be one of ${CONTENT_LANGUAGES.join(', ')}`);
    if (values.cover && result.cover) await writeFile(values.cover, result.cover.data);
    const ocr = await dryRunOcr(file, result, values.language, limits);
    print(values.json ? JSON.stringify(dryRunJson(result, ocr), null, 2) : summary(file, result, ocr));
    return 0;
  },
};

/** Queues the file on the publication and runs its job here, printing progress to stderr. */
async function store(
  file: string,
  slug: string | undefined,
  language: string | undefined,
  limits: Partial<Limits>,
): Promise<number> {
  if (!slug) throw new UsageError('give --publication SLUG (or --dry-run to only read the file)');
  if (language !== undefined && !(CONTENT_LANGUAGES as readonly string[]).includes(language))
    throw new UsageError(`--language must be one of ${CONTENT_LANGUAGES.join(', ')}`);
  if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const deps = await openRuntime();
  try {
    const publicationId = await publicationIdBySlug(deps.db, slug);
    if (!publicationId) throw new UsageError(`no publication "${slug}"`);
    const config = { ...deps.config, ...configLimits(limits, deps.config) };
    const jobId = await queueIngest({ ...deps, config }, fs.createReadStream(file), {
      publicationId,
      originalName: cleanFileName(path.basename(file)),
      language,
    });
    const progress = setInterval(async () => {
      const j = await ingestJob(deps.db, jobId);
      if (j?.progress_total) process.stderr.write(`\rpage ${j.progress_page} of ${j.progress_total}`);
    }, 500);
    const job = await commandIngestJob({ ...deps, config }, jobId).finally(() => clearInterval(progress));
    if (job.state !== 'done') {
      process.stderr.write(`\nkitap ingest: ${file}: ${job.error}\n`);
      return 1;
    }
    process.stderr.write('\n');
    print(`stored ${path.basename(file)} on ${slug}: ${job.progress_total} pages, file ${job.file_id}`);
    return 0;
  } finally {
    await deps.db.close();
  }
}

/** Command-line limits override the configured ones for this run. */
function configLimits(limits: Partial<Limits>, config: Config): Partial<Config> {
  return {
    UPLOAD_MAX_BYTES: limits.maxBytes ?? config.UPLOAD_MAX_BYTES,
    INGEST_MAX_PAGES: limits.maxPages ?? config.INGEST_MAX_PAGES,
    INGEST_TIMEOUT_S: limits.timeoutMs ? limits.timeoutMs / 1000 : config.INGEST_TIMEOUT_S,
    INGEST_MAX_MEMORY_MB: limits.maxMemoryMb ?? config.INGEST_MAX_MEMORY_MB,
  };
}

function parseInput(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean' },
        publication: { type: 'string' },
        language: { type: 'string' },
        json: { type: 'boolean' },
        cover: { type: 'string' },
        'max-size': { type: 'string' },
        'max-pages': { type: 'string' },
        timeout: { type: 'string' },
        'max-memory': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('give exactly one PDF file');
  const limits: Partial<Limits> = {};
  const number = (flag: keyof typeof values, scale: number, set: (n: number) => void) => {
    const raw = values[flag];
    if (typeof raw !== 'string') return;
    const n = Number(raw);
    if (!(n > 0)) throw new UsageError(`--${flag} must be a positive number, got ${JSON.stringify(raw)}`);
    set(Math.round(n * scale));
  };
  number('max-size', 1024 * 1024, (n) => (limits.maxBytes = n));
  number('max-pages', 1, (n) => (limits.maxPages = n));
  number('timeout', 1000, (n) => (limits.timeoutMs = n));
  number('max-memory', 1, (n) => (limits.maxMemoryMb = n));
  return { file: positionals[0], values, limits };
}

/** The same OCR a job runs, on the pages without text: with the language given, else the one read from the text. */
async function dryRunOcr(
  file: string,
  result: Extraction,
  language: string | undefined,
  limits: Partial<Limits>,
): Promise<OcrOutcome | null> {
  const config = loadConfig();
  if (result.pagesWithoutText.length === 0 || !config.OCR_TESSERACT) return null;
  const hints = [language, result.language].filter((l): l is string => !!l);
  return ocrPages(file, {
    pages: result.pagesWithoutText,
    hints,
    script: scriptOfText(result.pages.join('\n')),
    tesseract: config.OCR_TESSERACT,
    limits: { ...limits, timeoutMs: config.OCR_TIMEOUT_S * 1000 },
  });
}

/**
 * The dry run's JSON: the fields the job queue will store (pages_without_text are the page numbers
 * without a text layer), with the OCR's text in `text` and its pages, confidence and end in `ocr`.
 */
export function dryRunJson(result: Extraction, ocr: OcrOutcome | null = null) {
  return {
    pages: result.pageCount,
    language: result.language,
    other_languages: result.otherLanguages,
    pages_without_text: result.pagesWithoutText,
    text: withOcr(result.pages, ocr),
    ocr: ocr && {
      state: ocr.end,
      languages: ocr.languages,
      reason: ocr.reason,
      install: ocr.missing,
      pages: ocr.read.map((p) => ({ page: p.page, confidence: p.confidence })),
    },
    warnings: result.warnings,
    metadata: result.metadata,
  };
}

function withOcr(pages: string[], ocr: OcrOutcome | null): string[] {
  const out = [...pages];
  for (const p of ocr?.read ?? []) out[p.page - 1] = p.text;
  return out;
}

function summary(file: string, result: Extraction, ocr: OcrOutcome | null): string {
  const lines = [
    `${file}: ${result.pageCount} pages, language ${result.language ?? 'unknown'}` +
      (result.pagesWithoutText.length ? `, without text: ${result.pagesWithoutText.join(', ')}` : ''),
    ...result.warnings.map((w) => `warning: ${w.message}`),
  ];
  if (ocr)
    lines.push(
      `OCR (${ocr.languages ?? '–'}): ${ocr.end}${ocr.reason ? `, ${ocr.reason}` : ''}; ` +
        ocr.read.map((p) => `page ${p.page} ${p.confidence} %`).join(', '),
    );
  withOcr(result.pages, ocr).forEach((text, i) => lines.push('', `--- page ${i + 1} ---`, text));
  return lines.join('\n');
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
