// One small query interface over the two ways Kitap runs PostgreSQL: embedded PGlite under
// DATA_DIR, or a server through `pg` when DATABASE_URL is set. SQL is the same for both.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** Rows of a parameterised query ($1, $2, …). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The first row, or null when there is none. */
  one<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | null>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; nested calls join the outer one. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DbLockedError extends Error {}

// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the local time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (v: string) => v);
// count(*) and other int8 values come back as numbers; Kitap's counts never pass 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface DbOptions {
  /** postgres://… for a server; otherwise the PGlite data directory, or 'memory://' for a throwaway one. */
  databaseUrl?: string;
  pgliteDir?: string;
}

/** Opens the database the configuration names. */
export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.pgliteDir ?? 'memory://');
}

async function openPostgres(url: string): Promise<Db> {
  // No JIT: it compiles any statement the planner thinks costly, which here means a search over a large
  // catalogue, and the compiling takes far longer (0.2–1 s) than running the statement.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
  // An idle connection the server closes (a restart, a dropped database) is only dropped from the pool:
  // the next query opens a new one. Without a listener the pool's 'error' event would end the process.
  pool.on('error', () => {});
  await pool.query('select 1');
  const wrap = (c: pg.Pool | pg.PoolClient, inTx: boolean): Db => ({
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await c.query(sql, params)).rows as T[];
    },
    async one<T>(sql: string, params: unknown[] = []) {
      return ((await c.query(sql, params)).rows[0] as T) ?? null;
    },
    async exec(sql: string) {
      await c.query(sql);
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      if (inTx) return fn(this);
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client, true));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (!inTx) await pool.end();
    },
  });
  return wrap(pool, false);
}

async function openPglite(dir: string): Promise<Db> {
  const memory = dir.startsWith('memory://');
  let release = () => {};
  if (!memory) {
    fs.mkdirSync(dir, { recursive: true });
    release = lockDir(dir);
  }
  let lite: PGlite;
  try {
    lite = await PGlite.create(memory ? undefined : dir, {
      extensions: { pg_trgm, unaccent },
      // PGlite's default 128 MB of shared buffers live in the WebAssembly heap from the start; 32 MB holds a
      // catalogue of 10,000 publications as fast and saves ~100 MB of memory (bench/RESULTS.md).
      postgresqlconf: ['shared_buffers = 32MB'],
      parsers: { [DATE_OID]: (v: string) => v, [pgliteTypes.INT8]: (v: string) => Number(v) },
    });
  } catch (err) {
    release();
    throw err;
  }
  type Q = Pick<PGlite, 'query' | 'exec'>;
  const wrap = (c: Q, inTx: boolean): Db => ({
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await c.query<T>(sql, params)).rows;
    },
    async one<T>(sql: string, params: unknown[] = []) {
      return (await c.query<T>(sql, params)).rows[0] ?? null;
    },
    async exec(sql: string) {
      await c.exec(sql);
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      if (inTx) return fn(this);
      return lite.transaction((t) => fn(wrap(t, true)));
    },
    async close() {
      if (inTx) return;
      await lite.close();
      release();
    },
  });
  return wrap(lite, false);
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A lock file holding the owner's pid keeps a second process out; a stale lock (dead pid) is taken over.
 */
function lockDir(dir: string): () => void {
  const lockPath = path.join(dir, '..', `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DbLockedError(
          `the embedded database in ${dir} is in use by process ${pid} (a running "kitap serve"?). ` +
            'Stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DbLockedError(`could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
