// PDFs uploaded from the staff pages go through ingest jobs: the upload answers at once, the job is
// followed on the publication's page and its own page (which refreshes itself on request until the job ends), the
// finished job makes the file with its pages, language and cover — with the form's embargo, version link
// and a history entry by the uploader — and a refused file fails its job with the reason, storing nothing.
// The files' metadata is then offered for the publication's empty fields.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fileSuggestions, withSuggestion } from '../src/admin/file-suggestions.ts';
import { BACKENDS, pubInput, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';
import { location, login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

const ENCRYPTED = path.resolve(
  fileURLToPath(new URL('../', import.meta.url)),
  '../shared/fixtures/pdfs/reject-password-required.pdf',
);
const REFRESH = /<meta http-equiv="refresh" content="2"\/?>/;

test('suggestions: only for empty fields, one per field, values put where they belong', () => {
  const input = pubInput({ title: { en: 'Filled' }, year: null, people: [] });
  const files = [
    {
      id: 1,
      original_name: 'a.pdf',
      language: 'ru',
      pages: 12,
      // Made in 2019, printed "Бишкек 2016" on its title page: the document's date is offered, not the file's.
      metadata: { title: 'Трудовая миграция', author: 'A. Author; B. Author', created: '2019-03-14T12:00:00.000Z' },
      edge_pages: [{ page: 1, text: 'ТРУДОВАЯ МИГРАЦИЯ\nДоклад\nБишкек 2016' }],
    },
    {
      id: 2,
      original_name: 'b.pdf',
      language: 'en',
      pages: 3,
      metadata: { title: 'Not offered: the English title is filled', author: 'C. Author' },
      edge_pages: null,
    },
    { id: 3, original_name: 'c.pdf', language: null, pages: null, metadata: null, edge_pages: null },
  ];
  const offers = fileSuggestions(input, files);
  assert.deepEqual(
    offers.map((s) => [s.field, s.value, s.fileId]),
    [
      ['title.ru', 'Трудовая миграция', 1],
      ['people', 'A. Author; B. Author', 1],
      ['year', '2016', 1],
      ['pages', '12', 1],
    ],
  );
  assert.equal(offers[0]!.lang, 'ru');
  assert.deepEqual(offers[2]!.source, { page: 1, excerpt: 'Бишкек 2016' });
  // Only the file's creation date: no date is offered; the XMP's publication date is.
  const bare = { id: 4, original_name: 'd.pdf', language: null, pages: 2, edge_pages: [{ page: 1, text: 'Report' }] };
  assert.deepEqual(
    fileSuggestions(input, [{ ...bare, metadata: { created: '2019-03-14T12:00:00.000Z' } }]).map((s) => s.field),
    ['pages'],
  );
  const xmp = fileSuggestions(input, [
    { ...bare, metadata: { created: '2019-03-14T12:00:00.000Z', published: '2017-05-02', publishedKey: 'dc:date' } },
  ]);
  assert.deepEqual(
    xmp.map((s) => [s.field, s.value, s.source]),
    [
      ['year', '2017', { metadata: 'dc:date' }],
      ['published_on', '2017-05-02', { metadata: 'dc:date' }],
      ['pages', '2', undefined],
    ],
  );
  assert.deepEqual(
    fileSuggestions(
      {
        ...input,
        title: { en: 'x', ru: 'y' },
        people: [{ name: 'P', role: 'author' }],
        year: 2000,
        published_on: '2000-01-01',
        pages: 5,
      },
      files,
    ),
    [],
  );
  const people = withSuggestion(input, offers[1]!) as { people: unknown };
  assert.deepEqual(people.people, [
    { name: 'A. Author', role: 'author' },
    { name: 'B. Author', role: 'author' },
  ]);
  assert.equal((withSuggestion(input, offers[2]!) as { year: unknown }).year, 2016);
  assert.deepEqual((withSuggestion(input, offers[0]!) as { title: unknown }).title, {
    en: 'Filled',
    ru: 'Трудовая миграция',
  });
});

for (const backend of BACKENDS) {
  describe(`PDF uploads through ingest on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    let editorEmail: string;
    const version = async (a: Agent, slug: string) =>
      /name="_version" value="([^"]+)"/.exec(await (await a.get(`/admin/publications/${slug}`)).text())![1]!;
    const jobs = (slug: string) =>
      t!.db.query<{
        id: number;
        state: string;
        error: string | null;
        error_code: string | null;
        file_id: number | null;
        user_id: number | null;
        original_name: string;
      }>(
        'select j.* from ingest_jobs j join publications p on p.id = j.publication_id where p.slug = $1 order by j.id',
        [slug],
      );
    const files = (slug: string) =>
      t!.db.query<{
        id: number;
        original_name: string;
        pages: number | null;
        language: string | null;
        cover_sha256: string | null;
        replaced_by: number | null;
        embargo_until: string | null;
        position: number;
        media_type: string;
        text_status: string;
      }>('select f.* from files f join publications p on p.id = f.publication_id where p.slug = $1 order by f.id', [
        slug,
      ]);
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      editorEmail = await makeUser(t, 'editor');
      editor = await login(t, editorEmail);
      await editor.post('/admin/publications', publicationFields({ slug: 'ingested', download: 'on', year: '' }));
      await editor.post('/admin/publications/ingested/status', {
        status: 'published',
        _version: await version(editor, 'ingested'),
      });
    });
    after(async () => t?.close());

    test('a PDF upload answers at once with a queued job; the job makes the file with its pages, language, cover and text', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const up = await editor.upload(
        '/admin/publications/ingested/files',
        { embargo_until: '2001-02-03' },
        { name: 'remittances.pdf', bytes: reportPdf('Remittances and return migration in Central Asia') },
      );
      assert.equal(up.status, 303);
      const [job] = await jobs('ingested');
      assert.equal(location(up), `/admin/publications/ingested?queued=${job!.id}#files-h`);
      assert.equal(job!.state, 'queued');
      assert.deepEqual(await files('ingested'), [], 'no file row before the job runs');

      const page = await (await editor.get(location(up))).text();
      assert.match(page, /The file is uploaded/);
      assert.match(
        page,
        new RegExp(`href="/admin/jobs/${job!.id}">remittances\\.pdf</a> · <span class="job job-queued">waiting</span>`),
      );
      const queued = await editor.get(`/admin/jobs/${job!.id}`);
      assert.equal(queued.status, 200);
      const queuedHtml = await queued.text();
      assert.doesNotMatch(queuedHtml, REFRESH, 'a waiting job refreshes only when asked');
      assert.match(queuedHtml, /Refresh automatically/);
      const live = await (await editor.get(`/admin/jobs/${job!.id}?refresh=1`)).text();
      assert.match(live, REFRESH, 'asked, a waiting job refreshes itself');
      assert.match(live, /Stop refreshing/);
      assert.match(await (await editor.get(`/ru/admin/jobs/${job!.id}`)).text(), /в очереди/);

      await t.db.query(
        "update ingest_jobs set state = 'running', progress_page = 1, progress_total = 2 where id = $1",
        [job!.id],
      );
      const running = await (await editor.get(`/admin/jobs/${job!.id}?refresh=1`)).text();
      assert.match(running, REFRESH);
      assert.match(running, /being read<\/span> · page 1 of 2/);
      assert.match(await (await editor.get('/kk/admin/jobs/' + job!.id)).text(), /2 беттің 1-беті/);

      const [ran] = await runQueuedJobs(t);
      assert.equal(ran!.state, 'done', ran!.error ?? '');
      const [file] = await files('ingested');
      assert.equal(file!.id, ran!.file_id);
      assert.deepEqual(
        [file!.pages, file!.language, file!.media_type, file!.text_status, file!.embargo_until],
        [2, 'en', 'application/pdf', 'extracted', '2001-02-03'],
      );
      assert.match(file!.cover_sha256 ?? '', /^[0-9a-f]{64}$/, 'a cover was made');
      assert.ok(await t.deps.files.exists(file!.cover_sha256!));
      const pages = await t.db.query<{ page: number; text: string }>(
        'select page, text from file_pages where file_id = $1 order by page',
        [file!.id],
      );
      assert.deepEqual(
        pages.map((p) => p.page),
        [1, 2],
      );

      const done = await (await editor.get(`/admin/jobs/${job!.id}?refresh=1`)).text();
      assert.doesNotMatch(done, REFRESH, 'a finished job does not refresh, even when asked');
      assert.match(done, /<span class="job job-done">done<\/span> · 2 pages/);
      assert.ok(
        done.includes(`href="/admin/publications/ingested/files/${file!.id}">Open remittances.pdf</a>`),
        'it links to the file',
      );
      const admin = await (await editor.get('/admin/publications/ingested')).text();
      assert.match(
        admin,
        /remittances\.pdf<\/a> · [^<]+ · application\/pdf\s*· English\s*· 2 pages/,
        'the file shows its language and page count',
      );
      assert.match(
        await (await t.get('/publications?q=remittances')).text(),
        /\/publications\/ingested"/,
        'its text is searchable',
      );

      const history = await t.db.query<{ action: string; user_id: number | null; email: string }>(
        "select c.action, c.user_id, u.email from publication_changes c join users u on u.id = c.user_id join publications p on p.id = c.publication_id where p.slug = 'ingested' order by c.id desc limit 1",
      );
      assert.deepEqual(
        [history[0]!.action, history[0]!.email],
        ['files', editorEmail],
        'the file is recorded as the uploader’s change',
      );
      assert.match(
        await (await editor.get('/admin/publications/ingested/history')).text(),
        new RegExp(`Files changed · ${editorEmail.replace('.', '\\.')}`),
      );
    });

    test('a new version through a job keeps the chain, the place and the embargo', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const [v1] = await files('ingested');
      const up = await editor.upload(
        '/admin/publications/ingested/files',
        { replaces: String(v1!.id), embargo_until: '2999-12-31' },
        { name: 'remittances-2.pdf', bytes: reportPdf('Remittances, the second edition') },
      );
      assert.equal(up.status, 303);
      assert.equal((await runQueuedJobs(t))[0]!.state, 'done');
      const all = await files('ingested');
      const v2 = all.find((f) => f.original_name === 'remittances-2.pdf')!;
      assert.equal(all.find((f) => f.id === v1!.id)!.replaced_by, v2.id, 'the old version points to the new one');
      assert.equal(v2.position, v1!.position);
      assert.equal(v2.embargo_until, '2999-12-31', 'the upload’s embargo is kept');
      const item = await (await t.get('/publications/ingested')).text();
      assert.doesNotMatch(item, /remittances(-2)?\.pdf/, 'embargoed: readers see neither version');
      assert.match(
        await (await editor.get('/admin/publications/ingested')).text(),
        /1 older version[\s\S]*remittances\.pdf/,
      );
    });

    test('bytes the publication has, or is being given, are refused with 422 beside the form', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const [v1] = await files('ingested');
      const again = await editor.upload(
        '/admin/publications/ingested/files',
        {},
        {
          name: 'copy.pdf',
          bytes: await buffer(
            (await t.deps.files.read(
              (await t.db.one<{ sha256: string }>('select sha256 from files where id = $1', [v1!.id]))!.sha256,
            ))!,
          ),
        },
      );
      assert.equal(again.status, 422);
      assert.match(await again.text(), /The publication has this file already: remittances\.pdf\./);
      const fresh = reportPdf('Sent twice before it was read');
      assert.equal(
        (await editor.upload('/admin/publications/ingested/files', {}, { name: 'twice.pdf', bytes: fresh })).status,
        303,
      );
      const twice = await editor.upload(
        '/ru/admin/publications/ingested/files',
        {},
        { name: 'twice-again.pdf', bytes: fresh },
      );
      assert.equal(twice.status, 422);
      assert.match(await twice.text(), /уже загружен и читается/);
      await runQueuedJobs(t);
      assert.equal(
        (await jobs('ingested')).filter((j) => j.original_name.startsWith('twice')).length,
        1,
        'no second job',
      );
    });

    test('a refused file fails its job with the reason; nothing is stored', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = (await files('ingested')).length;
      const html = Buffer.from('<!doctype html><html><body>Not found</body></html>');
      assert.equal(
        (await editor.upload('/admin/publications/ingested/files', {}, { name: 'page.pdf', bytes: html })).status,
        303,
      );
      const [failed] = await runQueuedJobs(t);
      assert.deepEqual(
        [failed!.state, failed!.error_code, failed!.error],
        ['failed', 'not-pdf', 'not a PDF: it is a web page (HTML)'],
      );
      assert.equal((await files('ingested')).length, before, 'no file row');
      assert.equal(await t.deps.files.exists(failed!.sha256), false, 'no blob');
      const admin = await (await editor.get('/admin/publications/ingested')).text();
      assert.match(
        admin,
        /page\.pdf<\/a> · <span class="job job-failed">failed<\/span> · <span class="error">This is not a PDF\. \(<span lang="en">not a PDF: it is a web page \(HTML\)<\/span>\)/,
      );
      const page = await (await editor.get(`/ru/admin/jobs/${failed!.id}`)).text();
      assert.match(page, /Это не PDF\./);
      assert.match(page, /Ничего не сохранено/);
      assert.doesNotMatch(page, REFRESH);

      if (!fs.existsSync(ENCRYPTED)) return ctx.skip(`no ${ENCRYPTED}: the shared fixtures are absent`);
      await editor.upload(
        '/admin/publications/ingested/files',
        {},
        { name: 'locked.pdf', bytes: fs.readFileSync(ENCRYPTED) },
      );
      const [locked] = await runQueuedJobs(t);
      assert.deepEqual([locked!.state, locked!.error_code], ['failed', 'encrypted']);
      assert.match(
        await (await editor.get(`/admin/jobs/${locked!.id}`)).text(),
        /The PDF is protected by a password\./,
      );
      assert.equal((await files('ingested')).length, before);
    });

    test('a PDF is known by its first bytes, whatever its name; other files are stored at once', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.upload(
        '/admin/publications/ingested/files',
        {},
        { name: 'scan.bin', bytes: reportPdf('Named like something else'), type: 'application/octet-stream' },
      );
      const [job] = await runQueuedJobs(t);
      assert.equal(job!.state, 'done');
      assert.equal((await files('ingested')).find((f) => f.id === job!.file_id)!.media_type, 'application/pdf');
      const docx = await editor.upload(
        '/admin/publications/ingested/files',
        {},
        { name: 'notes.docx', bytes: 'PK\u0003\u0004 not read', type: 'application/octet-stream' },
      );
      assert.equal(location(docx), '/admin/publications/ingested?saved=1#files-h');
      const row = (await files('ingested')).find((f) => f.original_name === 'notes.docx')!;
      assert.equal(row.text_status, 'not_applicable');
      assert.deepEqual(await runQueuedJobs(t), [], 'no job for it');
    });

    test('job pages are for staff who may follow them', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const editorsJob = (await jobs('ingested'))[0]!;
      const anonymous = await t.get(`/admin/jobs/${editorsJob.id}`);
      assert.equal(anonymous.status, 303);
      assert.match(location(anonymous), /^\/login\?next=/);
      const contributorEmail = await makeUser(t, 'contributor');
      const contributor = await login(t, contributorEmail);
      assert.equal(
        (await contributor.get(`/admin/jobs/${editorsJob.id}`)).status,
        403,
        'another’s job on a publication the contributor may not edit',
      );
      assert.doesNotMatch(
        await (await contributor.get('/admin/publications/ingested')).text(),
        /\/admin\/jobs\//,
        'nor listed for them',
      );
      await contributor.post('/admin/publications', publicationFields({ slug: 'contrib-upload' }));
      assert.equal(
        (
          await contributor.upload(
            '/admin/publications/contrib-upload/files',
            {},
            { name: 'mine.pdf', bytes: reportPdf('A contributor’s draft') },
          )
        ).status,
        303,
      );
      const mine = (await jobs('contrib-upload'))[0]!;
      assert.equal(
        mine.user_id,
        (await t.db.one<{ id: number }>('select id from users where email = $1', [contributorEmail]))!.id,
      );
      assert.equal((await contributor.get(`/admin/jobs/${mine.id}`)).status, 200);
      assert.equal((await editor.get(`/admin/jobs/${mine.id}`)).status, 200, 'editors follow every job');
      for (const bad of ['999999', 'abc', '99999999999'])
        assert.equal((await editor.get(`/admin/jobs/${bad}`)).status, 404, bad);
      await runQueuedJobs(t);
    });

    test('the files’ metadata is offered for empty fields only, escaped, and a suggestion is saved when used', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.post('/admin/publications', publicationFields({ slug: 'suggested', year: '' }));
      const info = {
        Title: 'Labour <script>alert(1)</script> Study',
        Author: 'Aigerim Suleimenova; John Smith',
        CreationDate: 'D:20190314120000Z',
      };
      await editor.upload(
        '/admin/publications/suggested/files',
        { language: 'ru' },
        { name: 'study.pdf', bytes: reportPdf('Almaty, 2016', info) },
      );
      assert.doesNotMatch(
        await (await editor.get('/admin/publications/suggested')).text(),
        /suggestions-h/,
        'nothing before the job ran',
      );
      await runQueuedJobs(t);
      const page = await (await editor.get('/admin/publications/suggested')).text();
      const offered = [...page.matchAll(/name="field" value="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(
        offered,
        ['title.ru', 'people', 'year', 'pages'],
        'the English title and other filled fields are not offered; no whole date is printed, so none is offered',
      );
      assert.match(page, /from page 1 of study\.pdf: “Almaty, 2016”/, 'where the year was read');
      assert.doesNotMatch(page, /name="field" value="year"[\s\S]{0,400}2019/, 'not the file’s creation year');
      assert.ok(page.includes('Labour &lt;script&gt;alert(1)&lt;/script&gt; Study'), 'values are shown as text');
      assert.doesNotMatch(page, /<script>alert/);
      const fileId = (await files('suggested'))[0]!.id;

      const v = await version(editor, 'suggested');
      const used = await editor.post('/admin/publications/suggested/suggestions', {
        field: 'people',
        file: String(fileId),
        _version: v,
      });
      assert.equal(used.status, 303);
      const people = await t.db.query<{ name: string; role: string }>(
        "select e.name, l.role from publication_people l join people e on e.id = l.person_id join publications p on p.id = l.publication_id where p.slug = 'suggested' order by l.position",
      );
      assert.deepEqual(people, [
        { name: 'Aigerim Suleimenova', role: 'author' },
        { name: 'John Smith', role: 'author' },
      ]);
      const after = await (await editor.get('/admin/publications/suggested')).text();
      assert.doesNotMatch(after, /name="field" value="people"/, 'a filled field is no longer offered');
      assert.match(after, /value="Aigerim Suleimenova"/);
      assert.equal(
        (
          await editor.post('/admin/publications/suggested/suggestions', {
            field: 'people',
            file: String(fileId),
            _version: await version(editor, 'suggested'),
          })
        ).status,
        409,
        'never written over',
      );
      assert.equal(
        (
          await editor.post('/admin/publications/suggested/suggestions', {
            field: 'year',
            file: String(fileId),
            _version: v,
          })
        ).status,
        409,
        'a stale form is refused',
      );
      assert.equal(
        (
          await editor.post('/admin/publications/suggested/suggestions', {
            field: 'year',
            file: String(fileId),
            _version: await version(editor, 'suggested'),
          })
        ).status,
        303,
      );
      assert.equal(
        (await t.db.one<{ year: number }>("select year from publications where slug = 'suggested'"))!.year,
        2016,
      );
      assert.match(await (await editor.get('/admin/publications/suggested/history')).text(), /Edited/);
      const contributor = await login(t, await makeUser(t, 'contributor'));
      await editor.post('/admin/publications/suggested/status', {
        status: 'published',
        _version: await version(editor, 'suggested'),
      });
      assert.equal(
        (
          await contributor.post('/admin/publications/suggested/suggestions', {
            field: 'pages',
            file: String(fileId),
            _version: await version(editor, 'suggested'),
          })
        ).status,
        403,
      );
    });
  });
}
