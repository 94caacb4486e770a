// Files from the staff pages: upload (streamed, under its own limit), new versions that keep the old
// ones, the cover, each file's language, and embargoes that hide a file from readers until its date.
// PDFs go through ingest jobs (test/admin-ingest.test.ts has the rest of that); these tests run them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mediaTypeOf } from '../src/domain/file-names.ts';
import { cleanFileName } from '../src/domain/file-names.ts';
import { isUploadRequest } from '../src/http/upload-paths.ts';
import { BACKENDS, type TestApp } from './helpers.ts';
import { reportPdf, runQueuedJobs } from './ingest-helpers.ts';
import { login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

test('upload helpers: the upload route, safe names and served media types', () => {
  assert.equal(isUploadRequest('POST', '/admin/publications/x-2020/files'), true);
  assert.equal(isUploadRequest('POST', '/kk/admin/publications/x-2020/files'), true);
  assert.equal(isUploadRequest('POST', '/admin/publications/x-2020/files/3'), false);
  assert.equal(isUploadRequest('GET', '/admin/publications/x-2020/files'), false);
  assert.equal(isUploadRequest('POST', '/publications/x-2020/files'), false);
  assert.equal(cleanFileName('C:\\Users\\me\\Report 2020.pdf'), 'Report 2020.pdf');
  assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
  assert.equal(cleanFileName('a\u0000b\nc.pdf'), 'abc.pdf');
  assert.equal(cleanFileName(''), 'file');
  assert.equal(mediaTypeOf('x.PDF'), 'application/pdf');
  for (const dangerous of ['x.html', 'x.svg', 'x.js', 'x.xhtml', 'noext'])
    assert.equal(mediaTypeOf(dangerous), 'application/octet-stream', dangerous);
});

for (const backend of BACKENDS) {
  describe(`files on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    const MB = 1024 * 1024;
    before(async () => {
      t = await openStaffApp(backend, { UPLOAD_MAX_BYTES: String(3 * MB), MAX_BODY_BYTES: String(MB) });
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
      await editor.post('/admin/publications', publicationFields({ slug: 'with-files', download: 'on' }));
      const v = /name="_version" value="([^"]+)"/.exec(
        await (await editor.get('/admin/publications/with-files')).text(),
      )![1]!;
      await editor.post('/admin/publications/with-files/status', { status: 'published', _version: v });
    });
    after(async () => t?.close());
    const files = () =>
      t!.db.query<{
        id: number;
        original_name: string;
        replaced_by: number | null;
        is_cover: boolean;
        language: string | null;
        embargo_until: string | null;
        position: number;
      }>(
        "select f.id, f.original_name, f.replaced_by, f.is_cover, f.language, f.embargo_until, f.position from files f join publications p on p.id = f.publication_id where p.slug = 'with-files' order by f.id",
      );
    const publicPage = async () => (await t!.get('/publications/with-files')).text();

    test('an upload larger than the general body limit is streamed to the store; over UPLOAD_MAX_BYTES it is refused with 413', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      // Not a PDF: stored at once, no job.
      const big = Buffer.alloc(2 * MB, 7);
      const ok = await editor.upload(
        '/admin/publications/with-files/files',
        { language: 'ru' },
        { name: 'big-data.zip', bytes: big, type: 'application/zip' },
      );
      assert.equal(ok.status, 303);
      const row = (await files()).find((f) => f.original_name === 'big-data.zip')!;
      assert.equal(row.language, 'ru');
      const served = await t.get(`/publications/with-files/files/${row.id}/big-data.zip`);
      assert.equal(served.status, 200);
      assert.equal(Number(served.headers.get('content-length')), big.length);
      const before = (await files()).length;
      const tooBig = await editor.upload(
        '/admin/publications/with-files/files',
        {},
        { name: 'huge.pdf', bytes: Buffer.alloc(3 * MB + 10, 1) },
      );
      assert.equal(tooBig.status, 413);
      assert.equal((await files()).length, before, 'nothing recorded');
      const { readdirSync, existsSync } = await import('node:fs');
      const partial = () => (existsSync(t!.deps.files.tmpDir) ? readdirSync(t!.deps.files.tmpDir) : []);
      // The refused stream's temporary file is removed as its streams close, which may end just after the answer.
      for (let i = 0; i < 50 && partial().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(partial(), [], 'no partial file left behind');
      assert.equal(
        (await editor.post('/admin/publications/with-files', { big: 'x'.repeat(2 * MB) })).status,
        413,
        'other forms keep the general limit',
      );
    });

    test('no file, an empty file, or wrong fields: 422 beside the upload form', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const none = await editor.upload(
        '/admin/publications/with-files/files',
        {},
        { name: '', bytes: '', type: 'application/octet-stream' },
      );
      assert.equal(none.status, 422);
      assert.match(await none.text(), /Please choose a file/);
      const empty = await editor.upload('/admin/publications/with-files/files', {}, { name: 'empty.pdf', bytes: '' });
      assert.equal(empty.status, 422);
      assert.match(await empty.text(), /The file is empty/);
      const ru = await editor.upload(
        '/ru/admin/publications/with-files/files',
        { embargo_until: 'tomorrow' },
        { name: 'x.pdf', bytes: 'x' },
      );
      assert.equal(ru.status, 422);
      assert.match(await ru.text(), /Введите дату/);
      assert.equal(
        (
          await editor.upload(
            '/admin/publications/with-files/files',
            { replaces: '999999' },
            { name: 'x.pdf', bytes: 'x' },
          )
        ).status,
        422,
      );
      assert.equal(
        (await editor.upload('/admin/publications/no-such/files', {}, { name: 'x.pdf', bytes: 'x' })).status,
        404,
      );
    });

    test('a new version replaces a file for readers and keeps the old one for staff', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const one = reportPdf('Guide, version one');
      await editor.upload(
        '/admin/publications/with-files/files',
        { language: 'en' },
        { name: 'guide-v1.pdf', bytes: one },
      );
      await editor.upload(
        '/admin/publications/with-files/files',
        { language: 'ru' },
        { name: 'Руководство 2020.pdf', bytes: reportPdf('Guide in Russian') },
      );
      await runQueuedJobs(t);
      assert.ok(
        (await files()).some((f) => f.original_name === 'Руководство 2020.pdf'),
        'UTF-8 file names arrive intact',
      );
      const v1 = (await files()).find((f) => f.original_name === 'guide-v1.pdf')!;
      const r = await editor.upload(
        '/admin/publications/with-files/files',
        { replaces: String(v1.id) },
        { name: 'guide-v2.pdf', bytes: reportPdf('Guide, version two') },
      );
      assert.equal(r.status, 303);
      await runQueuedJobs(t);
      const all = await files();
      const v2 = all.find((f) => f.original_name === 'guide-v2.pdf')!;
      assert.equal(all.find((f) => f.id === v1.id)!.replaced_by, v2.id);
      assert.equal(v2.language, 'en', 'the new version keeps the language');
      assert.equal(v2.position, v1.position, 'and the place');
      const html = await publicPage();
      assert.match(html, /guide-v2\.pdf/);
      assert.doesNotMatch(html, /guide-v1\.pdf/);
      assert.equal(
        (await t.get(`/publications/with-files/files/${v1.id}/guide-v1.pdf`)).status,
        404,
        'readers do not get the old version',
      );
      const old = await editor.get(`/admin/publications/with-files/files/${v1.id}`);
      assert.equal(old.status, 200, 'staff do');
      assert.deepEqual(Buffer.from(await old.arrayBuffer()), one);
      const staff = await (await editor.get('/admin/publications/with-files')).text();
      assert.match(staff, /1 older version[\s\S]*guide-v1\.pdf/);
      assert.equal(
        (await editor.post(`/admin/publications/with-files/files/${v1.id}`, { language: 'kk' })).status,
        404,
        'old versions are not edited',
      );
    });

    test('the cover, a file’s language and its embargo are set per file', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.upload(
        '/admin/publications/with-files/files',
        {},
        { name: 'cover-me.pdf', bytes: reportPdf('The cover') },
      );
      await runQueuedJobs(t);
      const f = (await files()).find((x) => x.original_name === 'cover-me.pdf')!;
      assert.equal(
        (await editor.post(`/admin/publications/with-files/files/${f.id}`, { language: 'kk', is_cover: 'on' })).status,
        303,
      );
      let row = (await files()).find((x) => x.id === f.id)!;
      assert.deepEqual([row.language, row.is_cover], ['kk', true]);
      assert.equal(Math.min(...(await files()).map((x) => x.position)), row.position, 'the cover goes first');
      // Ingest renders each PDF's cover; stand in for it: the chosen file's cover must be the one shown.
      await t.db.query(
        "update files set cover_sha256 = case when id = $1 then repeat('c', 64) else repeat('d', 64) end where publication_id = (select id from publications where slug = 'with-files')",
        [f.id],
      );
      const sha = 'c'.repeat(64);
      const api = (await (await t.get('/api/v1/publications/with-files')).json()) as Record<string, unknown>;
      assert.ok(JSON.stringify(api).includes('cover-me.pdf'));
      const shown = await publicPage();
      assert.ok(shown.includes(sha) && !shown.includes('d'.repeat(64)), 'the chosen file makes the cover');

      assert.equal(
        (
          await editor.post(`/admin/publications/with-files/files/${f.id}`, {
            language: 'kk',
            is_cover: 'on',
            embargo_until: '2999-01-01',
          })
        ).status,
        303,
      );
      row = (await files()).find((x) => x.id === f.id)!;
      assert.equal(row.embargo_until, '2999-01-01');
      assert.doesNotMatch(await publicPage(), /cover-me\.pdf/, 'embargoed: not listed');
      assert.equal((await t.get(`/publications/with-files/files/${f.id}/cover-me.pdf`)).status, 404, 'and not served');
      assert.ok(
        !JSON.stringify(await (await t.get('/api/v1/publications/with-files')).json()).includes('cover-me.pdf'),
        'nor in the API',
      );
      assert.equal(
        (await editor.get(`/admin/publications/with-files/files/${f.id}`)).status,
        200,
        'staff still get it',
      );
      assert.match(await (await editor.get('/admin/publications/with-files')).text(), /readers get it from 2999-01-01/);

      await editor.post(`/admin/publications/with-files/files/${f.id}`, {
        language: 'kk',
        embargo_until: '2001-01-01',
      });
      assert.match(await publicPage(), /cover-me\.pdf/, 'an embargo in the past is over');
      assert.equal((await t.get(`/publications/with-files/files/${f.id}/cover-me.pdf`)).status, 200);
      assert.equal((await files()).find((x) => x.id === f.id)!.is_cover, false, 'unticked: no longer the cover');
      assert.equal((await editor.post(`/admin/publications/with-files/files/${f.id}`, { language: 'xx' })).status, 422);
    });
  });
}
