// `kitap doctor`: checks a deployment the way an IT person would before trusting it, and says what to fix.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, type Command } from '../cli/command.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { type Db, DbLockedError, openDb } from '../db/db.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { openFileStore } from '../files/open.ts';
import type { FileStore } from '../files/store.ts';
import { fixityRuns } from '../store/fixity.ts';

export type Verdict = 'ok' | 'warn' | 'fail';
export interface Check {
  verdict: Verdict;
  what: string;
  detail: string;
}

const TESSERACT_LANGUAGES: Record<string, string> = {
  eng: 'English',
  rus: 'Russian',
  kaz: 'Kazakh',
  kir: 'Kyrgyz',
  uzb_cyrl: 'Uzbek (Cyrillic)',
  tgk: 'Tajik',
};

/** Whether a program answers on this machine (its first line of output), or null. */
function programVersion(cmd: string, args: string[]): string | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) return null;
  return `${r.stdout}${r.stderr}`.split('\n').find((l) => l.trim()) ?? '';
}

/** The database: reachable, and at the schema this version expects. */
async function databaseChecks(config: Config): Promise<Check[]> {
  const where = config.DATABASE_URL
    ? 'the PostgreSQL server in DATABASE_URL'
    : `the embedded database in ${config.pgliteDir}`;
  let db;
  try {
    db = await openDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
  } catch (err) {
    if (err instanceof DbLockedError)
      return [{ verdict: 'warn', what: 'database', detail: `${where} cannot be checked now: ${err.message}` }];
    const reason = err instanceof Error ? err.message : String(err);
    return [
      {
        verdict: 'fail',
        what: 'database',
        detail: `${where} cannot be opened (${reason}); check DATABASE_URL, that the server runs and accepts this user`,
      },
    ];
  }
  try {
    const pending = await pendingMigrations(db);
    const fixity = pending.length ? [] : [await fixityCheck(db, config)];
    return [
      { verdict: 'ok', what: 'database', detail: `${where} answers` },
      pending.length
        ? {
            verdict: 'warn',
            what: 'migrations',
            detail: `${pending.length} pending (${pending.join(', ')}): \`kitap migrate\` applies them (and \`kitap serve\` does at start)`,
          }
        : { verdict: 'ok', what: 'migrations', detail: 'the database has every migration' },
      ...fixity,
    ];
  } finally {
    await db.close();
  }
}

/** The latest fixity check: when it ran, and whether every stored file read back as it was stored. */
async function fixityCheck(db: Db, config: Config): Promise<Check> {
  const last = (await fixityRuns(db, 1))[0];
  const schedule = config.FIXITY_INTERVAL_HOURS
    ? `the server checks every ${config.FIXITY_INTERVAL_HOURS} hours`
    : 'FIXITY_INTERVAL_HOURS=0: run `kitap fixity` from cron';
  if (!last)
    return {
      verdict: 'warn',
      what: 'fixity',
      detail: `no check of the stored files yet (${schedule}; or run \`kitap fixity\`)`,
    };
  const when = last.started_at.toISOString().slice(0, 16).replace('T', ' ');
  return last.problems.length
    ? {
        verdict: 'fail',
        what: 'fixity',
        detail: `the check of ${when} UTC found ${last.problems.length} damaged or missing files: \`kitap fixity\` names them; copy each back from a backup`,
      }
    : {
        verdict: 'ok',
        what: 'fixity',
        detail: `${last.files_checked} files read back intact on ${when} UTC (${schedule})`,
      };
}

/** Room left on the disk of DATA_DIR: uploads, page images and the embedded database need it. */
function diskCheck(config: Config): Check | null {
  let stat: fs.StatsFs;
  try {
    stat = fs.statfsSync(fs.existsSync(config.DATA_DIR) ? config.DATA_DIR : path.dirname(config.DATA_DIR));
  } catch {
    return null;
  }
  const free = stat.bavail * stat.bsize;
  const gb = (free / 1024 ** 3).toFixed(1);
  return free < 1024 ** 3
    ? {
        verdict: 'warn',
        what: 'disk',
        detail: `only ${gb} GB free for ${config.DATA_DIR}: uploads and backups need room`,
      }
    : { verdict: 'ok', what: 'disk', detail: `${gb} GB free for ${config.DATA_DIR}` };
}

/** The file store: a file can be written, read back and removed (in the folder, or the bucket of FILES_URL). */
async function fileStoreCheck(config: Config): Promise<Check> {
  const bucket = config.FILES_URL?.startsWith('s3:') ?? false;
  const at = config.S3_ENDPOINT ? ` at ${config.S3_ENDPOINT}` : '';
  const where = bucket ? `${config.FILES_URL}${at}` : (config.FILES_URL ?? config.filesDir);
  let store: FileStore | null = null;
  try {
    store = openFileStore(config);
    await store.probe();
    return {
      verdict: 'ok',
      what: 'file store',
      detail: `${where} is ${bucket ? 'reachable and writable' : 'writable'}`,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message || err.name : String(err);
    return {
      verdict: 'fail',
      what: 'file store',
      detail: bucket
        ? `${where} cannot be written and read back (${reason}): check FILES_URL, S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE, the keys, and that the bucket exists`
        : `${where} is not writable (${reason}): give the user that runs Kitap a writable ${config.FILES_URL ? 'folder' : 'DATA_DIR'}`,
    };
  } finally {
    store?.close();
  }
}

/** Settings a public deployment needs. */
function settingChecks(config: Config): Check[] {
  const out: Check[] = [];
  if (!config.PUBLIC_URL) {
    out.push({
      verdict: 'warn',
      what: 'PUBLIC_URL',
      detail:
        "unset: absolute links, feeds and OAI-PMH follow each request's Host; set it to the address readers use (https://…)",
    });
  } else {
    out.push({ verdict: 'ok', what: 'PUBLIC_URL', detail: config.PUBLIC_URL });
    if (config.PUBLIC_URL.startsWith('https:') && !config.TRUST_PROXY) {
      out.push({
        verdict: 'warn',
        what: 'TRUST_PROXY',
        detail:
          "false with an https PUBLIC_URL: behind a reverse proxy set TRUST_PROXY=true, or every reader shares the proxy's address in rate limits",
      });
    }
  }
  out.push(
    config.SMTP_URL && config.STAFF_NOTIFY.length
      ? {
          verdict: 'ok',
          what: 'mail',
          detail: `readers' requests are mailed to ${config.STAFF_NOTIFY.length} address(es)`,
        }
      : {
          verdict: 'warn',
          what: 'mail',
          detail: "SMTP_URL or STAFF_NOTIFY unset: readers' requests reach the admin inbox only",
        },
  );
  return out;
}

/** Optional native tools: what each adds, and the Debian package that brings it. */
function toolChecks(): Check[] {
  const out: Check[] = [];
  const pdftotext = programVersion('pdftotext', ['-v']);
  out.push(
    pdftotext !== null
      ? { verdict: 'ok', what: 'poppler', detail: pdftotext }
      : { verdict: 'warn', what: 'poppler', detail: 'pdftotext not found (optional): apt-get install poppler-utils' },
  );
  const tesseract = programVersion('tesseract', ['--version']);
  if (tesseract === null) {
    out.push({
      verdict: 'warn',
      what: 'OCR',
      detail:
        'tesseract not found: scans stay unsearchable; apt-get install tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-kir',
    });
  } else {
    const listed = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
    const have = new Set(listed.split('\n').map((l) => l.trim()));
    const missing = Object.keys(TESSERACT_LANGUAGES).filter((l) => !have.has(l));
    out.push(
      missing.length
        ? {
            verdict: 'warn',
            what: 'OCR',
            detail: `${tesseract}; no language data for ${missing.map((l) => TESSERACT_LANGUAGES[l]).join(', ')}: apt-get install ${missing.map((l) => `tesseract-ocr-${l.replace('_', '-')}`).join(' ')}`,
          }
        : { verdict: 'ok', what: 'OCR', detail: `${tesseract}, with ${Object.values(TESSERACT_LANGUAGES).join(', ')}` },
    );
  }
  return out;
}

/** Every check of a deployment, in the order an operator would fix them. */
export async function checkDeployment(config: Config): Promise<Check[]> {
  const disk = diskCheck(config);
  return [
    ...(await databaseChecks(config)),
    await fileStoreCheck(config),
    ...(disk ? [disk] : []),
    ...settingChecks(config),
    ...toolChecks(),
  ];
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check a deployment (database, migrations, file store, settings, optional tools) and say what to fix',
  usage:
    'kitap doctor\n\nChecks the database (reachable, migrated), the latest fixity check, the file store (writable), the\nroom on its disk, the settings a public site needs\n(PUBLIC_URL, TRUST_PROXY, mail) and the optional tools (poppler, Tesseract and its languages).\nExit code 1 when a check fails; warnings leave it 0.',
  async run(args) {
    if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
    let config: Config;
    try {
      config = loadConfig();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stdout.write(`FAIL  settings     ${err.message}\n`);
      return 1;
    }
    const checks = await checkDeployment(config);
    for (const c of checks)
      process.stdout.write(`${c.verdict.toUpperCase().padEnd(5)} ${c.what.padEnd(12)} ${c.detail}\n`);
    return checks.some((c) => c.verdict === 'fail') ? 1 : 0;
  },
};
