// History: every change recorded with who and when, shown as a field-by-field diff; restoring an
// earlier version writes it back and is itself recorded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublicationInput } from '../src/domain/publication.ts';
import { diffSnapshots } from '../src/history/diff.ts';
import { BACKENDS, makePublication, pubInput, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';
import { login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

test('diff: field by field, one entry per language and per file, removals included', () => {
  const a = pubInput({ title: { en: 'Old', ru: 'Старый' }, year: 2019, people: [{ name: 'A', role: 'author' }] });
  const b: PublicationInput = {
    ...a,
    title: { en: 'New' },
    year: 2020,
    people: [
      { name: 'A', role: 'author' },
      { name: 'B', role: 'editor' },
    ],
  };
  const files = [{ id: 3, name: 'x.pdf', size: 10, sha256: 'ab'.repeat(32), language: 'en' }];
  const cases: Array<[string, ReturnType<typeof diffSnapshots>]> = [
    ['no change', diffSnapshots({ input: a, files }, { input: a, files })],
    ['changes', diffSnapshots({ input: a, files: [] }, { input: b, files })],
  ];
  assert.deepEqual(cases[0]![1], []);
  assert.deepEqual(cases[1]![1], [
    { field: 'title.en', before: 'Old', after: 'New' },
    { field: 'year', before: '2019', after: '2020' },
    { field: 'people', before: 'A · author', after: 'A · author\nB · editor' },
    { field: 'file 3: x.pdf', before: '', after: `language en, 10 bytes, ${'ab'.repeat(6)}` },
    { field: 'title.ru', before: 'Старый', after: '' },
  ]);
  assert.ok(
    diffSnapshots(null, { input: a, files: [] }).some((c) => c.field === 'title.en' && c.after === 'Old'),
    'the first version against nothing',
  );
});

for (const backend of BACKENDS) {
  describe(`history on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    let editorEmail: string;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      editorEmail = await makeUser(t, 'editor');
      editor = await login(t, editorEmail);
    });
    after(async () => t?.close());
    const version = async (slug: string) =>
      /name="_version" value="([^"]+)"/.exec(await (await editor.get(`/admin/publications/${slug}`)).text())![1]!;
    const changes = (slug: string) =>
      t!.db.query<{ id: number; action: string; user_id: number | null; title: string }>(
        "select c.id, c.action, c.user_id, c.snapshot->'title'->>'en' as title from publication_changes c join publications p on p.id = c.publication_id where p.slug = $1 order by c.id",
        [slug],
      );

    test('each change is recorded with who and when; the page shows the diff', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.post(
        '/admin/publications',
        publicationFields({ slug: 'with-history', 'title.en': 'First title', year: '2019' }),
      );
      await editor.post(
        '/admin/publications/with-history',
        publicationFields({ 'title.en': 'Second title', year: '2020', _version: await version('with-history') }),
      );
      await editor.post('/admin/publications/with-history/status', {
        status: 'in_review',
        _version: await version('with-history'),
      });
      const rows = await changes('with-history');
      assert.deepEqual(
        rows.map((r) => [r.action, r.title]),
        [
          ['created', 'First title'],
          ['edited', 'Second title'],
          ['status', 'Second title'],
        ],
      );
      const userId = (await t.db.one<{ id: number }>('select id from users where email = $1', [editorEmail]))!.id;
      assert.ok(rows.every((r) => r.user_id === userId));
      const page = await editor.get('/admin/publications/with-history/history');
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.ok(html.includes(editorEmail));
      assert.match(
        html,
        /<th scope="row">title\.en<\/th><td><del>First title<\/del><\/td><td><ins>Second title<\/ins><\/td>/,
      );
      assert.match(html, /<th scope="row">year<\/th><td><del>2019<\/del><\/td><td><ins>2020<\/ins><\/td>/);
      assert.match(html, /<th scope="row">status<\/th><td><del>draft<\/del><\/td><td><ins>in_review<\/ins><\/td>/);
      assert.match(html, /\d{4}.*UTC/, 'when');
      const ru = await (await editor.get('/ru/admin/publications/with-history/history')).text();
      assert.match(ru, /История/);
      assert.match(ru, /Изменена/);
    });

    test('restoring an earlier version writes it back and is recorded as a new change', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const first = (await changes('with-history'))[0]!;
      const r = await editor.post(`/admin/publications/with-history/history/${first.id}/restore`);
      assert.equal(r.status, 303);
      const rows = await changes('with-history');
      assert.deepEqual(rows.at(-1)!.action, 'restored');
      assert.equal(rows.at(-1)!.title, 'First title');
      const page = await (await editor.get('/admin/publications/with-history')).text();
      assert.match(page, /value="First title"/);
      assert.match(page, /value="2019"/);
      assert.match(page, /Draft/, 'the restored version’s status came back too');
      const history = await (await editor.get('/admin/publications/with-history/history')).text();
      assert.match(history, new RegExp(`Earlier version restored[\\s\\S]*#${first.id}`));
      assert.equal((await editor.post('/admin/publications/with-history/history/999999/restore')).status, 404);
    });

    test('a publication made elsewhere (demo, import) gets a baseline, so its first edit shows a diff', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, { title: { en: 'Imported title' }, status: 'published' });
      assert.match(
        await (await editor.get(`/admin/publications/${slug}/history`)).text(),
        /No change has been recorded yet/,
      );
      await editor.post(
        `/admin/publications/${slug}`,
        publicationFields({ 'title.en': 'Corrected title', _version: await version(slug) }),
      );
      const rows = await changes(slug);
      assert.deepEqual(
        rows.map((r) => [r.action, r.title, r.user_id === null]),
        [
          ['baseline', 'Imported title', true],
          ['edited', 'Corrected title', false],
        ],
      );
      const html = await (await editor.get(`/admin/publications/${slug}/history`)).text();
      assert.match(html, /<del>Imported title<\/del><\/td><td><ins>Corrected title<\/ins>/);
      assert.match(html, /before history was kept/);
    });

    test('file changes are in the history too', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.upload(
        '/admin/publications/with-history/files',
        { language: 'ru' },
        { name: 'annex.pdf', bytes: reportPdf('Annex') },
      );
      // A PDF is read by an ingest job; the file it makes is recorded as the uploader's change.
      await runQueuedJobs(t);
      const html = await (await editor.get('/admin/publications/with-history/history')).text();
      assert.match(html, /Files changed/);
      assert.match(html, /file \d+: annex\.pdf<\/th><td><del><\/del><\/td><td><ins>language ru/);
    });
  });
}
