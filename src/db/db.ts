// One small query interface over the two ways Kitap runs PostgreSQL: embedded PGlite under
// DATA_DIR, or a server through `pg` when DATABASE_URL is set. SQL is the same for both.
import fs from 'node:fs';
import path from 'node:path';
import { parse as pgliteParse, PGlite, protocol, types as pgliteTypes } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { Listeners, NotificationScanner, pgListening } from './listen.ts';
import { isAlive } from '../ops/alive.ts';

/**
 * A statement the database keeps parsed and planned for the session (a named prepared statement), sent by name
 * after its first use: for the few run on every uncached page, whose planning costs more than running them (the
 * item page's detail query: ~0.7 ms of planning against ~0.3 ms of running on PostgreSQL; on PGlite, in this
 * process, ~3 ms against ~1 ms). The name is this process's alone: give each text its own.
 */
export interface Prepared {
  readonly name: string;
  readonly text: string;
}
export const prepared = (name: string, text: string): Prepared => ({ name: `kitap_${name}`, text });
const textOf = (sql: string | Prepared) => (typeof sql === 'string' ? sql : sql.text);

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** Rows of a parameterised query ($1, $2, …). */
  query<T = Record<string, unknown>>(sql: string | Prepared, params?: unknown[]): Promise<T[]>;
  /** The first row, or null when there is none. */
  one<T = Record<string, unknown>>(sql: string | Prepared, params?: unknown[]): Promise<T | null>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction; nested calls join the outer one. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Set when the embedded database is reached through the socket of the server (this pid) that holds it. */
  readonly sharedBy?: number;
  /**
   * Embedded database on a directory only: shares it on a unix socket in DATA_DIR, so that the commands run
   * while this process serves reach it (see openDb). Resolves to the socket's folder, or null with the reason
   * it could not be shared. close() stops sharing.
   */
  share?(): Promise<{ dir: string } | { dir: null; reason: string }>;
  /**
   * Tells `listener` of every notification on `channel` (NOTIFY, pg_notify) from any session once its
   * transaction commits: those of this process's own writes before the statement that made them returns, those
   * of other processes (instances, commands) as they arrive. `listener.listening(false)` says the listening
   * connection was lost, `listening(true)` that it listens (again): notifications may have been missed in
   * between. Resolves once the first connection was tried; the returned function stops listening. Absent where a
   * process cannot listen (a command reaching the embedded database through a server's socket).
   */
  listen?(channel: string, listener: ChangeListener): Promise<() => void>;
}

export interface ChangeListener {
  notify(payload: string): void;
  listening(on: boolean): void;
}

export class DbLockedError extends Error {}

// Errors that say the database server cannot be reached or went away, not that a statement was wrong: network
// errors, SQLSTATE class 08 (connection exception), 57P01–57P03 (shut down, crashed, not accepting connections
// yet), and what pg says of a connection lost mid-way or not made in time.
const AWAY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const AWAY_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/;

/** Whether err means the database server is away (a restart, the network), so the request may succeed later. */
export function isDbUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof AggregateError && err.errors.some(isDbUnavailable)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (AWAY_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code)))
    return true;
  return AWAY_MESSAGES.test(err.message) || (err.cause !== undefined && isDbUnavailable(err.cause));
}

// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the local time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (v: string) => v);
// count(*) and other int8 values come back as numbers; Kitap's counts never pass 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface DbOptions {
  /** postgres://… for a server; otherwise the PGlite data directory, or 'memory://' for a throwaway one. */
  databaseUrl?: string;
  pgliteDir?: string;
  /**
   * Refuse (DbLockedError) rather than go through a running server's socket when that server holds the
   * embedded database: for what cannot share it (a second server, a restore that replaces everything).
   */
  exclusive?: boolean;
  /** This process is `kitap serve`: it opens the database exclusively and will share it (written in the lock). */
  serving?: boolean;
}

/** Opens the database the configuration names. */
export async function openDb(opts: DbOptions): Promise<Db> {
  // No JIT: it compiles any statement the planner thinks costly, which here means a search over a large
  // catalogue, and the compiling takes far longer (0.2–1 s) than running the statement.
  // No connectionTimeoutMillis: pg applies it to the wait for a free connection of the pool as well, and under
  // many readers on a busy machine that wait turned slow answers into 503s (bench:load, 2026-12-06). A server
  // that is away refuses or resets at once, which isDbUnavailable answers as 503.
  if (opts.databaseUrl) return openPostgres({ connectionString: opts.databaseUrl, max: 10, options: '-c jit=off' });
  return openPglite(opts.pgliteDir ?? 'memory://', opts);
}

/** What pg runs: SQL text, or a named prepared statement. */
type Statement = string | { name: string; text: string };

async function openPostgres(config: pg.PoolConfig, sharedBy?: number): Promise<Db> {
  const pool = new pg.Pool(config);
  // An idle connection the server closes (a restart, a dropped database) is only dropped from the pool:
  // the next query opens a new one. Without a listener the pool's 'error' event would end the process.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const listening = sharedBy ? null : pgListening(config, pool);
  // Through a server's socket the session is the server's own PGlite session: its statement names are taken.
  const statement = (sql: string | Prepared): Statement =>
    typeof sql === 'string' || sharedBy ? textOf(sql) : { name: sql.name, text: sql.text };
  /**
   * A connection of the pool for `fn`, listening (see pgListening) before `fn` runs. A client out of the pool has
   * no listener of the pool's: the server going away meanwhile would be an unhandled 'error' event that ends the
   * process. The query under way fails by itself; the client is then destroyed rather than returned to the pool,
   * as it is after any failed statement when `dropOnError` (what pool.query does: a connection whose prepared
   * statement no longer fits its table is not kept).
   */
  async function withClient<T>(dropOnError: boolean, fn: (client: pg.PoolClient, lost: () => boolean) => Promise<T>) {
    const client = await pool.connect();
    let drop: Error | undefined;
    const onError = (err: Error) => {
      drop = err;
    };
    client.on('error', onError);
    try {
      await listening?.ready(client);
      return await fn(client, () => drop !== undefined);
    } catch (err) {
      if (dropOnError) drop ??= err as Error;
      throw err;
    } finally {
      client.off('error', onError);
      client.release(drop);
    }
  }
  // Without listening a statement goes to pool.query, which takes and returns a connection the same way.
  const run = (sql: Statement, params?: unknown[]) =>
    listening ? withClient(true, (client) => client.query(sql, params)) : pool.query(sql, params);
  const wrap = (c: pg.PoolClient | null): Db => ({
    // The embedded database through its server's socket is still PGlite: one session, no autovacuum.
    kind: sharedBy ? 'pglite' : 'postgres',
    ...(sharedBy ? { sharedBy } : {}),
    async query<T>(sql: string | Prepared, params: unknown[] = []) {
      return (await (c ? c.query(statement(sql), params) : run(statement(sql), params))).rows as T[];
    },
    async one<T>(sql: string | Prepared, params: unknown[] = []) {
      return ((await (c ? c.query(statement(sql), params) : run(statement(sql), params))).rows[0] as T) ?? null;
    },
    async exec(sql: string) {
      await (c ? c.query(sql) : run(sql));
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      if (c) return fn(this);
      return withClient(false, async (client, lost) => {
        try {
          await client.query('begin');
          const result = await fn(wrap(client));
          await client.query('commit');
          return result;
        } catch (err) {
          if (!lost()) await client.query('rollback').catch(() => {});
          throw err;
        }
      });
    },
    async close() {
      if (c) return;
      await listening?.close();
      await pool.end();
    },
    ...(listening && !c ? { listen: listening.listen } : {}),
  });
  return wrap(null);
}

/** The folder of a shared embedded database's socket: DATA_DIR/pglite.socket/.s.PGSQL.5432, as psql names one. */
const socketDirOf = (dir: string) => path.join(dir, '..', `${path.basename(dir)}.socket`);
const SOCKET_PORT = 5432;
const socketFile = (socketDir: string) => path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
/** Longest path a unix socket may have on Linux (sun_path, 108 bytes with its NUL). */
const SOCKET_PATH_MAX = 107;

async function openPglite(dir: string, opts: DbOptions): Promise<Db> {
  const memory = dir.startsWith('memory://');
  let release = () => {};
  if (!memory) {
    fs.mkdirSync(dir, { recursive: true });
    try {
      release = lockDir(dir, opts.serving ?? false);
    } catch (err) {
      if (!(err instanceof HeldError)) throw err;
      if (opts.serving && err.serving)
        throw new DbLockedError(`${err.message}: another "kitap serve" already serves this DATA_DIR.`);
      if (opts.exclusive || opts.serving)
        throw new DbLockedError(
          `${err.message}. This command cannot run while it does: stop that process first, then run it again.`,
        );
      return openThroughSocket(dir, err);
    }
    // This process owns the database now: a socket left by a server that was killed leads nowhere.
    fs.rmSync(socketDirOf(dir), { recursive: true, force: true });
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
  // PGlite is one session. This process's statements and transactions, and each transaction of a command
  // connected through the socket, take turns on it: see share().
  const turn = new Turn();
  const listeners = new Listeners();
  const listened = new Set<string>();
  let socketServer: PGLiteSocketServer | null = null;
  type Q = Pick<PGlite, 'query' | 'exec'>;
  const statements = new PgliteStatements(lite);
  // Inside a transaction a prepared statement is sent as text: PGlite's transaction holds the session.
  const rows = <T>(c: Q, inTx: boolean, sql: string | Prepared, params: unknown[]): Promise<T[]> =>
    typeof sql === 'string' || inTx
      ? c.query<T>(textOf(sql), params).then((r) => r.rows)
      : statements.run<T>(sql, params);
  const wrap = (c: Q, inTx: boolean): Db => ({
    kind: 'pglite',
    async query<T>(sql: string | Prepared, params: unknown[] = []) {
      if (inTx) return rows<T>(c, true, sql, params);
      return turn.run(() => rows<T>(c, false, sql, params));
    },
    async one<T>(sql: string | Prepared, params: unknown[] = []) {
      if (inTx) return (await rows<T>(c, true, sql, params))[0] ?? null;
      return turn.run(async () => (await rows<T>(c, false, sql, params))[0] ?? null);
    },
    async exec(sql: string) {
      if (inTx) await c.exec(sql);
      else await turn.run(() => c.exec(sql));
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      if (inTx) return fn(this);
      return turn.run(() => lite.transaction((t) => fn(wrap(t, true))));
    },
    async close() {
      if (inTx) return;
      if (socketServer) {
        await socketServer.stop();
        fs.rmSync(socketDirOf(dir), { recursive: true, force: true });
      }
      await lite.close();
      release();
    },
    ...(inTx
      ? {}
      : {
          // One session: this process's own statements and the commands' (through the socket) notify it.
          async listen(channel: string, listener: ChangeListener) {
            if (!listened.has(channel)) {
              listened.add(channel);
              await turn.run(() => lite.listen(channel, (payload) => listeners.dispatch(channel, payload)));
            }
            listeners.add(channel, listener);
            listener.listening(true);
            return () => listeners.remove(channel, listener);
          },
        }),
    ...(memory || inTx
      ? {}
      : {
          async share() {
            const socketDir = socketDirOf(dir);
            const file = socketFile(socketDir);
            if (Buffer.byteLength(file) > SOCKET_PATH_MAX)
              return {
                dir: null,
                reason: `its path would be longer than a unix socket's ${SOCKET_PATH_MAX} bytes: ${file}`,
              };
            // A folder only this user may enter, made afresh: whatever was there was left by a killed server.
            fs.rmSync(socketDir, { recursive: true, force: true });
            fs.mkdirSync(socketDir, { mode: 0o700 });
            const side = socketSide(
              lite,
              turn,
              (channel, payload) => listeners.dispatch(channel, payload),
              () => holderLeft(socketServer),
            );
            socketServer = new PGLiteSocketServer({ db: side, path: file, maxConnections: 16 });
            await socketServer.start();
            fs.chmodSync(file, 0o600);
            return { dir: socketDir };
          },
        }),
  });
  return wrap(lite, false);
}

const { serialize } = protocol;

/** Joins protocol messages, to send them to PGlite in one call. */
function messages(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Named prepared statements on PGlite, which its query() does not offer (it parses and plans every statement
 * anew): Parse once per session, then Bind/Execute by name, through its wire protocol as any client does.
 */
class PgliteStatements {
  /** The parameter types of each statement parsed in this session. */
  private readonly parsed = new Map<string, number[]>();
  constructor(private readonly lite: PGlite) {}

  async run<T>(stmt: Prepared, params: unknown[]): Promise<T[]> {
    try {
      return await this.lite.runExclusive(() => this.once<T>(stmt, params));
    } catch (err) {
      // Gone from the session (DISCARD ALL or DEALLOCATE by a command on the shared socket), or planned for
      // tables whose columns have changed since (a migration run through the socket): parse it again.
      const code = (err as { code?: string }).code;
      if (code !== '26000' && code !== '0A000') throw err;
      this.parsed.delete(stmt.name);
      return this.lite.runExclusive(async () => {
        await this.lite.execProtocol(messages(serialize.close({ type: 'S', name: stmt.name }), serialize.sync()), {
          throwOnError: false,
        });
        return this.once<T>(stmt, params);
      });
    }
  }

  private async once<T>(stmt: Prepared, params: unknown[]): Promise<T[]> {
    const { lite } = this;
    let types = this.parsed.get(stmt.name);
    if (!types) {
      const described = await lite.execProtocol(
        messages(
          serialize.parse({ name: stmt.name, text: stmt.text }),
          serialize.describe({ type: 'S', name: stmt.name }),
          serialize.sync(),
        ),
      );
      types = pgliteParse.parseDescribeStatementResults(described.messages);
      this.parsed.set(stmt.name, types);
    }
    // Parameters as PGlite's own query() writes them: by the serializer of their type, else as text.
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serializer = lite.serializers[types[i]!];
      return serializer ? serializer(v) : String(v);
    });
    const result = await lite.execProtocol(
      messages(
        serialize.bind({ statement: stmt.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ),
    );
    return pgliteParse.parseResults(result.messages, lite.parsers)[0]!.rows as T[];
  }
}

/**
 * One user of the PGlite session at a time, in the order they asked. The server's statements and transactions
 * each take a turn; a command connected through the socket takes one from its first message until PGlite is
 * ready for a query outside a transaction, so its transaction never interleaves with the server's.
 */
class Turn {
  private last: Promise<void> = Promise.resolve();

  /** Resolves, once it is this caller's turn, to the function that ends the turn. */
  take(): Promise<() => void> {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const before = this.last;
    this.last = before.then(() => ended);
    return before.then(() => end);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const end = await this.take();
    try {
      return await fn();
    } finally {
      end();
    }
  }
}

/**
 * What PGLiteSocketServer sees of PGlite. The socket server runs one client message at a time, and keeps to
 * one client while "in a transaction"; here that means from the client's first message until PGlite answers
 * ReadyForQuery 'I' (idle): a whole transaction, or a Parse…Sync exchange, which must not interleave with
 * another client's or with this process's own statements (one session: an unnamed statement or an open
 * transaction is shared). A client that leaves in the middle is rolled back: by the socket server (exec) when
 * its connection drops; here when its last message (a Terminate, a BEGIN) reaches PGlite only after the
 * connection's close was handled, having waited for a turn the server held.
 */
function socketSide(
  lite: PGlite,
  turn: Turn,
  notified: (channel: string, payload: string) => void,
  left: () => boolean,
): PGlite {
  let endTurn: (() => void) | null = null;
  const finish = () => {
    endTurn?.();
    endTurn = null;
  };
  const side = {
    waitReady: lite.waitReady,
    isInTransaction: () => endTurn !== null,
    async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
      endTurn ??= await turn.take();
      return lite.runExclusive(fn);
    },
    async execProtocolRawStream(message: Uint8Array, opts: { onRawData: (data: Uint8Array) => void }) {
      let tail = new Uint8Array(0);
      const scanner = new NotificationScanner(notified);
      await lite.execProtocolRawStream(message, {
        onRawData(data) {
          scanner.push(data);
          tail = data.length >= 6 ? data.slice(-6) : Uint8Array.from([...tail, ...data].slice(-6));
          opts.onRawData(data);
        },
      });
      // ReadyForQuery: 'Z', length 5, status 'I' idle ('T' in a transaction, 'E' in a failed one).
      const ready = tail.length === 6 && tail[0] === 0x5a && tail[4] === 5 && tail[5] === 0x49;
      if (ready) finish();
      // The turn is still the client's (a transaction, a Parse…Sync under way, or its Terminate, which gets no
      // answer). If its connection closed while this message waited for the turn, the socket server handled the
      // close when the turn was not yet the client's: nobody but this side will end it.
      else
        setImmediate(async () => {
          if (endTurn && left()) {
            await lite.exec('rollback').catch(() => {});
            finish();
          }
        });
    },
    async exec(sql: string) {
      try {
        if (endTurn) await lite.exec(sql);
      } finally {
        finish();
      }
    },
  };
  return side as unknown as PGlite;
}

/**
 * Whether the client that sent the socket server's last message has gone: it is no longer among the server's
 * connections. Reads two fields @electric-sql/pglite-socket 0.2 keeps private (its connections and the queue's
 * last client); the Terminate/kill tests in test/cli-live.test.ts fail if a new version moves them.
 */
function holderLeft(server: PGLiteSocketServer | null): boolean {
  const inside = server as unknown as {
    handlers?: Set<{ handlerId: number }>;
    queryQueue?: { lastHandlerId?: number | null };
  } | null;
  const id = inside?.queryQueue?.lastHandlerId;
  if (!(inside?.handlers instanceof Set) || typeof id !== 'number') return false;
  for (const h of inside.handlers) if (h.handlerId === id) return false;
  return true;
}

/** The embedded database is held by a live process: its pid, and whether it is a server (which shares it). */
class HeldError extends DbLockedError {
  constructor(
    message: string,
    readonly pid: number,
    readonly serving: boolean,
  ) {
    super(message);
  }
}

/**
 * Another process holds the embedded database: a running "kitap serve" shares it on its socket, where this
 * process connects as to a PostgreSQL server (one connection: PGlite is one session). A server still starting
 * opens its socket after its migrations: wait for it while that process lives.
 */
async function openThroughSocket(dir: string, held: HeldError): Promise<Db> {
  const socketDir = socketDirOf(dir);
  if (!held.serving)
    throw new DbLockedError(`${held.message}. Wait for that command to finish, then run this one again.`);
  for (let waited = 0; !fs.existsSync(socketFile(socketDir)); waited += 250) {
    if (waited >= 60_000 || !isAlive(held.pid))
      throw new DbLockedError(
        `${held.message}, which does not share it (no socket at ${socketFile(socketDir)}; a server starting` +
          ' takes a moment, a path too long for a socket is logged by the server). Stop that server first, or' +
          ' set DATABASE_URL to use a PostgreSQL server.',
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    return await openPostgres(
      { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', max: 1 },
      held.pid,
    );
  } catch (err) {
    throw new DbLockedError(
      `${held.message}, and its socket ${socketFile(socketDir)} does not answer (${(err as Error).message}). ` +
        `If no "kitap serve" runs on this DATA_DIR, remove ${lockPathOf(dir)}.`,
    );
  }
}

const lockPathOf = (dir: string) => path.join(dir, '..', `${path.basename(dir)}.lock`);

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A lock file holding the owner's pid (and "serve" for a server) keeps a second process out; a stale lock
 * (dead pid) is taken over.
 */
function lockDir(dir: string, serving: boolean): () => void {
  const lockPath = lockPathOf(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, serving ? `${process.pid} serve` : String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pidText, role] = fs.readFileSync(lockPath, 'utf8').trim().split(/\s+/);
      const pid = Number(pidText);
      if (pid && pid !== process.pid && isAlive(pid)) {
        const what = role === 'serve' ? 'a running "kitap serve"' : 'another kitap command';
        throw new HeldError(
          `the embedded database in ${dir} is in use by process ${pid} (${what})`,
          pid,
          role === 'serve',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DbLockedError(`could not lock ${dir}`);
}
