// History: every change recorded with who and when, shown as a field-by-field diff; restoring an
// earlier version writes it back and is itself recorded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublicationInput } from '../src/domain/publication.ts';
import { changeLabel, changeValue } from '../src/admin/history-words.ts';
import { diffSnapshots } from '../src/history/diff.ts';
import { translator, type UiLang } from '../src/i18n/i18n.ts';
import { BACKENDS, makePublication, pubInput, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';
import { login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

test('diff: field by field, one entry per language and per file, removals included; values as stored', () => {
  const a = pubInput({ title: { en: 'Old', ru: 'Старый' }, year: 2019, people: [{ name: 'A', role: 'author' }] });
  const b: PublicationInput = {
    ...a,
    title: { en: 'New' },
    year: 2020,
    print_on_request: true,
    people: [
      { name: 'A', role: 'author' },
      { name: 'B', role: 'editor' },
    ],
  };
  const file = { id: 3, name: 'x.pdf', size: 10, sha256: 'ab'.repeat(32), language: 'en' };
  assert.deepEqual(diffSnapshots({ input: a, files: [file] }, { input: a, files: [file] }), []);
  assert.deepEqual(diffSnapshots({ input: a, files: [] }, { input: b, files: [file] }), [
    { field: 'title.en', before: 'Old', after: 'New' },
    { field: 'year', before: 2019, after: 2020 },
    { field: 'people', before: a.people, after: b.people },
    { field: 'print_on_request', before: false, after: true },
    { field: 'file 3', before: undefined, after: file },
    { field: 'title.ru', before: 'Старый', after: undefined },
  ]);
  assert.ok(
    diffSnapshots(null, { input: a, files: [] }).some((c) => c.field === 'title.en' && c.after === 'Old'),
    'the first version against nothing',
  );
});

test('history words: field names and values in the staff member’s language', () => {
  const cases: Array<[string, string, unknown, string, string]> = [
    ['en', 'title.en', 'T', 'Title (English)', 'T'],
    ['ru', 'title.kk', 'T', 'Название (казахский)', 'T'],
    ['en', 'print_on_request', true, 'Print copies on request', 'yes'],
    ['kk', 'print_on_request', false, 'Сұрау бойынша басылған даналары', 'жоқ'],
    ['en', 'status', 'in_review', 'Status', 'In review'],
    ['ru', 'status', 'in_review', 'Статус', 'На проверке'],
    ['en', 'kind', 'executive-summary', 'Kind', 'Executive summary'],
    ['en', 'original_language', 'ky', 'Original language', 'Kyrgyz'],
    ['en', 'languages', ['ru', 'kk'], 'Languages of the content', 'Russian, Kazakh'],
    ['en', 'people', [{ name: 'Aigerim Nurlanovna', role: 'author' }], 'People', 'Aigerim Nurlanovna (Author)'],
    ['en', 'identifiers', [{ scheme: 'isbn', value: '978-601-7' }], 'Identifiers', 'ISBN: 978-601-7'],
    ['en', 'licence', 'all-rights-reserved', 'Licence', 'All rights reserved'],
    ['en', 'withdrawn_reason.en', 'Superseded', 'Reason for withdrawal (English)', 'Superseded'],
    ['ru', 'withdrawn_reason.ru', 'Устарело', 'Причина отзыва (русский)', 'Устарело'],
    ['en', 'countries', ['KZ'], 'Countries', 'Kazakhstan'],
  ];
  for (const [lang, field, value, label, text] of cases) {
    const tr = translator(lang as UiLang);
    const c = { field, before: undefined, after: value };
    assert.equal(changeLabel(tr, c), label, `${lang} ${field}`);
    assert.equal(changeValue(tr, field, value), text, `${lang} ${field} = ${JSON.stringify(value)}`);
  }
  const file = { id: 3, name: 'x.pdf', size: 2048, sha256: 'ab'.repeat(32), language: 'ru', is_cover: true };
  const tr = translator('en');
  assert.equal(changeLabel(tr, { field: 'file 3', before: undefined, after: file }), 'File “x.pdf”');
  assert.equal(changeValue(tr, 'file 3', file), `Language: Russian · cover · 2 KB · SHA-256 ${'ab'.repeat(6)}`);
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
        /<th scope="row">Title \(English\)<\/th><td><del>First title<\/del><\/td><td><ins>Second title<\/ins><\/td>/,
      );
      assert.match(html, /<th scope="row">Year<\/th><td><del>2019<\/del><\/td><td><ins>2020<\/ins><\/td>/);
      assert.match(html, /<th scope="row">Status<\/th><td><del>Draft<\/del><\/td><td><ins>In review<\/ins><\/td>/);
      for (const raw of ['title.en', 'in_review', '>status<', '>year<'])
        assert.ok(!html.includes(raw), `no raw ${raw} on the page`);
      assert.match(html, /\d{4}.*UTC/, 'when');
      const ru = await (await editor.get('/ru/admin/publications/with-history/history')).text();
      assert.match(ru, /История/);
      assert.match(ru, /Изменена/);
      assert.match(ru, /<th scope="row">Название \(английский\)<\/th>/);
      assert.match(ru, /<del>Черновик<\/del><\/td><td><ins>На проверке<\/ins>/);
      const ky = await (await editor.get('/ky/admin/publications/with-history/history')).text();
      assert.ok(!ky.includes('in_review') && !ky.includes('title.en'), 'Kyrgyz page: no raw names either');
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
      assert.match(html, /File “annex\.pdf”<\/th><td><del><\/del><\/td><td><ins>Language: Russian · /);
    });
  });
}
