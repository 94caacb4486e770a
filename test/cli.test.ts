// The command line as a user runs it: help, migrations, the demo, the embedded database's lock,
// and export/restore on both databases and across them.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { LocalFileStore } from '../src/files/store.ts';
import { createLogger } from '../src/log.ts';
import * as tar from 'tar';
import { createApiToken } from '../src/store/api-tokens.ts';
import { addFile } from '../src/store/files.ts';
import { createRequest } from '../src/store/requests.ts';
import { createUser } from '../src/store/users.ts';
import { publicationIdBySlug, refreshSearch } from '../src/store/publications.ts';
import { createPgDatabase, makePublication, postgresAvailable, runKitap, startServer, stopServer } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-cli-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const kitap = (args: string[], env: Record<string, string> = {}) => runKitap(args, { env });

describe('kitap command line', () => {
  test('--help lists every command and each command has its own --help', async () => {
    const top = await kitap(['--help']);
    assert.equal(top.code, 0);
    const names = [...top.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)]
      .map((m) => m[1]!)
      .filter((n) => n === n.toLowerCase() && !/^[A-Z]/.test(n));
    for (const n of ['serve', 'migrate', 'load-demo', 'export', 'restore']) assert.ok(names.includes(n), n);
    for (const n of names) {
      const r = await kitap([n, '--help']);
      assert.equal(r.code, 0, n);
      assert.match(r.stdout, new RegExp(`kitap ${n}`), n);
    }
    const unknown = await kitap(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const wrong = await kitap(['export']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /expected exactly one FILE/);
  });

  test('a bad setting fails with a message naming the variable', async () => {
    const r = await kitap(['migrate'], { PORT: 'eighty' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /PORT: .*got "eighty"/);
  });

  test('migrate and load-demo on PGlite; a second load creates nothing', async () => {
    const env = { DATA_DIR: path.join(tmp, 'demo') };
    assert.equal((await kitap(['migrate'], env)).code, 0);
    const first = await kitap(['load-demo'], env);
    assert.equal(first.code, 0, first.stderr);
    const created = Number(/(\d+) created/.exec(first.stdout)![1]);
    assert.ok(created >= 30, first.stdout);
    const second = await kitap(['load-demo'], env);
    assert.match(second.stdout, /0 created, \d+ already there/);
  });

  test('a port in use: one clear line and exit code 1, before the demo is loaded (issue 21)', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const env = { DATA_DIR: path.join(tmp, 'port-in-use'), PORT: String(port), HOST: '127.0.0.1', LOAD_DEMO: 'auto' };
      const r = await kitap(['serve'], env);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`^kitap serve: port ${port} on 127\\.0\\.0\\.1 is already in use`, 'm'));
      assert.doesNotMatch(r.stderr, /EADDRINUSE|at .*\.ts:\d+/, 'no stack');
      const db = await openDb({ pgliteDir: path.join(env.DATA_DIR, 'pglite') });
      assert.equal(
        (await db.one<{ n: number }>('select count(*)::int as n from publications'))!.n,
        0,
        'the demo was not loaded',
      );
      await db.close();
    } finally {
      blocker.close();
    }
  });

  test('a command refuses the embedded database while another command holds it, and works once it is done', async () => {
    // A server shares it with commands (test/cli-live.test.ts); another command, here this test process, does not.
    const env = { DATA_DIR: path.join(tmp, 'locked'), LOAD_DEMO: 'never' };
    const holder = await openDb({ pgliteDir: path.join(env.DATA_DIR, 'pglite') });
    try {
      const r = await kitap(['migrate'], env);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        new RegExp(`in use by process ${process.pid} \\(another kitap command\\)\\. Wait for that command to finish`),
      );
    } finally {
      await holder.close();
    }
    assert.equal((await kitap(['migrate'], env)).code, 0);
  });
});

/** Every published publication as the API shows it, and every stored file's bytes: what a restore must give back. */
async function snapshot(db: Db, dataDir: string) {
  const app = buildApp({
    db,
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://x' }),
    log: createLogger('silent'),
    files: new LocalFileStore(path.join(dataDir, 'files')),
  });
  const list = (await (await app.request('/api/v1/publications?per_page=100&sort=title')).json()) as {
    items: Array<{ slug: string }>;
  };
  const records: unknown[] = [];
  for (const item of list.items) {
    const r = (await (await app.request(`/api/v1/publications/${item.slug}`)).json()) as Record<string, unknown>;
    delete r.created_at; // kept by a restore, but a Date's precision differs between the two databases' drivers
    delete r.updated_at;
    records.push(r);
    for (const f of r.files as Array<{ url: string; sha256: string }>) {
      const bytes = Buffer.from(await (await app.request(f.url.replace('http://x', ''))).arrayBuffer());
      records.push({ file: f.sha256, bytes: bytes.toString('base64') });
    }
  }
  // What readers find (issue 21): facet counts, search totals in two languages, and every cover shown.
  const browse = async (query: string) => {
    const r = (await (await app.request(`/api/v1/publications?${query}`)).json()) as { total: number; facets: unknown };
    return { query, total: r.total, facets: r.facets };
  };
  const found = [];
  for (const q of [
    '',
    'topic=economy',
    'q=трудовая+миграция',
    'q=human+trafficking',
    'q=labour+migration',
    'q=remittances',
    'q=мигранты',
    'q=сапар',
  ])
    found.push(await browse(q));
  const covers: unknown[] = [];
  for (const item of list.items) {
    const html = await (await app.request(`/publications/${item.slug}`)).text();
    for (const [src] of html.matchAll(/\/covers\/[0-9a-f]{64}\.webp/g)) {
      const r = await app.request(src);
      covers.push({
        slug: item.slug,
        src,
        status: r.status,
        bytes: Buffer.from(await r.arrayBuffer()).toString('base64'),
      });
    }
  }
  return { records, found, covers };
}

/** The catalogue.json inside an archive. */
async function catalogueOf(file: string): Promise<Record<string, Array<Record<string, unknown>>>> {
  const dir = fs.mkdtempSync(path.join(tmp, 'look-'));
  await tar.extract({ file, cwd: dir, filter: (p) => p === 'catalogue.json' });
  return (
    JSON.parse(fs.readFileSync(path.join(dir, 'catalogue.json'), 'utf8')) as {
      tables: Record<string, Array<Record<string, unknown>>>;
    }
  ).tables;
}

describe('export and restore', () => {
  const source = path.join(tmp, 'source');
  const archive = path.join(tmp, 'catalogue.tar.gz');
  let expected: Awaited<ReturnType<typeof snapshot>>;

  test('export from PGlite writes one archive with every record and file', async () => {
    assert.equal((await kitap(['load-demo'], { DATA_DIR: source })).code, 0);
    // Two files, one of them with a non-ASCII name, on two publications.
    const db = await openDb({ pgliteDir: path.join(source, 'pglite') });
    const store = new LocalFileStore(path.join(source, 'files'));
    const a = await store.put(Buffer.from('%PDF-1.4 sample A\n'));
    const b = await store.put(Buffer.from('%PDF-1.4 образец B\n'));
    const [first, second] = (
      await db.query<{ slug: string }>("select slug from publications where status = 'published' order by id limit 2")
    ).map((r) => r.slug);
    const fileA = await addFile(db, (await publicationIdBySlug(db, first!))!, {
      sha256: a.sha256,
      original_name: 'report.pdf',
      media_type: 'application/pdf',
      size: a.size,
      language: 'en',
    });
    // A page of text: its words reach the lexicon through a trigger, which a restore fires again.
    await db.query(`insert into file_pages (file_id, page, text) values ($1, 1, 'Remittances from seasonal workers')`, [
      fileA,
    ]);
    await addFile(db, (await publicationIdBySlug(db, second!))!, {
      sha256: b.sha256,
      original_name: 'доклад.pdf',
      media_type: 'application/pdf',
      size: b.size,
      language: 'ru',
    });
    // As the write path does after adding a file (the files' languages are facet values).
    for (const slug of [first!, second!]) await refreshSearch(db, (await publicationIdBySlug(db, slug))!);
    // Staff and readers' personal data, which an archive leaves out unless asked for (issue 21).
    const staff = (await createUser(db, {
      email: 'archivist@staff.test',
      role: 'editor',
      passwordHash: 'scrypt$1024$8$1$c2FsdA$aGFzaA',
    }))!;
    await createApiToken(db, staff.id, 'nightly', null);
    await createRequest(db, {
      publication_id: (await publicationIdBySlug(db, first!))!,
      kind: 'order',
      name: 'Reader Person',
      organisation: null,
      email: 'reader@example.org',
      quantity: 2,
      postal_address: '1 Abay Street, Almaty',
      message: null,
      language: 'en',
    });
    expected = await snapshot(db, source);
    // The comparison means something only if the demo has these: facets, matches in both languages, covers.
    const total = (q: string) => expected.found.find((f) => f.query === q)!.total;
    for (const q of ['topic=economy', 'q=трудовая+миграция', 'q=human+trafficking']) assert.ok(total(q) > 0, q);
    assert.ok(
      expected.covers.length > 0 && expected.covers.every((c) => (c as { status: number }).status === 200),
      'covers are shown',
    );
    await db.close();
    const r = await kitap(['export', archive], { DATA_DIR: source });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /exported \d+ publications, \d+ files/);
    assert.ok(fs.existsSync(archive));
    assert.ok(!fs.existsSync(`${archive}.partial`));
    // Issue 21: the owner's only; no password hashes, API tokens or readers' requests unless asked for.
    assert.equal(fs.statSync(archive).mode & 0o777, 0o600);
    assert.match(r.stdout, /left out: the password hashes of 1 accounts and 1 API tokens/);
    assert.match(r.stdout, /left out: 1 readers' requests/);
    assert.match(r.stdout, /never exported: staff sessions and setup links/);
    const without = await catalogueOf(archive);
    assert.deepEqual(
      without.users.map((u) => [u.email, u.password_hash]),
      [['archivist@staff.test', null]],
      'the account stays, without its password',
    );
    assert.equal(without.api_tokens.length, 0);
    assert.equal(without.reader_requests.length, 0);
    assert.ok(!JSON.stringify(without).includes('Abay Street'));
    const full = path.join(tmp, 'full.tar.gz');
    const all = await kitap(['export', full, '--with-accounts', '--with-requests'], { DATA_DIR: source });
    assert.equal(all.code, 0, all.stderr);
    assert.doesNotMatch(all.stdout, /left out/);
    const withAll = await catalogueOf(full);
    assert.equal(withAll.users[0]!.password_hash, 'scrypt$1024$8$1$c2FsdA$aGFzaA');
    assert.equal(withAll.api_tokens.length, 1);
    assert.equal(withAll.reader_requests[0]!.postal_address, '1 Abay Street, Almaty');
    assert.equal((await kitap(['export', full, '--with-passwords'], { DATA_DIR: source })).code, 2);
  });

  test('restore into an empty PGlite gives the same catalogue back, files byte for byte', async () => {
    const target = path.join(tmp, 'restored');
    const r = await kitap(['restore', archive], { DATA_DIR: target });
    assert.equal(r.code, 0, r.stderr);
    const db = await openDb({ pgliteDir: path.join(target, 'pglite') });
    assert.deepEqual(await snapshot(db, target), expected);
    await db.close();
    const again = await kitap(['restore', archive], { DATA_DIR: target });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /not empty/);
  });

  test('a restore stopped by SIGTERM leaves an empty database and no temporary folder; run again, it completes (issue 21)', async () => {
    const target = path.join(tmp, 'interrupted');
    // The same archive with 64 MB more to unpack (a file no record names), so that the restore runs long enough to be stopped.
    const big = path.join(tmp, 'big');
    fs.mkdirSync(path.join(big, 'files'), { recursive: true });
    await tar.extract({ file: archive, cwd: big });
    fs.writeFileSync(path.join(big, 'files', 'f'.repeat(64)), crypto.randomBytes(64 * 1024 * 1024));
    const bigArchive = path.join(tmp, 'big.tar.gz');
    await tar.create({ gzip: { level: 1 }, file: bigArchive, cwd: big }, ['catalogue.json', 'files']);
    fs.rmSync(big, { recursive: true });
    const proc = spawn('node', [path.resolve('bin/kitap.js'), 'restore', bigArchive], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: target },
    });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const staging = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`kitap-restore-${proc.pid}-`));
    // Stopped as soon as its temporary folder (the catalogue, unpacked) exists.
    while (proc.exitCode === null && staging().length === 0) await new Promise((r) => setTimeout(r, 5));
    proc.kill('SIGTERM');
    const code = await exited;
    assert.equal(code, 143, 'stopped by the signal, through its handler');
    assert.deepEqual(staging(), [], 'the temporary folder is gone');
    const db = await openDb({ pgliteDir: path.join(target, 'pglite') });
    const n = (await db.one<{ n: number }>('select count(*)::int as n from publications'))!.n;
    await db.close();
    assert.equal(n, 0, 'nothing half-restored');
    const again = await kitap(['restore', archive], { DATA_DIR: target });
    assert.equal(again.code, 0, again.stderr);
  });

  test('restore into PostgreSQL (across databases), then export from PostgreSQL and restore into PGlite', async (ctx) => {
    if (!(await postgresAvailable())) return ctx.skip('PostgreSQL not reachable');
    const pgdb = await createPgDatabase();
    try {
      const dataDir = path.join(tmp, 'pg');
      const r = await kitap(['restore', archive], { DATA_DIR: dataDir, DATABASE_URL: pgdb.url });
      assert.equal(r.code, 0, r.stderr);
      const db = await openDb({ databaseUrl: pgdb.url });
      assert.deepEqual(await snapshot(db, dataDir), expected);
      await db.close();
      const back = path.join(tmp, 'from-pg.tar.gz');
      assert.equal((await kitap(['export', back], { DATA_DIR: dataDir, DATABASE_URL: pgdb.url })).code, 0);
      const lite = path.join(tmp, 'lite-again');
      assert.equal((await kitap(['restore', back], { DATA_DIR: lite })).code, 0);
      const db2 = await openDb({ pgliteDir: path.join(lite, 'pglite') });
      assert.deepEqual(await snapshot(db2, lite), expected);
      await db2.close();
    } finally {
      await pgdb.drop();
    }
  });

  test('a damaged or foreign archive is refused and nothing is written', async () => {
    const target = path.join(tmp, 'refused');
    const junk = path.join(tmp, 'junk.tar.gz');
    fs.writeFileSync(junk, 'this is not an archive');
    const r = await kitap(['restore', junk], { DATA_DIR: target });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a Kitap archive/);
    const missing = await kitap(['restore', path.join(tmp, 'nope.tar.gz')], { DATA_DIR: target });
    assert.match(missing.stderr, /no such file/);
    const db = await openDb({ pgliteDir: path.join(target, 'pglite') });
    assert.equal((await db.one<{ n: number }>('select count(*)::int as n from publications'))!.n, 0);
    await db.close();
    assert.ok(
      !fs.existsSync(path.join(target, 'files')) ||
        fs.readdirSync(path.join(target, 'files')).every((d) => d === 'tmp'),
    );
  });
});

describe('kitap started from another folder', () => {
  // A service manager or cron may start it anywhere: its pages must not depend on the working folder
  // (tsx looked for tsconfig.json there, and without it compiled every page's JSX for React: 500s).
  test('serves its pages (200, 404) as from its own folder', async () => {
    const elsewhere = fs.mkdtempSync(path.join(tmp, 'elsewhere-'));
    const env = { DATA_DIR: path.join(tmp, 'elsewhere-data'), LOAD_DEMO: 'never' };
    const server = await startServer(env, { cwd: elsewhere });
    try {
      for (const page of ['/', '/publications', '/ru/publications?q=migration', '/nothing-here']) {
        const r = await fetch(`${server.base}${page}`);
        const body = await r.text();
        assert.equal(r.status, page === '/nothing-here' ? 404 : 200, `${page}: ${body.slice(0, 200)}`);
        assert.match(body, /^<!DOCTYPE html><html lang="(en|ru)">/, page);
      }
    } finally {
      await stopServer(server.proc);
    }
    assert.doesNotMatch(server.log(), /React is not defined|"level":50/);
  });
});

describe('what a server loads', () => {
  // The S3 client, the canvas library (native drawing code) and nodemailer are some 30 MB of a server's memory
  // together (bench/RESULTS.md); a server on a folder store, without SMTP, serving readers, needs none of them.
  test('serving readers on a folder store loads no S3 client, drawing library, mail library or PDF reader', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'loads-'));
    // A module-resolution hook (ahead of tsx's) writes down each of these packages as the server asks for it.
    const trace = path.join(dir, 'trace.txt');
    const watched = /^(@aws-sdk\/client-s3|@napi-rs\/canvas|nodemailer|pdfjs-dist|hono|pg)(\/|$)/;
    fs.writeFileSync(
      path.join(dir, 'hooks.mjs'),
      `import fs from 'node:fs';
       export async function resolve(specifier, context, next) {
         if (${watched}.test(specifier)) fs.appendFileSync(${JSON.stringify(trace)}, specifier + '\\n');
         return next(specifier, context);
       }`,
    );
    fs.writeFileSync(
      path.join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${dir}/hooks.mjs`).href)});`,
    );
    const dataDir = path.join(dir, 'data');
    const db = await openDb({ pgliteDir: path.join(dataDir, 'pglite') });
    await migrate(db);
    const slug = await makePublication(db, { title: { en: 'Labour migration' }, status: 'published' });
    await db.close();
    const server = await startServer({
      DATA_DIR: dataDir,
      LOAD_DEMO: 'never',
      NODE_OPTIONS: `--import ${path.join(dir, 'register.mjs')}`,
    });
    try {
      for (const page of [
        '/',
        '/favicon.ico',
        '/publications',
        '/ru/publications?q=migration',
        `/publications/${slug}`,
        `/kk/publications/${slug}`,
        '/api/v1/publications',
        '/oai?verb=ListRecords&metadataPrefix=oai_dc',
      ]) {
        const r = await fetch(`${server.base}${page}`);
        assert.equal(r.status, 200, page);
        await r.arrayBuffer();
      }
    } finally {
      await stopServer(server.proc);
    }
    const loaded = new Set(fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean));
    // The hook sees the server's packages (hono and pg are loaded by every server), so their absence means something.
    assert.ok(loaded.has('hono') && loaded.has('pg'), [...loaded].join(', '));
    assert.deepEqual(
      [...loaded].filter((p) => !/^(hono|pg)(\/|$)/.test(p)),
      [],
      'loaded without being needed',
    );
  });
});
