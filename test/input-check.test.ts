// Issue 21: control characters (a NUL byte above all) anywhere in the input, and form bodies that cannot
// be read, are refused with 400 and a translated message — never a 500 — and readers' forms keep what
// was typed without charging the rate limit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { formBody, login, makeUser, openStaffApp, ORIGIN, publicationFields, type Agent } from './staff-helpers.ts';

const CONTROL_EN = /The request contains control characters/;
const BAD_FORM_EN = /The form could not be read/;

/** A multipart body whose boundary never comes: unreadable. */
const brokenMultipart = {
  body: '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\nsomeone@example.org\r\n--xy',
  headers: { 'Content-Type': 'multipart/form-data; boundary=xyz', Origin: ORIGIN },
};

for (const backend of BACKENDS) {
  describe(`control characters and broken forms on ${backend}`, () => {
    let t: TestApp | null;
    let admin: Agent;
    before(async () => {
      t = await openStaffApp(backend, { REQUEST_LIMIT: '2' });
      if (!t) return;
      await makePublication(t.db, { slug: 'orderable', status: 'published', print_on_request: true });
      admin = await login(t, await makeUser(t, 'admin'));
    });
    after(async () => t?.close());

    test('in a query, a path, an API or OAI argument: 400 with a message in the page language', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const path of [
        '/publications?q=labour%00migration',
        '/publications?q=%01',
        '/publications/orderable%00',
        '/topics/a%00b',
        '/publications?topic=x%7F',
        '/oai?verb=ListRecords&resumptionToken=abc%00',
        '/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:%00',
        '/publications/orderable/cite?format=bib%00tex',
      ]) {
        const r = await t.get(path);
        assert.equal(r.status, 400, path);
        assert.match(await r.text(), CONTROL_EN, path);
      }
      const ru = await t.get('/ru/publications?q=%00');
      assert.equal(ru.status, 400);
      assert.match(await ru.text(), /управляющие символы/);
      const api = await t.get('/api/v1/publications?q=%00');
      assert.equal(api.status, 400);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'control_characters');
      const oaiPost = await t.get('/oai', {
        method: 'POST',
        body: formBody({ verb: 'ListRecords', resumptionToken: 'a\u0000b' }),
        headers: { Origin: ORIGIN },
      });
      assert.equal(oaiPost.status, 400);
      assert.equal((await t.get('/publications?q=labour%09migration')).status, 200, 'a tab in a query is only a space');
    });

    test('the login form: a NUL byte and a broken multipart body are 400, and cost no attempt', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const nul = await t.get('/login', {
        method: 'POST',
        body: formBody({ email: 'someone@example.org', password: 'pass\u0000word' }),
        headers: { Origin: ORIGIN },
      });
      assert.equal(nul.status, 400);
      assert.match(await nul.text(), CONTROL_EN);
      const broken = await t.get('/login', { method: 'POST', ...brokenMultipart });
      assert.equal(broken.status, 400);
      assert.match(await broken.text(), BAD_FORM_EN);
      const kk = await t.get('/kk/login', { method: 'POST', ...brokenMultipart });
      assert.equal(kk.status, 400);
      assert.match(await kk.text(), /Форманы оқу мүмкін болмады/);
      assert.equal(
        (await t.db.one<{ n: number }>(
          "select coalesce(sum(hits), 0)::int as n from rate_limits where bucket like 'login-%'",
        ))!.n,
        0,
      );
    });

    test('readers’ forms: the form again with what was typed, minus the control characters, and no rate limit charged', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const headers = { Origin: ORIGIN, 'X-Forwarded-For': '203.0.113.77' };
      for (let i = 0; i < 4; i++) {
        const r = await t.get('/publications/orderable/contact', {
          method: 'POST',
          headers,
          body: formBody({
            name: 'Aigerim\u0000 Sultanova',
            email: 'aigerim@example.org',
            message: 'Is there a Kazakh edition?\u0007\nThank you.',
          }),
        });
        assert.equal(r.status, 400);
        const html = await r.text();
        assert.match(html, CONTROL_EN);
        assert.ok(html.includes('value="Aigerim Sultanova"'), 'the name as typed, without the NUL');
        assert.ok(html.includes('Is there a Kazakh edition?\nThank you.'), 'the message as typed, line break kept');
      }
      const order = await t.get('/ru/publications/orderable/order', {
        method: 'POST',
        headers,
        body: formBody({
          name: 'Иван\u0000',
          email: 'ivan@example.org',
          quantity: '2',
          postal_address: 'Астана\u0000',
        }),
      });
      assert.equal(order.status, 400);
      assert.match(await order.text(), /управляющие символы/);
      assert.equal((await t.get('/publications/orderable/order', { method: 'POST', ...brokenMultipart })).status, 400);
      assert.equal((await t.db.query('select 1 from reader_requests')).length, 0, 'nothing stored');
      const sent = await t.get('/publications/orderable/contact', {
        method: 'POST',
        headers,
        body: formBody({
          name: 'Aigerim Sultanova',
          email: 'aigerim@example.org',
          message: 'Is there a Kazakh edition?\r\n\tThank you.',
        }),
      });
      assert.equal(sent.status, 303, 'the refused ones did not use up REQUEST_LIMIT=2; tab and line breaks are text');
    });

    test('staff forms: a NUL in any field, or a broken body, is 400 and changes nothing', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const field of [
        'title.en',
        'abstract.ru',
        'series',
        'price',
        'contact_phone',
        'people.0.name',
        'organisations.0.name',
        'identifiers.0.value',
        'slug',
        'year',
        'new_topics',
      ]) {
        const r = await admin.post(
          '/admin/publications',
          publicationFields({
            [field]: 'x\u0000y',
            'people.0.role': 'author',
            'organisations.0.role': 'publisher',
            'identifiers.0.scheme': 'other',
          }),
        );
        assert.equal(r.status, 400, field);
        assert.match(await r.text(), CONTROL_EN, field);
      }
      assert.equal(
        (await admin.post('/admin/users', { email: 'new\u0000@staff.test', name: 'N', role: 'editor' })).status,
        400,
      );
      const broken = await t.get('/admin/publications', {
        method: 'POST',
        ...brokenMultipart,
        headers: { ...brokenMultipart.headers, Cookie: admin.cookie },
      });
      assert.equal(broken.status, 400);
      assert.equal(
        (await t.db.one<{ n: number }>("select count(*)::int as n from publications where slug <> 'orderable'"))!.n,
        0,
      );
    });
  });
}
