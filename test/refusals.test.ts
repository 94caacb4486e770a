// Issue 18, logs that help: a refused login or CSRF check is logged with its reason (never the password or the
// token), and the 403 page of a form sent from an address the server does not know says what to check.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { BACKENDS, type TestApp } from './helpers.ts';
import { formBody, login, makeUser, openStaffApp, ORIGIN, PASSWORD, type Agent } from './staff-helpers.ts';

for (const backend of BACKENDS) {
  describe(`refusals on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    let email = '';
    let lines: string[] = [];
    before(async () => {
      // No PUBLIC_URL and no TRUST_PROXY: a server behind an HTTPS proxy that nobody configured.
      t = await openStaffApp(backend, { TRUST_PROXY: 'false' });
      if (!t) return;
      email = await makeUser(t, 'editor');
      editor = await login(t, email);
      t.deps.log = pino(
        { level: 'info' },
        new Writable({
          write(chunk, _e, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      );
    });
    after(async () => t?.close());
    const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

    test('a refused login is logged with its reason, never with the password', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      lines = [];
      const secret = 'hunter2-not-the-password';
      const wrong = await t.get('/login', {
        method: 'POST',
        body: formBody({ email, password: secret }),
        headers: { Origin: ORIGIN },
      });
      assert.equal(wrong.status, 422);
      await t.get('/login', {
        method: 'POST',
        body: formBody({ email: 'nobody@staff.test', password: PASSWORD }),
        headers: { Origin: ORIGIN },
      });
      const refusals = logged().filter((l) => l.msg === 'login refused');
      assert.deepEqual(
        refusals.map((l) => [l.reason, l.email]),
        [
          ['wrong password', email],
          ['no such account', 'nobody@staff.test'],
        ],
      );
      assert.doesNotMatch(lines.join(''), new RegExp(`${secret}|${PASSWORD}`));
    });

    test('behind an unconfigured HTTPS proxy, login answers a 403 that names PUBLIC_URL and TRUST_PROXY, and says so in the log', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      lines = [];
      const r = await t.get('/login', {
        method: 'POST',
        body: formBody({ email, password: PASSWORD }),
        headers: { Origin: 'https://library.example.org', 'X-Forwarded-Proto': 'https' },
      });
      assert.equal(r.status, 403);
      const page = await r.text();
      assert.match(
        page,
        /sent from https:\/\/library\.example\.org, which this server does not take for its own address \(http:\/\/localhost\)/,
      );
      assert.match(page, /PUBLIC_URL/);
      assert.match(page, /TRUST_PROXY/);
      const entry = logged().find((l) => l.msg === 'request refused: not sent from our own pages');
      assert.deepEqual(
        [entry?.reason, entry?.origin, entry?.expected, entry?.path],
        ['Origin is not this site', 'https://library.example.org', 'http://localhost', '/login'],
      );
      assert.doesNotMatch(lines.join(''), new RegExp(PASSWORD));
      // In Russian too.
      assert.match(
        await (
          await t.get('/ru/login', {
            method: 'POST',
            body: formBody({ email, password: PASSWORD }),
            headers: { Origin: 'https://library.example.org' },
          })
        ).text(),
        /PUBLIC_URL.*TRUST_PROXY/s,
      );
    });

    test('a staff form with a wrong token is refused, logged without the token', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      lines = [];
      const forged = 'forged-token-value-1234567890';
      const r = await editor.post('/admin/publications', { _csrf: forged, kind: 'report' });
      assert.equal(r.status, 403);
      assert.match(await r.text(), /This form has expired or was not sent from our own page/);
      const entry = logged().find((l) => l.msg === 'request refused: CSRF token');
      assert.equal(entry?.reason, "form token is not the session's");
      assert.equal(entry?.path, '/admin/publications');
      assert.doesNotMatch(lines.join(''), new RegExp(`${forged}|${editor.csrf}|${editor.cookie.split('=')[1]}`));
    });
  });
}
