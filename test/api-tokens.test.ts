// API tokens: made, listed and revoked from the command line and from the admin page "API tokens";
// shown once, stored as a hash, acting with their owner's role, and dead once revoked.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb, type Db } from '../src/db/db.ts';
import { type FileStore, LocalFileStore } from '../src/files/store.ts';
import { runIngestJob } from '../src/ingest/jobs.ts';
import { tinyPdf } from '../src/ingest/tiny-pdf.ts';
import { createLogger } from '../src/log.ts';
import { BACKENDS, createPgDatabase, makePublication, postgresAvailable, runKitap, type TestApp } from './helpers.ts';
import { location, login, makeUser, openStaffApp, ORIGIN, type Agent } from './staff-helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-token-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TOKEN = /^kitap_[\w-]{43}$/;
const pdf = (title: string) =>
  new Uint8Array(tinyPdf([{ lines: [title, 'Remittances sent home by migrant workers support many households.'] }]));

const kitap = (args: string[], env: Record<string, string>, stdin = '') =>
  runKitap(args, { env: { SCRYPT_COST: '1024', ...env }, stdin });

for (const backend of BACKENDS) {
  describe(`kitap token on ${backend}`, () => {
    let env: Record<string, string> | null = null;
    let drop = async () => {};
    before(async () => {
      const dataDir = fs.mkdtempSync(path.join(tmp, `${backend}-`));
      if (backend === 'postgres') {
        if (!(await postgresAvailable())) return;
        const created = await createPgDatabase();
        drop = created.drop;
        env = { DATA_DIR: dataDir, DATABASE_URL: created.url };
      } else env = { DATA_DIR: dataDir };
    });
    after(async () => drop());

    /** The app in this process on the command line's database (PGlite: only while no command runs). */
    async function withApp<T>(
      use: (
        app: ReturnType<typeof buildApp>,
        deps: { db: Db; files: FileStore; config: ReturnType<typeof loadConfig>; log: ReturnType<typeof createLogger> },
      ) => Promise<T>,
    ): Promise<T> {
      const config = loadConfig({ ...env!, LOG_LEVEL: 'silent' });
      const db = await openDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
      try {
        const deps = { db, config, log: createLogger('silent'), files: new LocalFileStore(config.filesDir) };
        return await use(buildApp(deps), deps);
      } finally {
        await db.close();
      }
    }

    test('add prints a token once that works for its account; list shows its use; revoke ends it', async (ctx) => {
      if (!env) return ctx.skip('PostgreSQL not reachable');
      const user = await kitap(
        ['user', 'add', '--email', 'Uploader@Library.example', '--role', 'editor', '--password-stdin'],
        env,
        'a long enough password\n',
      );
      assert.equal(user.code, 0, user.stderr);

      const add = await kitap(['token', 'add', '--user', 'uploader@library.example', '--name', 'nightly upload'], env);
      assert.equal(add.code, 0, add.stderr);
      const token = add.stdout.trim();
      assert.match(token, TOKEN, 'the token alone on standard output');
      assert.match(
        add.stderr,
        /token \d+ "nightly upload" for uploader@library\.example \(editor\); it is shown only now/,
      );
      const id = Number(/token (\d+)/.exec(add.stderr)![1]);

      const jobId = await withApp(async (app, deps) => {
        assert.equal(
          (await deps.db.one<{ n: number }>('select count(*)::int as n from api_tokens where token_hash = $1', [
            createHash('sha256').update(token).digest('hex'),
          ]))!.n,
          1,
        );
        assert.equal(
          (await deps.db.one<{ n: number }>('select count(*)::int as n from api_tokens where token_hash = $1', [
            token,
          ]))!.n,
          0,
          'only the hash is stored',
        );
        await makePublication(deps.db, { slug: 'cli-report' });
        const r = await app.request('/api/v1/publications/cli-report/files?name=report.pdf', {
          method: 'POST',
          body: pdf('A report sent by a script'),
          headers: { 'Content-Type': 'application/pdf', Authorization: `Bearer ${token}` },
        });
        assert.equal(r.status, 202, await r.clone().text());
        const { id: job } = (await r.json()) as { id: number };
        assert.equal((await runIngestJob(deps, job)).state, 'done');
        return job;
      });

      const list = await kitap(['token', 'list'], env);
      assert.equal(list.code, 0, list.stderr);
      const line = list.stdout.split('\n').find((l) => l.startsWith(`${id}\t`))!;
      assert.match(
        line,
        /^\d+\tuploader@library\.example\tnightly upload\tmade \d{4}-\d\d-\d\d \d\d:\d\d\tused \d{4}-\d\d-\d\d \d\d:\d\d\tno expiry\tactive$/,
      );
      assert.doesNotMatch(list.stdout, /kitap_/, 'the token itself is never shown again');
      assert.equal((await kitap(['token', 'list', '--user', 'uploader@library.example'], env)).stdout, list.stdout);

      const revoke = await kitap(['token', 'revoke', String(id)], env);
      assert.equal(revoke.code, 0, revoke.stderr);
      assert.equal(revoke.stdout, `revoked token ${id} (nightly upload, uploader@library.example)\n`);
      const again = await kitap(['token', 'revoke', String(id)], env);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /revoked already/);
      assert.match((await kitap(['token', 'list'], env)).stdout, /\trevoked\n/);

      await withApp(async (app) => {
        const r = await app.request(`/api/v1/jobs/${jobId}`, { headers: { Authorization: `Bearer ${token}` } });
        assert.equal(r.status, 401);
        assert.equal(r.headers.get('www-authenticate'), 'Bearer realm="kitap", error="invalid_token"');
      });
    });

    test('wrong arguments: the usage (exit 2); an unknown or disabled account: the reason (exit 1)', async (ctx) => {
      if (!env) return ctx.skip('PostgreSQL not reachable');
      const noName = await kitap(['token', 'add', '--user', 'uploader@library.example'], env);
      assert.equal(noName.code, 2);
      assert.match(noName.stderr, /--name must have 1 to 100 characters/);
      assert.match(noName.stderr, /kitap token add --user EMAIL --name NAME/);
      assert.equal((await kitap(['token', 'add', '--name', 'x'], env)).code, 2);
      assert.match(
        (await kitap(['token', 'add', '--user', 'uploader@library.example', '--name', 'x', '--days', '0'], env)).stderr,
        /--days must be a whole number from 1 to 3650/,
      );
      assert.equal((await kitap(['token', 'revoke', 'abc'], env)).code, 2);
      assert.equal((await kitap(['token', 'frob'], env)).code, 2);
      const nobody = await kitap(['token', 'add', '--user', 'nobody@library.example', '--name', 'x'], env);
      assert.equal(nobody.code, 1);
      assert.match(nobody.stderr, /no account with the address nobody@library\.example/);
      assert.match((await kitap(['token', 'revoke', '999999'], env)).stderr, /no token 999999/);
      await withApp((_app, deps) =>
        deps.db.query("update users set disabled = true where email = 'uploader@library.example'"),
      );
      const disabled = await kitap(
        ['token', 'add', '--user', 'uploader@library.example', '--name', 'x', '--days', '30'],
        env,
      );
      assert.equal(disabled.code, 1);
      assert.match(disabled.stderr, /is disabled/);
    });
  });

  describe(`the admin page "API tokens" on ${backend}`, () => {
    let t: TestApp | null;
    let contributor: Agent;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      contributor = await login(t, await makeUser(t, 'contributor'));
      await makePublication(t.db, { slug: 'tokens-published' });
      await makePublication(t.db, { slug: 'tokens-draft', status: 'draft' });
    });
    after(async () => t?.close());

    test('make a token (shown once), use it with the owner’s role, see its use, revoke it', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const admin = await (await contributor.get('/admin')).text();
      assert.match(admin, /<a href="\/admin\/tokens">API tokens<\/a>/, 'in the staff navigation of every role');
      const empty = await (await contributor.get('/admin/tokens')).text();
      assert.match(empty, /No tokens yet\./);
      assert.match(empty, /acts as you, with your role \(Contributor\)/);

      const blank = await contributor.post('/admin/tokens', { name: '  ', days: '' });
      assert.equal(blank.status, 422);
      assert.match(await blank.text(), /Name <small>.*<\/small><\/label>.*This is required\./s);
      const zero = await contributor.post('/admin/tokens', { name: 'script', days: '0' });
      assert.equal(zero.status, 422);
      const zeroPage = await zero.text();
      assert.match(zeroPage, /At least 1\./);
      assert.match(zeroPage, /value="script"/, 'the values are kept');

      const made = await contributor.post('/admin/tokens', { name: 'my <script>', days: '30' });
      assert.equal(made.status, 200);
      const page = await made.text();
      const token = /<code id="new-token-value">([^<]+)<\/code>/.exec(page)?.[1] ?? '';
      assert.match(token, TOKEN);
      assert.match(page, /The token “my &lt;script&gt;” is made\. Copy it now: it is not shown again\./);
      assert.equal(made.headers.get('cache-control'), 'no-store');

      const bearer = { Authorization: `Bearer ${token}` };
      const post = (slug: string) =>
        t!.get(`/api/v1/publications/${slug}/files?name=x.pdf`, {
          method: 'POST',
          body: pdf(`For ${slug}`),
          headers: { 'Content-Type': 'application/pdf', ...bearer },
        });
      assert.equal(
        (await post('tokens-published')).status,
        403,
        'a contributor may not change a published publication',
      );
      assert.equal((await post('tokens-draft')).status, 202);

      const listed = await (await contributor.get('/admin/tokens')).text();
      assert.doesNotMatch(listed, new RegExp(token), 'never shown again');
      assert.doesNotMatch(listed, /No tokens yet/);
      const row = /<tr><td>my &lt;script&gt;<\/td>(.*?)<\/tr>/s.exec(listed)?.[1] ?? '';
      assert.match(row, /<td>active<\/td>/);
      assert.doesNotMatch(row, /<td>never<\/td>/, 'its last use is shown');
      const revokePath = /action="(\/admin\/tokens\/\d+\/revoke)"/.exec(row)?.[1] ?? '';
      assert.ok(revokePath, row);

      // Only the owner revokes it from here, with the form's token, from our own pages.
      const editor = await login(t, await makeUser(t, 'admin'));
      assert.equal((await editor.post(revokePath)).status, 404);
      assert.equal((await contributor.post(revokePath, { _csrf: 'wrong' })).status, 403);
      assert.equal((await contributor.post(revokePath, {}, { Origin: 'https://evil.example' })).status, 403);
      assert.equal((await t.get('/api/v1/jobs/999999', { headers: bearer })).status, 404, 'still alive');

      const revoked = await contributor.post(revokePath);
      assert.equal(revoked.status, 303);
      assert.equal(location(revoked), '/admin/tokens?revoked=1');
      const after = await (await contributor.get(location(revoked))).text();
      assert.match(after, /The token is revoked\./);
      assert.match(after, /<td>revoked<\/td>/);
      assert.equal((await t.get('/api/v1/jobs/999999', { headers: bearer })).status, 401);
      assert.equal((await contributor.post(revokePath)).status, 303, 'revoking again changes nothing');
    });

    test('the page in Russian and Kazakh; visitors are sent to log in', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.match(await (await contributor.get('/ru/admin/tokens')).text(), /<h1>API-токены<\/h1>/);
      assert.match(await (await contributor.get('/kk/admin/tokens')).text(), /<h1>API токендері<\/h1>/);
      const visitor = await t.get('/admin/tokens');
      assert.equal(visitor.status, 303);
      assert.match(location(visitor), /^\/login\?next=/);
      assert.equal(
        (
          await t.get('/admin/tokens', {
            method: 'POST',
            body: new URLSearchParams({ name: 'x' }),
            headers: { Origin: ORIGIN },
          })
        ).status,
        401,
      );
    });
  });
}
