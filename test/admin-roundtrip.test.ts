// The whole way through, as staff do it with JavaScript off: log in, create a publication, upload its
// file, publish it, find it on the public pages and in the API, withdraw it and see the tombstone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';
import { location, login, makeUser, openStaffApp, publicationFields } from './staff-helpers.ts';

for (const backend of BACKENDS) {
  describe(`staff round trip on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openStaffApp(backend);
    });
    after(async () => t?.close());

    test('log in, create with a file, publish, find it, withdraw it, see the 410', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const editor = await login(t, await makeUser(t, 'editor'));
      assert.ok(editor.csrf, 'staff pages carry a CSRF token');

      const created = await editor.post(
        '/admin/publications',
        publicationFields({
          slug: 'round-trip-2024',
          'title.en': 'Round Trip Report',
          'title.ru': 'Отчёт туда и обратно',
          'abstract.en': 'Made through the staff pages.',
          'people.0.name': 'Aigerim Round',
          'people.0.role': 'author',
          'organisations.0.name': 'Round Trip Foundation',
          'organisations.0.role': 'publisher',
          'projects.0.name': 'Roundabout',
          download: 'on',
          countries: 'kz, kg',
          new_topics: 'round-trips',
        }),
      );
      assert.equal(created.status, 303);
      assert.equal(location(created), '/admin/publications/round-trip-2024?saved=1');
      assert.equal((await t.get('/publications/round-trip-2024')).status, 404, 'a draft is not public');

      const pdf = reportPdf('Round trip report');
      const up = await editor.upload(
        '/admin/publications/round-trip-2024/files',
        { language: 'en' },
        { name: 'round-trip.pdf', bytes: pdf },
      );
      assert.equal(
        up.status,
        303,
        await up
          .clone()
          .text()
          .then((s) => s.slice(0, 400)),
      );
      // The server's worker reads the PDF; here the test does.
      assert.equal((await runQueuedJobs(t))[0]?.state, 'done');
      const page = await (await editor.get('/admin/publications/round-trip-2024')).text();
      assert.match(page, /round-trip\.pdf/);
      const version = /name="_version" value="([^"]+)"/.exec(page)![1]!;

      const published = await editor.post('/admin/publications/round-trip-2024/status', {
        status: 'published',
        _version: version,
      });
      assert.equal(published.status, 303);

      const item = await t.get('/publications/round-trip-2024');
      assert.equal(item.status, 200);
      const html = await item.text();
      for (const s of [
        'Round Trip Report',
        'Aigerim Round',
        'Round Trip Foundation',
        'Roundabout',
        'Kazakhstan',
        'round-trip.pdf',
      ])
        assert.ok(html.includes(s), `item page shows ${s}`);
      const fileHref = /href="(\/publications\/round-trip-2024\/files\/\d+\/round-trip\.pdf)"/.exec(html)![1]!;
      const file = await t.get(fileHref);
      assert.equal(file.status, 200);
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), pdf);
      assert.match(await (await t.get('/ru/publications/round-trip-2024')).text(), /Отчёт туда и обратно/);
      assert.match(await (await t.get('/publications?q=round')).text(), /Round Trip Report/);
      const api = await t.get('/api/v1/publications/round-trip-2024');
      assert.equal(api.status, 200);
      assert.equal(((await api.json()) as { title: string }).title, 'Round Trip Report');

      const v2 = /name="_version" value="([^"]+)"/.exec(
        await (await editor.get('/admin/publications/round-trip-2024')).text(),
      )![1]!;
      const withdrawn = await editor.post('/admin/publications/round-trip-2024/status', {
        status: 'withdrawn',
        'reason.en': 'replaced by the 2025 edition',
        _version: v2,
      });
      assert.equal(withdrawn.status, 303);
      const gone = await t.get('/publications/round-trip-2024');
      assert.equal(gone.status, 410);
      assert.match(await gone.text(), /replaced by the 2025 edition/);
      assert.equal((await t.get('/api/v1/publications/round-trip-2024')).status, 410);
      assert.equal((await t.get(fileHref)).status, 404, 'a withdrawn publication’s files are not served');

      const history = await (await editor.get('/admin/publications/round-trip-2024/history')).text();
      for (const s of ['Created', 'Files changed', 'Status changed', 'replaced by the 2025 edition'])
        assert.ok(history.includes(s), `history shows ${s}`);
    });
  });
}
