// Test support: the app on a fresh database of each kind, with no port, and small record factories.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db, type Prepared } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { publicationInput, type PublicationInputRaw } from '../src/domain/publication.ts';
import { openFileStore } from '../src/files/open.ts';
import { createLogger } from '../src/log.ts';
import { createPublication } from '../src/store/publications.ts';
import type { Deps } from '../src/http/context.ts';

/** The PostgreSQL server tests use: TEST_DATABASE_URL, or the local one with trust auth. */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgReachable: Promise<boolean> | undefined;
/** Whether the PostgreSQL server answers; tests on it skip (with a message) when it does not. */
export function postgresAvailable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      if (process.env.CI) throw new Error(`CI needs the PostgreSQL server at ${PG_ADMIN_URL}`);
      console.warn(`# PostgreSQL not reachable at ${PG_ADMIN_URL}: its tests are skipped`);
      return false;
    }
  })();
  return pgReachable;
}

/** A throwaway database on the server; drop() removes it. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kitap_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

export interface TestApp {
  app: ReturnType<typeof buildApp>;
  deps: Deps;
  db: Db;
  dataDir: string;
  /** app.request with a path: status, headers, text. */
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** A migrated, empty database of the given kind with the app on it; null when that kind is unavailable. */
export async function openTestApp(backend: Backend, env: Record<string, string> = {}): Promise<TestApp | null> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-test-'));
  let dropPg = async () => {};
  let databaseUrl: string | undefined;
  if (backend === 'postgres') {
    if (!(await postgresAvailable())) return null;
    const created = await createPgDatabase();
    databaseUrl = created.url;
    dropPg = created.drop;
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const db = await openDb({ databaseUrl, pgliteDir: 'memory://' });
  await migrate(db);
  const deps: Deps = { db, config, log: createLogger('silent'), files: openFileStore(config) };
  const app = buildApp(deps);
  return {
    app,
    deps,
    db,
    dataDir,
    get: async (p, init) => app.request(p, init),
    async close() {
      await db.close();
      deps.files.close();
      await dropPg();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The database with the statements sent through it (a transaction counts one, 'begin'): for what must be
 * served without asking the database anything. It listens as the database does.
 */
export function countingDb(db: Db): { db: Db; statements: () => number; sql: string[] } {
  const sql: string[] = [];
  const count = <T>(text: string | Prepared, result: T): T => {
    sql.push(typeof text === 'string' ? text : text.text);
    return result;
  };
  const counted: Db = {
    kind: db.kind,
    query: <T>(text: string | Prepared, params?: unknown[]) => count(text, db.query<T>(text, params)),
    one: <T>(text: string | Prepared, params?: unknown[]) => count(text, db.one<T>(text, params)),
    exec: (text: string) => count(text, db.exec(text)),
    tx: <T>(fn: (t: Db) => Promise<T>) => count('begin', db.tx(fn)),
    close: () => db.close(),
    ...(db.listen ? { listen: db.listen.bind(db) } : {}),
  };
  return { db: counted, statements: () => sql.length, sql };
}

let counter = 0;
/** A valid publication input with sensible defaults; override what the test is about. */
export function pubInput(over: Partial<PublicationInputRaw> = {}) {
  counter++;
  return publicationInput.parse({
    kind: 'report',
    title: { en: `Test publication ${counter}` },
    year: 2020,
    languages: ['en'],
    ...over,
  });
}

/** Creates a publication and returns its slug. */
export async function makePublication(db: Db, over: Partial<PublicationInputRaw> = {}): Promise<string> {
  return (await createPublication(db, pubInput(over))).slug;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/kitap.js ARGS` as a user would and resolves with its exit code and output: env over
 * process.env (LOG_LEVEL warn unless given), stdin written and closed, killed past timeoutMs.
 */
export function runKitap(
  args: string[],
  opts: { env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve('bin/kitap.js'), ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 180_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** Starts `node bin/kitap.js serve` on a free port (env over process.env, in cwd if given); resolves once it listens. */
export async function startServer(
  env: Record<string, string>,
  opts: { cwd?: string } = {},
): Promise<{ proc: ChildProcess; base: string; log: () => string }> {
  const proc = spawn('node', [path.resolve('bin/kitap.js'), 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  let err = '';
  const port = await new Promise<number>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      err += d;
      const m = /"port":(\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', () => reject(new Error(`server exited: ${err}`)));
  });
  return { proc, base: `http://127.0.0.1:${port}`, log: () => err };
}

/** Stops a server started by startServer and waits for it to exit. */
export async function stopServer(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  // A process ended by a signal (kill -9) has no exit code, but a signal code.
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill(signal);
  await new Promise((r) => proc.once('exit', r));
}

/** Python's openapi-spec-validator over an OpenAPI document (written into dir): null where it is not installed. */
export function validateOpenApi(doc: unknown, dir: string): { status: number | null; output: string } | null {
  const file = path.join(dir, 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  const check = spawnSync('python3', ['-m', 'openapi_spec_validator', file], { encoding: 'utf8' });
  if (check.error || /No module named/.test(check.stderr)) return null;
  return { status: check.status, output: check.stdout + check.stderr };
}
