// Logging in and out: the form, the session cookie, sessions in the database, the login rate limits,
// setup links, CSRF refusals and the security headers of staff pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword, needsRehash, verifyPassword } from '../src/auth/password.ts';
import { safeNext } from '../src/auth/next.ts';
import { setupLink } from '../src/auth/setup-link.ts';
import { createUser } from '../src/store/users.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import {
  agent,
  formBody,
  location,
  login,
  makeUser,
  openStaffApp,
  ORIGIN,
  PASSWORD,
  publicationFields,
} from './staff-helpers.ts';

test('scrypt hashes verify, carry their parameters, and differ for the same password', async () => {
  const a = await hashPassword('correct horse battery', 1024);
  const b = await hashPassword('correct horse battery', 1024);
  assert.match(a, /^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
  assert.notEqual(a, b, 'salted');
  assert.equal(await verifyPassword('correct horse battery', a), true);
  assert.equal(await verifyPassword('correct horse batterY', a), false);
  assert.equal(await verifyPassword('anything', 'not a hash'), false);
  assert.equal(needsRehash(a, 1024), false);
  assert.equal(needsRehash(a, 2048), true);
});

test('after login, only staff pages of this site are followed', () => {
  for (const ok of ['/admin', '/admin/publications/x-2020', '/ru/admin/requests?status=new'])
    assert.equal(safeNext(ok), ok);
  for (const bad of [
    '//evil.example/admin',
    'https://evil.example/admin',
    '/admin/../publications',
    '/publications',
    '/admin\\@evil',
    '',
  ])
    assert.equal(safeNext(bad), null, bad);
});

for (const backend of BACKENDS) {
  describe(`login and sessions on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openStaffApp(backend, { LOGIN_LIMIT: '3', LOGIN_ADDRESS_LIMIT: '5' });
    });
    after(async () => t?.close());
    const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t!.get(path, { method: 'POST', body: formBody(fields), headers: { Origin: ORIGIN, ...headers } });

    test('a logged-out visitor is sent to the login form, which keeps where they were going', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await t.get('/admin/publications/new');
      assert.equal(r.status, 303);
      assert.equal(location(r), '/login?next=%2Fadmin%2Fpublications%2Fnew');
      const ru = await t.get('/ru/admin');
      assert.equal(location(ru), '/ru/login?next=%2Fru%2Fadmin');
      const form = await t.get('/ru/login');
      assert.equal(form.status, 200);
      const html = await form.text();
      assert.match(html, /<html lang="ru">/);
      assert.match(html, /name="email"/);
      assert.match(html, /name="password"/);
      assert.match(html, /<meta name="robots" content="noindex"/);
    });

    test('login: the cookie is HttpOnly, SameSite=Lax, and the database keeps only a hash of it', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const email = await makeUser(t, 'editor');
      const r = await post(
        '/login',
        { email: email.toUpperCase(), password: PASSWORD, next: '/admin/users' },
        { 'X-Forwarded-For': '203.0.113.1' },
      );
      assert.equal(r.status, 303);
      assert.equal(location(r), '/admin/users');
      const cookie = r.headers.get('set-cookie')!;
      assert.match(cookie, /^kitap_session=[\w-]{40,};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);
      assert.doesNotMatch(cookie, /Secure/, 'plain http in tests');
      const token = /kitap_session=([^;]+)/.exec(cookie)![1]!;
      const rows = await t.db.query<{ id_hash: string }>('select id_hash from sessions');
      assert.ok(rows.length >= 1);
      assert.ok(rows.every((s) => s.id_hash !== token && /^[0-9a-f]{64}$/.test(s.id_hash)));
      const home = await t.get('/admin', { headers: { Cookie: `kitap_session=${token}` } });
      assert.equal(home.status, 200);
      assert.match(await home.text(), new RegExp(email));
    });

    test('the cookie is Secure behind TLS (PUBLIC_URL https)', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const tls = await openStaffApp('pglite', { PUBLIC_URL: 'https://library.example' });
      try {
        const email = await makeUser(tls!, 'editor');
        const r = await tls!.get('/login', {
          method: 'POST',
          body: formBody({ email, password: PASSWORD }),
          headers: { Origin: 'https://library.example' },
        });
        assert.equal(r.status, 303);
        assert.match(r.headers.get('set-cookie')!, /Secure/);
      } finally {
        await tls!.close();
      }
    });

    test('a wrong password or an unknown address: the same 422 message, in the reader’s language', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const email = await makeUser(t, 'editor');
      const wrong = await post('/login', { email, password: 'not the password' }, { 'X-Forwarded-For': '203.0.113.2' });
      assert.equal(wrong.status, 422);
      const html = await wrong.text();
      assert.match(html, /The email or the password is not right/);
      assert.ok(html.includes(`value="${email}"`), 'the address typed is kept');
      assert.equal(wrong.headers.get('set-cookie'), null);
      const unknown = await post(
        '/ru/login',
        { email: 'nobody@staff.test', password: 'whatever it is' },
        { 'X-Forwarded-For': '203.0.113.2' },
      );
      assert.equal(unknown.status, 422);
      assert.match(await unknown.text(), /Неверный адрес электронной почты или пароль/);
      const empty = await post('/login', {}, { 'X-Forwarded-For': '203.0.113.2' });
      assert.equal(empty.status, 422);
    });

    test('per account: after LOGIN_LIMIT failures even the right password gets 429 with Retry-After', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const email = await makeUser(t, 'editor');
      for (let i = 0; i < 3; i++) {
        assert.equal(
          (await post('/login', { email, password: 'wrong password!' }, { 'X-Forwarded-For': `203.0.113.${10 + i}` }))
            .status,
          422,
        );
      }
      const blocked = await post('/login', { email, password: PASSWORD }, { 'X-Forwarded-For': '203.0.113.20' });
      assert.equal(blocked.status, 429);
      const wait = Number(blocked.headers.get('retry-after'));
      assert.ok(wait > 0 && wait <= 15 * 60, `Retry-After ${wait}`);
      assert.match(await blocked.text(), /Too many failed attempts/);
      assert.equal(
        (
          await post(
            '/login',
            { email: email.toUpperCase(), password: PASSWORD },
            { 'X-Forwarded-For': '203.0.113.21' },
          )
        ).status,
        429,
        'the account, whatever its case',
      );
      const other = await makeUser(t, 'editor');
      assert.equal(
        (await post('/login', { email: other, password: PASSWORD }, { 'X-Forwarded-For': '203.0.113.20' })).status,
        303,
        'other accounts are not affected',
      );
    });

    test('per address: after LOGIN_ADDRESS_LIMIT failures on any accounts, that address gets 429', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (let i = 0; i < 5; i++) {
        assert.equal(
          (
            await post(
              '/login',
              { email: `guess${i}@staff.test`, password: 'wrong password!' },
              { 'X-Forwarded-For': '198.51.100.99' },
            )
          ).status,
          422,
        );
      }
      const email = await makeUser(t, 'editor');
      const blocked = await post('/login', { email, password: PASSWORD }, { 'X-Forwarded-For': '198.51.100.99' });
      assert.equal(blocked.status, 429);
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
      assert.equal(
        (await post('/login', { email, password: PASSWORD }, { 'X-Forwarded-For': '198.51.100.100' })).status,
        303,
      );
      const keys = await t.db.query<{ key: string }>("select key from rate_limits where bucket = 'login-address'");
      assert.ok(
        keys.every((k) => !k.key.includes('198.51')),
        'addresses are stored hashed',
      );
    });

    test('parallel attempts: only LOGIN_LIMIT wrong passwords of an account are checked, the rest get 429 at once (issue 21)', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const email = await makeUser(t, 'editor');
      // 24 at once from different addresses, the right password among them: a check made before the
      // failures were counted let every one through, and the right one logged in.
      const burst = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          post(
            '/login',
            { email, password: i === 20 ? PASSWORD : `wrong password ${i}` },
            { 'X-Forwarded-For': `192.0.2.${i + 1}` },
          ),
        ),
      );
      const statuses = burst.map((r) => r.status);
      assert.equal(
        statuses.filter((s) => s === 422).length + statuses.filter((s) => s === 303).length,
        3,
        `checked: ${statuses.join(' ')}`,
      );
      assert.equal(statuses.filter((s) => s === 429).length, 21);
      assert.ok(burst.filter((r) => r.status === 429).every((r) => Number(r.headers.get('retry-after')) > 0));
      if (!statuses.includes(303))
        assert.equal(
          (await post('/login', { email, password: PASSWORD }, { 'X-Forwarded-For': '192.0.2.200' })).status,
          429,
          'the window is used up',
        );
    });

    test('parallel attempts from one address: only LOGIN_ADDRESS_LIMIT are checked; successes do not use up the address (issue 21)', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const email = await makeUser(t, 'editor');
      for (let i = 0; i < 6; i++)
        assert.equal(
          (await post('/login', { email, password: PASSWORD }, { 'X-Forwarded-For': '192.0.2.250' })).status,
          303,
          'successes give their hit back',
        );
      const burst = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          post(
            '/login',
            { email: `parallel${i}@staff.test`, password: 'wrong password!' },
            { 'X-Forwarded-For': '192.0.2.251' },
          ),
        ),
      );
      const statuses = burst.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 422).length, 5, statuses.join(' '));
      assert.equal(statuses.filter((s) => s === 429).length, 11);
    });

    test('logout ends this session; logout everywhere ends them all', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const email = await makeUser(t, 'contributor');
      const a = await login(t, email);
      const b = await login(t, email);
      const out = await a.post('/logout');
      assert.equal(out.status, 303);
      assert.match(out.headers.get('set-cookie')!, /kitap_session=;.*Max-Age=0/);
      assert.equal((await a.get('/admin')).status, 303, 'a is logged out');
      assert.equal((await b.get('/admin')).status, 200, 'b still in');
      const c = await login(t, email);
      assert.equal((await c.post('/logout/everywhere')).status, 303);
      assert.equal((await b.get('/admin')).status, 303, 'b is logged out too');
      assert.equal((await c.get('/admin')).status, 303);
    });

    test('a session ends SESSION_DAYS after its last use; using it extends it, cookie included', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const email = await makeUser(t, 'editor');
      const a = await login(t, email);
      const id = (await t.db.one<{ id: number }>('select id from users where email = $1', [email]))!.id;
      assert.equal((await a.get('/admin')).headers.get('set-cookie'), null, 'no write on every page');
      await t.db.query(
        "update sessions set last_seen_at = now() - interval '2 minutes', expires_at = now() + interval '1 hour' where user_id = $1",
        [id],
      );
      const used = await a.get('/admin');
      assert.match(used.headers.get('set-cookie') ?? '', /kitap_session=.*Max-Age=1209600/);
      const row = (await t.db.one<{ days: number }>(
        'select extract(epoch from expires_at - now()) / 86400 as days from sessions where user_id = $1',
        [id],
      ))!;
      assert.ok(Number(row.days) > 13.9, `extended to ${row.days} days`);
      await t.db.query("update sessions set expires_at = now() - interval '1 second' where user_id = $1", [id]);
      assert.equal((await a.get('/admin')).status, 303, 'expired');
    });

    test('a disabled account loses its sessions at once', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const admin = await login(t, await makeUser(t, 'admin'));
      const email = await makeUser(t, 'editor');
      const victim = await login(t, email);
      const id = (await t.db.one<{ id: number }>('select id from users where email = $1', [email]))!.id;
      assert.equal((await admin.post(`/admin/users/${id}`, { name: '', role: 'editor', disabled: 'on' })).status, 303);
      assert.equal((await victim.get('/admin')).status, 303);
      assert.equal(
        (await post('/login', { email, password: PASSWORD }, { 'X-Forwarded-For': '203.0.113.50' })).status,
        422,
      );
    });

    test('a setup link lets a new account choose its password, once', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const user = (await createUser(t.db, { email: 'new.person@staff.test', role: 'contributor' }))!;
      const link = await setupLink(t.db, user.id, 'http://localhost');
      const path = new URL(link).pathname;
      const form = await t.get(path);
      assert.equal(form.status, 200);
      assert.match(await form.text(), /new\.person@staff\.test/);
      const short = await post(path, { password: 'short', confirm: 'short' });
      assert.equal(short.status, 422);
      assert.match(await short.text(), /at least 10 characters/);
      assert.equal((await post(path, { password: 'long enough password', confirm: 'another password!!' })).status, 422);
      const ok = await post(path, { password: 'long enough password', confirm: 'long enough password' });
      assert.equal(ok.status, 303);
      assert.equal(location(ok), '/admin');
      const cookie = /kitap_session=[^;]+/.exec(ok.headers.get('set-cookie')!)![0];
      assert.equal((await (await agent(t, cookie)).get('/admin')).status, 200);
      assert.equal((await t.get(path)).status, 410, 'used up');
      assert.equal(
        (await login(t, 'new.person@staff.test', 'long enough password', '203.0.113.60')).cookie.length > 0,
        true,
      );
      assert.equal((await t.get('/setup/not-a-token')).status, 410);
    });

    test('a setup link works once even when used by several requests at once; its page sends no referrer (issue 21)', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const user = (await createUser(t.db, { email: 'racing.person@staff.test', role: 'contributor' }))!;
      const path = new URL(await setupLink(t.db, user.id, 'http://localhost')).pathname;
      const form = await t.get(path);
      assert.equal(form.headers.get('referrer-policy'), 'no-referrer');
      const passwords = Array.from({ length: 5 }, (_, i) => `racing password number ${i}`);
      const answers = await Promise.all(passwords.map((p) => post(path, { password: p, confirm: p })));
      assert.deepEqual(answers.map((r) => r.status).sort(), [303, 410, 410, 410, 410]);
      const winner = passwords[answers.findIndex((r) => r.status === 303)]!;
      assert.ok(
        (await login(t, 'racing.person@staff.test', winner, '203.0.113.61')).cookie,
        'the password set is the accepted request’s',
      );
      for (const p of passwords.filter((x) => x !== winner).slice(0, 2)) {
        assert.equal(
          (
            await post(
              '/login',
              { email: 'racing.person@staff.test', password: p },
              { 'X-Forwarded-For': '203.0.113.62' },
            )
          ).status,
          422,
        );
      }
    });

    test('CSRF: cross-site posts are refused with 403, staff forms need the session’s token', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const editor = await login(t, await makeUser(t, 'editor'));
      const before = (await t.db.one<{ n: number }>('select count(*)::int as n from publications'))!.n;
      const fields = { kind: 'report', 'title.en': 'Forged' };
      const cases: Array<[string, Response]> = [
        ['foreign Origin', await editor.post('/admin/publications', fields, { Origin: 'https://evil.example' })],
        [
          'Sec-Fetch-Site cross-site',
          await editor.post('/admin/publications', fields, { 'Sec-Fetch-Site': 'cross-site' }),
        ],
        [
          'Sec-Fetch-Site same-site',
          await editor.post('/admin/publications', fields, { 'Sec-Fetch-Site': 'same-site' }),
        ],
        ['Origin null', await editor.post('/admin/publications', fields, { Origin: 'null' })],
        ['no token', await editor.post('/admin/publications', { ...fields, _csrf: '' })],
        ['wrong token', await editor.post('/admin/publications', { ...fields, _csrf: 'x'.repeat(editor.csrf.length) })],
        [
          'another session’s token',
          await editor.post('/admin/publications', {
            ...fields,
            _csrf: (await login(t, await makeUser(t, 'editor'))).csrf,
          }),
        ],
        [
          'upload without token',
          await editor.upload(
            `/admin/publications/${await makePublication(t.db, { status: 'draft' })}/files`,
            { _csrf: '' },
            { name: 'a.pdf', bytes: 'x' },
          ),
        ],
        ['logout without token', await editor.post('/logout', { _csrf: '' })],
        [
          'login from another site',
          await post('/login', { email: 'a@b.c', password: 'x' }, { Origin: 'https://evil.example' }),
        ],
      ];
      for (const [name, r] of cases) assert.equal(r.status, 403, name);
      assert.equal(
        (await t.db.one<{ n: number }>('select count(*)::int as n from publications'))!.n,
        before + 1,
        'nothing was created',
      );
      assert.equal((await t.db.one<{ n: number }>('select count(*)::int as n from files'))!.n, 0, 'nothing was stored');
      assert.equal((await editor.get('/admin')).status, 200, 'the refused logout did not log out');
      assert.equal(
        (await editor.post('/admin/publications', publicationFields(), { 'Sec-Fetch-Site': 'same-origin' })).status,
        303,
        'our own form passes',
      );
    });

    test('staff pages carry the security headers and are never cached', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const editor = await login(t, await makeUser(t, 'editor'));
      for (const path of ['/admin', '/admin/publications/new', '/login']) {
        const r = await editor.get(path);
        const csp = r.headers.get('content-security-policy') ?? '';
        assert.match(csp, /script-src 'self'/, path);
        assert.doesNotMatch(csp, /unsafe-inline/, path);
        assert.match(csp, /frame-ancestors 'none'/, path);
        assert.match(csp, /form-action 'self'/, path);
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
        assert.equal(r.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
        assert.equal(r.headers.get('cache-control'), 'no-store', path);
      }
    });
  });
}
