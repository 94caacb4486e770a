// Every command while `kitap serve` runs on the same DATA_DIR (issue 18 item 10): on the embedded database
// the server shares PGlite on a unix socket in DATA_DIR and a command connects there; on PostgreSQL both
// simply connect. What a command writes shows at once through the running server's HTTP.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import * as tar from 'tar';
import { openDb } from '../src/db/db.ts';
import { tinyPdf } from '../src/ingest/tiny-pdf.ts';
import { BACKENDS, createPgDatabase, postgresAvailable, runKitap, startServer, stopServer } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-live-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PASSWORD = 'correct horse battery staple';
const PAGE = 'test/fixtures/import-page/joomla.html';

/** Logs in through the form as a browser would; the session cookie, or null when refused. */
async function login(base: string, email: string, password: string): Promise<string | null> {
  const r = await fetch(`${base}/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    headers: { Origin: base },
    redirect: 'manual',
  });
  if (r.status !== 303) return null;
  return /kitap_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? null;
}

const total = async (base: string) =>
  ((await (await fetch(`${base}/api/v1/publications?per_page=1`)).json()) as { total: number }).total;

for (const backend of BACKENDS) {
  describe(`kitap commands while kitap serve runs (${backend})`, () => {
    test('user add, token add, import-page, export and migrate work at once, and the server shows their writes', async (t) => {
      const env: Record<string, string> = {
        DATA_DIR: path.join(tmp, `both-${backend}`),
        LOAD_DEMO: 'never',
        SCRYPT_COST: '1024',
      };
      let drop = async () => {};
      if (backend === 'postgres') {
        if (!(await postgresAvailable())) return t.skip('PostgreSQL not reachable');
        const created = await createPgDatabase();
        env.DATABASE_URL = created.url;
        drop = created.drop;
      }
      const kitap = (args: string[], stdin?: string) => runKitap(args, { env, stdin });
      const server = await startServer(env);
      try {
        if (backend === 'pglite') {
          // Only this machine's user may open the socket: a 0700 folder, a 0600 socket.
          const dir = path.join(env.DATA_DIR!, 'pglite.socket');
          assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
          assert.equal(fs.statSync(path.join(dir, '.s.PGSQL.5432')).mode & 0o777, 0o600);
          assert.match(server.log(), /database shared with kitap commands on a unix socket/);
        }
        const email = 'first-admin@example.org';
        assert.equal(await login(server.base, email, PASSWORD), null, 'no such account yet');
        const added = await kitap(['user', 'add', '--email', email, '--role', 'admin', '--password-stdin'], PASSWORD);
        assert.equal(added.code, 0, added.stderr);
        const cookie = await login(server.base, email, PASSWORD);
        assert.ok(cookie, 'the new admin logs in to the running server at once');
        const admin = await fetch(`${server.base}/admin`, { headers: { Cookie: cookie! } });
        assert.equal(admin.status, 200);

        // A dry run writes nothing; the import itself shows at once in the API, the list and the item page.
        const dry = await kitap(['import-page', PAGE, '--dry-run']);
        assert.equal(dry.code, 0, dry.stderr);
        assert.match(dry.stderr, /4 publications/);
        assert.match(dry.stdout, /^migrant-health-in-almaty$/m);
        assert.equal(await total(server.base), 0);
        // The server renders (and caches) the empty list before the import.
        assert.doesNotMatch(await (await fetch(`${server.base}/publications`)).text(), /Migrant Health in Almaty/);
        const imported = await kitap(['import-page', PAGE, '--publish']);
        assert.equal(imported.code, 0, imported.stderr);
        assert.match(imported.stdout, /4 created/);
        assert.equal(await total(server.base), 4);
        assert.match(await (await fetch(`${server.base}/publications`)).text(), /Migrant Health in Almaty/);
        const item = await fetch(`${server.base}/publications/migrant-health-in-almaty`);
        assert.equal(item.status, 200);

        // A token made on the command line authorises the API at once.
        const token = await kitap(['token', 'add', '--user', email, '--name', 'nightly upload']);
        assert.equal(token.code, 0, token.stderr);
        const secret = /^kitap_\S+$/m.exec(token.stdout)?.[0];
        assert.ok(secret, token.stdout);
        const upload = await fetch(`${server.base}/api/v1/publications/migrant-health-in-almaty/files?name=notes.txt`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'text/plain' },
          body: 'Field notes',
        });
        assert.equal(upload.status, 201, await upload.text());

        // A PDF added on the command line: on PGlite the server's worker reads it, and the command waits.
        const pdf = path.join(tmp, `health-${backend}.pdf`);
        fs.writeFileSync(
          pdf,
          tinyPdf([{ lines: ['Migrant health in Almaty', 'Clinics that serve migrant workers.'] }]),
        );
        const ingested = await kitap(['ingest', pdf, '--publication', 'migrant-health-in-almaty']);
        assert.equal(ingested.code, 0, ingested.stderr);
        assert.match(
          ingested.stdout,
          new RegExp(`stored health-${backend}\\.pdf on migrant-health-in-almaty: 1 pages`),
        );
        assert.match(await (await fetch(`${server.base}/publications/migrant-health-in-almaty`)).text(), /health-/);

        const archive = path.join(tmp, `live-${backend}.tar.gz`);
        const exported = await kitap(['export', archive]);
        assert.equal(exported.code, 0, exported.stderr);
        assert.match(exported.stdout, /exported 4 publications, [23] files/); // notes.txt, the PDF (and its cover)
        let catalogue = '';
        await tar.t({
          file: archive,
          onReadEntry: (e) => {
            if (e.path === 'catalogue.json') e.on('data', (d: Buffer) => (catalogue += d));
            else e.resume();
          },
        });
        const tables = (JSON.parse(catalogue) as { tables: Record<string, Array<{ slug?: string }>> }).tables;
        assert.ok(tables.publications!.some((p) => p.slug === 'migrant-health-in-almaty'));

        const migrated = await kitap(['migrate']);
        assert.equal(migrated.code, 0, migrated.stderr);
        assert.match(migrated.stdout, /up to date/);
        assert.equal((await fetch(`${server.base}/healthz`)).status, 200, 'the server is unharmed');
      } finally {
        await stopServer(server.proc);
        await drop();
      }
      if (backend === 'pglite')
        assert.ok(!fs.existsSync(path.join(env.DATA_DIR!, 'pglite.socket')), 'a clean stop removes the socket');
    });
  });
}

describe('the embedded database shared by a running server', () => {
  test('what cannot share it refuses clearly: a restore, a second server, a newer version needing migrations', async () => {
    const env = { DATA_DIR: path.join(tmp, 'refusals'), LOAD_DEMO: 'never' };
    const server = await startServer(env);
    try {
      const archive = path.join(tmp, 'refusals.tar.gz');
      assert.equal((await runKitap(['export', archive], { env })).code, 0);
      const restore = await runKitap(['restore', archive], { env });
      assert.equal(restore.code, 1);
      assert.match(
        restore.stderr,
        new RegExp(
          `^kitap restore: .*in use by process ${server.proc.pid} \\(a running "kitap serve"\\)\\. .*stop that process first`,
          'm',
        ),
      );
      const second = await runKitap(['serve'], { env: { ...env, PORT: '0' } });
      assert.equal(second.code, 1);
      assert.match(second.stderr, /another "kitap serve" already serves this DATA_DIR/);

      // A server of an older version: the schema lacks a migration this version has. Commands leave its
      // schema alone and say what to do.
      const socket = {
        host: path.join(env.DATA_DIR, 'pglite.socket'),
        port: 5432,
        user: 'postgres',
        database: 'postgres',
      };
      const client = new pg.Client(socket);
      await client.connect();
      const last = (await client.query('select * from schema_migrations order by version desc limit 1')).rows[0];
      await client.query('delete from schema_migrations where version = $1', [last.version]);
      const older = await runKitap(['user', 'list'], { env });
      await client.query('insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)', [
        last.version,
        last.name,
        last.applied_at,
      ]);
      await client.end();
      assert.equal(older.code, 1);
      assert.match(
        older.stderr,
        new RegExp(`of an older version: this one needs the migrations ${last.name}\\. Stop that server`),
      );
      assert.equal((await fetch(`${server.base}/healthz`)).status, 200, 'the server is unharmed');
    } finally {
      await stopServer(server.proc);
    }
  });

  test('a server killed with SIGKILL leaves a socket that the next command and the next start handle', async () => {
    const env = { DATA_DIR: path.join(tmp, 'killed'), LOAD_DEMO: 'never', SCRYPT_COST: '1024' };
    const socket = path.join(env.DATA_DIR, 'pglite.socket', '.s.PGSQL.5432');
    const first = await startServer(env);
    const added = await runKitap(['user', 'add', '--email', 'ed@example.org', '--role', 'editor', '--password-stdin'], {
      env,
      stdin: PASSWORD,
    });
    assert.equal(added.code, 0, added.stderr);
    await stopServer(first.proc, 'SIGKILL');
    assert.ok(fs.existsSync(socket), 'the killed server left its socket');
    const listed = await runKitap(['user', 'list'], { env });
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /ed@example\.org\teditor/);
    assert.ok(!fs.existsSync(socket), 'the command, owning the database, removed the dead socket');

    const killedAgain = await startServer(env);
    await stopServer(killedAgain.proc, 'SIGKILL');
    assert.ok(fs.existsSync(socket));
    const second = await startServer(env);
    try {
      assert.ok(await login(second.base, 'ed@example.org', PASSWORD), 'the restarted server shares again');
      const through = await runKitap(['user', 'list'], { env });
      assert.equal(through.code, 0, through.stderr);
      assert.match(through.stdout, /ed@example\.org/);
    } finally {
      await stopServer(second.proc);
    }
  });

  test("a command's transaction and the server's own statements take turns on PGlite's one session", async () => {
    const dir = path.join(tmp, 'turns', 'pglite');
    const db = await openDb({ pgliteDir: dir });
    await db.exec('create table t (x text)');
    const shared = await db.share!();
    assert.ok(shared.dir, 'shared');
    const connect = async () => {
      const c = new pg.Client({ host: shared.dir!, port: 5432, user: 'postgres', database: 'postgres' });
      c.on('error', () => {});
      await c.connect();
      return c;
    };
    const count = async () => (await db.one<{ n: number }>('select count(*)::int as n from t'))!.n;
    /** The count, or what it means when the server's statement gets no turn: the session is held for ever. */
    const countWithin5s = () =>
      Promise.race([
        count(),
        new Promise((r) => setTimeout(() => r('no answer after 5 s: the session is still held'), 5000)),
      ]);
    const a = await connect();
    const b = await connect();
    try {
      // A client's open transaction: the server's statement waits for it, and is not run inside it.
      await a.query('begin');
      await a.query("insert into t values ('a')");
      const serverSaw = count();
      await new Promise((r) => setTimeout(r, 100)); // a chance for the server's statement to slip in, were it let
      assert.equal((await a.query('select count(*)::int as n from t')).rows[0].n, 1);
      await a.query('rollback');
      assert.equal(await serverSaw, 0, 'the rolled-back row was never in the server statement');

      // The server's transaction: a client's statement waits for its end, and sees all of it.
      let go = () => {};
      const gate = new Promise<void>((r) => (go = r));
      const serverTx = db.tx(async (t) => {
        await t.query("insert into t values ('s1')");
        await gate;
        await t.query("insert into t values ('s2')");
      });
      const clientSaw = b.query('select count(*)::int as n from t');
      await new Promise((r) => setTimeout(r, 100)); // the client's statement reaches the server meanwhile
      go();
      await serverTx;
      assert.equal((await clientSaw).rows[0].n, 2, 'the client statement ran after the whole transaction');

      // Two clients: a second one's transaction waits for the first one's end.
      await a.query('begin');
      const bBegins = b.query('begin');
      await a.query("insert into t values ('a2')");
      await a.query('rollback');
      await bBegins;
      await b.query("insert into t values ('b')");
      await b.query('commit');
      assert.deepEqual(
        (await db.query<{ x: string }>('select x from t order by x')).map((r) => r.x),
        ['b', 's1', 's2'],
      );

      // A client that dies in the middle of a transaction is rolled back, and the server goes on.
      await a.query('begin');
      await a.query("insert into t values ('lost')");
      (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      assert.equal(await count(), 3);

      // A client that says goodbye (Terminate) while the server's transaction holds the session: its goodbye
      // waits for the turn, and must give it back once it has it (it gets no ReadyForQuery to end it).
      const c = await connect();
      await c.query('select 1');
      let open = () => {};
      const held = new Promise<void>((r) => (open = r));
      const serverTx2 = db.tx(async (t) => {
        await t.query("insert into t values ('s3')");
        await held;
      });
      await new Promise((r) => setTimeout(r, 50));
      await c.end(); // Terminate, then the socket closes, while the server's transaction runs
      await new Promise((r) => setTimeout(r, 100));
      open();
      await serverTx2;
      const after = await countWithin5s();
      assert.equal(after, 4);
      const d = await connect();
      assert.equal((await d.query('select count(*)::int as n from t')).rows[0].n, 4, 'the next client is served');

      // A client killed while its BEGIN waits for the turn: the BEGIN runs after its connection is gone, and the
      // transaction it opens has nobody to end it but this side.
      let release = () => {};
      const gate2 = new Promise<void>((r) => (release = r));
      const serverTx3 = db.tx(async () => gate2);
      await new Promise((r) => setTimeout(r, 50));
      d.query('begin').catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      (d as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      await new Promise((r) => setTimeout(r, 100));
      release();
      await serverTx3;
      const afterKill = await countWithin5s();
      assert.equal(afterKill, 4);
    } finally {
      await b.end();
      await db.close();
    }
    assert.ok(!fs.existsSync(shared.dir!), 'closing the database removes its socket');
  });
});
