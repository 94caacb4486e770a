// Markup typed into any editable field — by staff or by readers — is shown as text on every page that
// shows it, public and staff alike, and reflected form values are escaped too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';
import { formBody, login, makeUser, openStaffApp, ORIGIN, publicationFields, type Agent } from './staff-helpers.ts';

const X = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
const live = /<script>alert|<img src=x/;

for (const backend of BACKENDS) {
  describe(`script injection on ${backend}`, () => {
    let t: TestApp | null;
    let admin: Agent;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      admin = await login(t, await makeUser(t, 'admin'));
    });
    after(async () => t?.close());

    const clean = async (a: Agent | null, path: string) => {
      const r = a ? await a.get(path) : await t!.get(path);
      const html = await r.text();
      assert.ok(!live.test(html), `${path} (${r.status}) contains live markup: ${html.match(live)?.[0]}`);
      return html;
    };

    test('every field of a publication, its file names and its withdrawal reason', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const fields = publicationFields({ slug: 'xss-everywhere', print_on_request: 'on', for_sale: 'on' });
      for (const l of ['en', 'ru', 'kk', 'ky', 'uz', 'tg'])
        Object.assign(fields, {
          [`title.${l}`]: `T${l} ${X}`,
          [`subtitle.${l}`]: `S${l} ${X}`,
          [`abstract.${l}`]: `A${l} ${X}`,
        });
      Object.assign(fields, {
        series: X,
        price: X,
        contact_phone: X,
        'people.0.name': `Person ${X}`,
        'people.0.role': 'author',
        'people.0.affiliation': X,
        'organisations.0.name': `Org ${X}`,
        'organisations.0.abbreviation': 'X<b>',
        'organisations.0.role': 'publisher',
        'projects.0.name': `Project ${X}`,
        'projects.0.abbreviation': '<i>P',
        'identifiers.0.scheme': 'other',
        'identifiers.0.value': X,
      });
      const created = await admin.post('/admin/publications', fields);
      assert.equal(
        created.status,
        303,
        await created
          .clone()
          .text()
          .then((s) => s.match(/class="errors"[\s\S]{0,600}/)?.[0] ?? ''),
      );
      assert.equal(
        (await admin.post('/admin/publications', publicationFields({ external_url: 'javascript:alert(1)' }))).status,
        422,
        'no javascript: links',
      );
      // Issue 21: an identifier of scheme url is shown as a link, so only http(s) addresses are taken.
      for (const bad of [
        'javascript:alert(14)',
        'JavaScript:alert(14)',
        'data:text/html,<b>x</b>',
        'vbscript:msgbox(1)',
        'ftp://files.example/x',
        'example.org/report',
      ]) {
        const refused = await admin.post(
          '/admin/publications',
          publicationFields({ 'identifiers.0.scheme': 'url', 'identifiers.0.value': bad }),
        );
        assert.equal(refused.status, 422, bad);
        assert.match(await refused.text(), /Please enter a web address starting with https:\/\//, bad);
      }
      assert.equal(
        (
          await admin.post(
            '/admin/publications',
            publicationFields({
              slug: 'with-a-url',
              'identifiers.0.scheme': 'url',
              'identifiers.0.value': 'https://example.org/report',
            }),
          )
        ).status,
        303,
      );
      await admin.upload(
        '/admin/publications/xss-everywhere/files',
        {},
        { name: `${X}.pdf`, bytes: reportPdf(`Report ${X}`, { Title: `Title ${X}`, Author: `Author ${X}` }) },
      );
      // A second one that its job refuses: its name and reason are shown on the job pages.
      await admin.upload(
        '/admin/publications/xss-everywhere/files',
        {},
        { name: `${X}-refused.pdf`, bytes: `<html>${X}</html>` },
      );
      await runQueuedJobs(t);
      const jobIds = (await t.db.query<{ id: number }>('select id from ingest_jobs order by id')).map((j) => j.id);
      assert.equal(jobIds.length, 2);
      const v = async () =>
        /name="_version" value="([^"]+)"/.exec(
          await (await admin.get('/admin/publications/xss-everywhere')).text(),
        )![1]!;
      await admin.post('/admin/publications/xss-everywhere/status', { status: 'published', _version: await v() });
      // A javascript: identifier stored before the check (or by SQL) is shown as text, never as a link.
      await t.db.query(
        `insert into publication_identifiers (publication_id, scheme, value) select id, 'url', 'javascript:alert(14)' from publications where slug = 'xss-everywhere'`,
      );
      const item = await clean(null, '/publications/xss-everywhere');
      assert.ok(item.includes('javascript:alert(14)'), 'the stored value is shown');
      assert.ok(!/href="javascript:/i.test(item), 'but not as a link');
      // Migration 0018 keeps such a value as an identifier of scheme other, which the forms accept again.
      await t.db.exec(fs.readFileSync('src/db/migrations/0018_url_identifiers.sql', 'utf8'));
      assert.deepEqual(
        await t.db.query("select i.scheme from publication_identifiers i where i.value = 'javascript:alert(14)'"),
        [{ scheme: 'other' }],
      );
      assert.ok(item.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'shown as text');
      for (const path of [
        '/',
        '/publications',
        '/ru/publications/xss-everywhere',
        '/kk/publications/xss-everywhere',
        '/people',
        '/organisations',
        '/projects',
        '/publications/xss-everywhere/order',
        '/publications/xss-everywhere/contact',
      ])
        await clean(null, path);
      for (const path of [
        '/admin',
        '/admin/publications/xss-everywhere',
        '/admin/publications/xss-everywhere/history',
        '/admin/publications/new',
        ...jobIds.map((id) => `/admin/jobs/${id}`),
      ])
        await clean(admin, path);
      assert.ok(item.includes('onerror=alert(2)&gt;.pdf'), 'the file name is shown as text');
      const entity = /href="\/people\/([^"]+)"/.exec(item)![1]!;
      await clean(null, `/people/${entity}`);
      await admin.post('/admin/publications/xss-everywhere/status', {
        status: 'withdrawn',
        'reason.en': `Gone ${X}`,
        _version: await v(),
      });
      const gone = await clean(null, '/publications/xss-everywhere');
      assert.ok(gone.includes('Gone &lt;script&gt;'));
      await clean(admin, '/admin/publications/xss-everywhere');
      await clean(admin, '/admin/publications/xss-everywhere/history');
    });

    test('values reflected by refused forms', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const pub = await admin.post('/admin/publications', publicationFields({ 'title.en': X, year: X, slug: X }));
      assert.equal(pub.status, 422);
      assert.ok(!live.test(await pub.text()));
      const loginForm = await t.get('/login', {
        method: 'POST',
        body: formBody({ email: X, password: 'x', next: X }),
        headers: { Origin: ORIGIN },
      });
      assert.ok(!live.test(await loginForm.text()));
      const user = await admin.post('/admin/users', { email: X, name: X, role: 'editor' });
      assert.equal(user.status, 422);
      assert.ok(!live.test(await user.text()));
    });

    test('readers’ requests in the staff inbox, and staff names', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await admin.post('/admin/publications', publicationFields({ slug: 'orderable', print_on_request: 'on' }));
      const v = /name="_version" value="([^"]+)"/.exec(
        await (await admin.get('/admin/publications/orderable')).text(),
      )![1]!;
      await admin.post('/admin/publications/orderable/status', { status: 'published', _version: v });
      const bad = await t.get('/publications/orderable/order', {
        method: 'POST',
        body: formBody({ name: X, organisation: X, email: X, quantity: X, postal_address: X, message: X }),
        headers: { Origin: ORIGIN },
      });
      assert.equal(bad.status, 422);
      assert.ok(!live.test(await bad.text()), 'reflected in the form');
      const ok = await t.get('/publications/orderable/order', {
        method: 'POST',
        body: formBody({
          name: 'Reader <b>bold</b>',
          organisation: X,
          email: 'r@reader.test',
          quantity: '2',
          postal_address: X,
          message: X,
        }),
        headers: { Origin: ORIGIN },
      });
      assert.equal(ok.status, 303);
      const id = (await t.db.one<{ id: number }>('select id from reader_requests order by id desc limit 1'))!.id;
      await clean(admin, '/admin/requests');
      await clean(admin, `/admin/requests/${id}`);
      const made = await admin.post('/admin/users', { email: 'named@staff.test', name: X, role: 'contributor' });
      assert.equal(made.status, 200);
      await clean(admin, '/admin/users');
    });
  });
}
