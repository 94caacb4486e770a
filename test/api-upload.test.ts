// Adding files through the API with a staff member's token: 401/403 before a byte is stored, a PDF
// queued (202 + Location) and followed to its file, other files stored at once (201), the limits
// (413, nothing left behind), duplicates (409), bad input (400), CSRF, and the OpenAPI document.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isUploadRequest } from '../src/http/upload-paths.ts';
import { dispositionFileName } from '../src/api/disposition.ts';
import { ingestJob as ingestJobSchema, errorBody, publicationFull, storedFile } from '../src/api/schemas.ts';
import { isBearerApiRequest } from '../src/api/token-auth.ts';
import { storedBlobs } from '../src/files/store.ts';
import { runIngestJob } from '../src/ingest/jobs.ts';
import { tinyPdf } from '../src/ingest/tiny-pdf.ts';
import { createApiToken } from '../src/store/api-tokens.ts';
import { userWithHashByEmail } from '../src/store/users.ts';
import { BACKENDS, makePublication, type TestApp, validateOpenApi } from './helpers.ts';
import { login, makeUser, openStaffApp, ORIGIN } from './staff-helpers.ts';

const ENCRYPTED = path.resolve(
  fileURLToPath(new URL('../', import.meta.url)),
  '../shared/fixtures/pdfs/reject-password-required.pdf',
);
const KB = 1024;

let n = 0;
/** A real two-page English PDF, different on every call. */
function pdf(title = `Report number ${++n} on labour migration`): Buffer {
  return tinyPdf([
    { lines: [title, 'A study of returning migrant workers and their families in Central Asia.'] },
    {
      lines: [
        'Remittances sent home by migrant workers support many households.',
        'Recommendations for the governments of the region.',
      ],
    },
  ]);
}

test('the upload route skips the general body limit; bearer API requests skip the Origin check; file names from Content-Disposition', () => {
  assert.equal(isUploadRequest('POST', '/api/v1/publications/x-2020/files'), true);
  assert.equal(isUploadRequest('POST', '/admin/publications/x-2020/files'), true);
  assert.equal(isUploadRequest('POST', '/api/v1/publications/x-2020'), false);
  assert.equal(isUploadRequest('POST', '/ru/api/v1/publications/x-2020/files'), false);
  assert.equal(isUploadRequest('GET', '/api/v1/publications/x-2020/files'), false);

  assert.equal(isBearerApiRequest('/api/v1/publications/x/files', 'Bearer kitap_abc'), true);
  assert.equal(isBearerApiRequest('/api/v1/publications/x/files', 'bearer kitap_abc'), true);
  assert.equal(isBearerApiRequest('/api/v1/publications/x/files', undefined), false);
  assert.equal(isBearerApiRequest('/api/v1/publications/x/files', 'Basic dXNlcjpwYXNz'), false);
  assert.equal(isBearerApiRequest('/admin/publications/x/files', 'Bearer kitap_abc'), false, 'staff pages never');

  const cases: Array<[string | undefined, string | null]> = [
    ['attachment; filename="Report 2020.pdf"', 'Report 2020.pdf'],
    ['attachment; filename=report.pdf', 'report.pdf'],
    ['attachment; filename="a \\"quoted\\" name.pdf"', 'a "quoted" name.pdf'],
    [`attachment; filename="Doklad.pdf"; filename*=UTF-8''${encodeURIComponent('Доклад 2017.pdf')}`, 'Доклад 2017.pdf'],
    ["attachment; filename*=utf-8''%E2%82%AC%20rates.pdf", '€ rates.pdf'],
    ["attachment; filename*=UTF-8''%E0%A4%A.pdf; filename=fallback.pdf", null],
    ['attachment', null],
    ['', null],
    [undefined, null],
  ];
  for (const [header, name] of cases) assert.equal(dispositionFileName(header), name, String(header));
});

for (const backend of BACKENDS) {
  describe(`API writes on ${backend}`, () => {
    let t: TestApp | null;
    const tokens: Record<string, string> = {};
    let editorId = 0;
    before(async () => {
      t = await openStaffApp(backend, {
        UPLOAD_MAX_BYTES: String(512 * KB),
        MAX_BODY_BYTES: String(64 * KB),
        PUBLIC_URL: 'https://library.example.org',
      });
      if (!t) return;
      await makePublication(t.db, { slug: 'api-published', download: true });
      await makePublication(t.db, { slug: 'api-draft', status: 'draft' });
      for (const role of ['editor', 'contributor', 'admin'] as const) {
        const user = (await userWithHashByEmail(t.db, await makeUser(t, role, `${role}@api.test`)))!;
        if (role === 'editor') editorId = user.id;
        tokens[role] = (await createApiToken(t.db, user.id, `${role} script`, null)).token;
      }
    });
    after(async () => t?.close());

    const auth = (role: string) => ({ Authorization: `Bearer ${tokens[role]}` });
    const post = (p: string, body: Buffer | string | FormData, headers: Record<string, string> = {}) =>
      t!.get(p, { method: 'POST', body: Buffer.isBuffer(body) ? new Uint8Array(body) : body, headers });
    const form = (
      file: { name: string; bytes: Buffer | string; type?: string } | null,
      fields: Record<string, string> = {},
    ) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      if (file)
        f.append(
          'file',
          new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)], {
            type: file.type ?? 'application/pdf',
          }),
          file.name,
        );
      return f;
    };
    const error = async (r: Response) => errorBody.parse(await r.json()).error;
    const job = async (r: Response) => ingestJobSchema.parse(await r.json());
    const fileRows = (slug: string) =>
      t!.db.query<{
        id: number;
        original_name: string;
        pages: number | null;
        language: string | null;
        media_type: string;
      }>(
        'select f.id, f.original_name, f.pages, f.language, f.media_type from files f join publications p on p.id = f.publication_id where p.slug = $1 order by f.id',
        [slug],
      );
    const blobs = () => storedBlobs(t!.deps.files);
    const partial = () => (fs.existsSync(t!.deps.files.tmpDir) ? fs.readdirSync(t!.deps.files.tmpDir) : []);

    test('no token, a wrong, revoked or expired one, or a disabled account: 401 with the Bearer challenge', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const none = await post('/api/v1/publications/api-published/files', pdf(), { 'Content-Type': 'application/pdf' });
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="kitap"');
      assert.deepEqual(await error(none), {
        code: 'unauthorized',
        message: 'This needs an API token: send “Authorization: Bearer <token>”.',
      });

      const wrong = await post('/api/v1/publications/api-published/files', pdf(), {
        'Content-Type': 'application/pdf',
        Authorization: 'Bearer kitap_not-a-real-token',
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.headers.get('www-authenticate'), 'Bearer realm="kitap", error="invalid_token"');
      assert.match((await error(wrong)).message, /not valid: it is wrong, revoked or expired/);
      assert.equal(
        (
          await post('/api/v1/publications/api-published/files', pdf(), {
            Authorization: `Basic ${Buffer.from('a:b').toString('base64')}`,
          })
        ).status,
        401,
      );
      assert.equal((await t.get('/api/v1/jobs/1')).status, 401, 'following a job needs a token too');

      const user = (await userWithHashByEmail(t.db, await makeUser(t, 'editor')))!;
      const { token, row } = await createApiToken(t.db, user.id, 'short-lived', 1);
      const bearer = { Authorization: `Bearer ${token}` };
      assert.equal(
        (await t.get('/api/v1/jobs/999999', { headers: bearer })).status,
        404,
        'a live token gets past authentication',
      );
      await t.db.query("update api_tokens set expires_at = now() - interval '1 second' where id = $1", [row.id]);
      assert.equal((await t.get('/api/v1/jobs/999999', { headers: bearer })).status, 401, 'expired');
      await t.db.query('update api_tokens set expires_at = null where id = $1', [row.id]);
      await t.db.query('update users set disabled = true where id = $1', [user.id]);
      assert.equal((await t.get('/api/v1/jobs/999999', { headers: bearer })).status, 401, 'account disabled');
      await t.db.query('update users set disabled = false where id = $1', [user.id]);
      assert.equal((await t.get('/api/v1/jobs/999999', { headers: bearer })).status, 404);
      await t.db.query('update api_tokens set revoked_at = now() where id = $1', [row.id]);
      assert.equal((await t.get('/api/v1/jobs/999999', { headers: bearer })).status, 401, 'revoked');
      assert.deepEqual(await blobs(), [], 'nothing was stored');
    });

    test('a contributor’s token may add to a draft but not to a published publication (403); unknown slug 404', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const refused = await post('/api/v1/publications/api-published/files', pdf(), {
        'Content-Type': 'application/pdf',
        ...auth('contributor'),
      });
      assert.equal(refused.status, 403);
      assert.equal((await error(refused)).code, 'forbidden');
      assert.deepEqual(await blobs(), [], 'refused before a byte is stored');
      const draft = await post('/api/v1/publications/api-draft/files', pdf(), {
        'Content-Type': 'application/pdf',
        ...auth('contributor'),
      });
      assert.equal(draft.status, 202);
      assert.equal((await job(draft)).publication, 'api-draft');
      assert.equal(
        (
          await post('/api/v1/publications/no-such-thing/files', pdf(), {
            'Content-Type': 'application/pdf',
            ...auth('admin'),
          })
        ).status,
        404,
      );
    });

    test('a PDF: 202 with the job and its Location; once read, the job shows its file and the publication lists it', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const bytes = pdf('Labour migration in Central Asia');
      const r = await post(
        '/api/v1/publications/api-published/files',
        form({ name: 'Labour migration.pdf', bytes }),
        auth('editor'),
      );
      assert.equal(r.status, 202);
      const queued = await job(r);
      assert.equal(r.headers.get('location'), `/api/v1/jobs/${queued.id}`);
      assert.equal(queued.url, `https://library.example.org/api/v1/jobs/${queued.id}`);
      assert.deepEqual(
        [queued.state, queued.publication, queued.name, queued.file, queued.error],
        ['queued', 'api-published', 'Labour migration.pdf', null, null],
      );
      assert.equal(r.headers.get('cache-control'), 'no-store');

      // Issue 21: a token follows the jobs its account may follow on the staff pages (canSeeIngestJob).
      assert.equal(
        (await t.get(r.headers.get('location')!, { headers: auth('contributor') })).status,
        403,
        'not a contributor, on a published record',
      );
      const waiting = await t.get(r.headers.get('location')!, { headers: auth('editor') });
      assert.equal(waiting.status, 200);
      assert.equal((await job(waiting)).state, 'queued');

      assert.equal((await runIngestJob(t.deps, queued.id)).state, 'done');
      const done = await job(await t.get(`/api/v1/jobs/${queued.id}`, { headers: auth('editor') }));
      assert.equal(done.state, 'done');
      assert.deepEqual(done.progress, { page: 2, total: 2 });
      assert.ok(done.finished_at);
      const file = storedFile.parse(done.file);
      assert.deepEqual(
        [file.name, file.pages, file.language, file.media_type, file.size],
        ['Labour migration.pdf', 2, 'en', 'application/pdf', bytes.length],
      );
      assert.equal(file.sha256, createHash('sha256').update(bytes).digest('hex'));
      assert.equal(
        file.url,
        `https://library.example.org/publications/api-published/files/${file.id}/Labour%20migration.pdf`,
      );

      const pub = publicationFull.parse(await (await t.get('/api/v1/publications/api-published')).json());
      const listed = pub.files.find((f) => f.sha256 === file.sha256);
      assert.deepEqual([listed?.pages, listed?.language, listed?.url], [2, 'en', file.url]);
      const served = await t.get(new URL(file.url).pathname);
      assert.equal(served.status, 200);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
      const change = await t.db.one<{ user_id: number }>(
        "select user_id from publication_changes where action = 'files' order by id desc limit 1",
      );
      assert.equal(change?.user_id, editorId, 'the history names the token’s owner');
    });

    test('the file itself as the body: its name from Content-Disposition or ?name=, the language from ?language=', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const name = 'Доклад 2017.pdf';
      const r = await post('/api/v1/publications/api-published/files?language=ru', pdf(), {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="Doklad.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        ...auth('editor'),
      });
      assert.equal(r.status, 202);
      const queued = await job(r);
      assert.deepEqual([queued.name, queued.language], [name, 'ru']);
      await runIngestJob(t.deps, queued.id);
      const done = await job(await t.get(`/api/v1/jobs/${queued.id}`, { headers: auth('editor') }));
      assert.deepEqual(
        [done.state, done.file?.name, done.file?.language],
        ['done', name, 'ru'],
        'the language given wins over the detected one',
      );

      const named = await job(
        await post('/api/v1/publications/api-published/files?name=plain.pdf', pdf(), {
          'Content-Type': 'application/octet-stream',
          ...auth('editor'),
        }),
      );
      assert.equal(named.name, 'plain.pdf');
      const unnamed = await job(
        await post('/api/v1/publications/api-published/files', pdf(), {
          'Content-Type': 'application/pdf',
          ...auth('editor'),
        }),
      );
      assert.equal(unnamed.name, 'api-published.pdf', 'a PDF without a name is named after its publication');
      for (const id of [named.id, unnamed.id]) assert.equal((await runIngestJob(t.deps, id)).state, 'done');
    });

    test('not a PDF, or an encrypted one: the job fails with a readable reason and no file is made', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = (await fileRows('api-published')).length;
      const html = Buffer.from('<!doctype html><html><body>Not found</body></html>');
      const r = await post('/api/v1/publications/api-published/files?name=page.pdf', html, {
        'Content-Type': 'application/pdf',
        ...auth('editor'),
      });
      assert.equal(r.status, 202);
      const queued = await job(r);
      await runIngestJob(t.deps, queued.id);
      const failed = await job(await t.get(`/api/v1/jobs/${queued.id}`, { headers: auth('editor') }));
      assert.deepEqual(
        [failed.state, failed.error, failed.error_code, failed.file],
        ['failed', 'not a PDF: it is a web page (HTML)', 'not-pdf', null],
      );
      assert.equal((await fileRows('api-published')).length, before, 'no file row');
      assert.equal(await t.deps.files.exists(createHash('sha256').update(html).digest('hex')), false, 'no blob');

      if (!fs.existsSync(ENCRYPTED)) return ctx.skip(`no ${ENCRYPTED}: the shared fixtures are absent`);
      const locked = await post(
        '/api/v1/publications/api-published/files',
        form({ name: 'locked.pdf', bytes: fs.readFileSync(ENCRYPTED) }),
        auth('editor'),
      );
      const lockedJob = await job(locked);
      await runIngestJob(t.deps, lockedJob.id);
      const refused = await job(await t.get(`/api/v1/jobs/${lockedJob.id}`, { headers: auth('editor') }));
      assert.deepEqual([refused.state, refused.error_code, refused.file], ['failed', 'encrypted', null]);
      assert.match(refused.error!, /password/);
      assert.equal((await fileRows('api-published')).length, before);
    });

    test('any other file is stored at once: 201 with the file; larger than the general body limit is fine', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const text = Buffer.from('Notes on the report\n'.repeat(5000)); // ~100 KB, over MAX_BODY_BYTES
      const r = await post('/api/v1/publications/api-published/files?name=notes.txt', text, {
        'Content-Type': 'text/plain',
        ...auth('editor'),
      });
      assert.equal(r.status, 201);
      const file = storedFile.parse(await r.json());
      assert.deepEqual(
        [file.name, file.media_type, file.size, file.pages],
        ['notes.txt', 'text/plain', text.length, null],
      );
      assert.equal(r.headers.get('location'), file.url);
      assert.ok((await fileRows('api-published')).some((f) => f.id === file.id));
      const jobs = await t.db.one<{ n: number }>(
        "select count(*)::int as n from ingest_jobs where original_name = 'notes.txt'",
      );
      assert.equal(jobs!.n, 0, 'no job for it');
      const nameless = await post('/api/v1/publications/api-published/files', 'x', {
        'Content-Type': 'text/plain',
        ...auth('editor'),
      });
      assert.equal(nameless.status, 400);
      assert.match((await error(nameless)).message, /Give the file’s name/);
    });

    test('over UPLOAD_MAX_BYTES: 413, whether declared or streamed, and nothing is left in the store', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = await blobs();
      const rows = (await fileRows('api-published')).length;
      const big = Buffer.alloc(512 * KB + 1, 0x25);
      const streamed = await post('/api/v1/publications/api-published/files?name=big.pdf', big, {
        'Content-Type': 'application/pdf',
        ...auth('editor'),
      });
      assert.equal(streamed.status, 413);
      assert.deepEqual(await error(streamed), {
        code: 'too_large',
        message: 'The file is larger than the limit of 0.5 MB.',
      });
      const declared = await post('/api/v1/publications/api-published/files?name=big.pdf', big, {
        'Content-Type': 'application/pdf',
        'Content-Length': String(big.length),
        ...auth('editor'),
      });
      assert.equal(declared.status, 413);
      const multipart = await post(
        '/api/v1/publications/api-published/files',
        form({ name: 'big.pdf', bytes: big }),
        auth('editor'),
      );
      assert.equal(multipart.status, 413);
      for (let i = 0; i < 50 && partial().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(partial(), [], 'no partial file');
      assert.deepEqual(await blobs(), before, 'no new blob');
      assert.equal((await fileRows('api-published')).length, rows);
      assert.equal(
        (await t.db.one<{ n: number }>("select count(*)::int as n from ingest_jobs where original_name = 'big.pdf'"))!
          .n,
        0,
      );
    });

    test('the same bytes twice: 409 while the first is queued, and once it is a file', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const bytes = pdf();
      const first = await post('/api/v1/publications/api-published/files?name=once.pdf', bytes, {
        'Content-Type': 'application/pdf',
        ...auth('editor'),
      });
      const queued = await job(first);
      const meanwhile = await post('/api/v1/publications/api-published/files?name=twice.pdf', bytes, {
        'Content-Type': 'application/pdf',
        ...auth('editor'),
      });
      assert.equal(meanwhile.status, 409);
      assert.deepEqual(await error(meanwhile), {
        code: 'duplicate',
        message: `This file is already being added to the publication (job ${queued.id}).`,
      });
      const done = await runIngestJob(t.deps, queued.id);
      const again = await post(
        '/api/v1/publications/api-published/files',
        form({ name: 'again.pdf', bytes }),
        auth('editor'),
      );
      assert.equal(again.status, 409);
      assert.deepEqual(await error(again), {
        code: 'duplicate',
        message: `The publication has this file already (file ${done.file_id}).`,
      });
      assert.equal(
        await t.deps.files.exists(createHash('sha256').update(bytes).digest('hex')),
        true,
        'the first file keeps its bytes',
      );
      const elsewhere = await post('/api/v1/publications/api-draft/files?name=once.pdf', bytes, {
        'Content-Type': 'application/pdf',
        ...auth('editor'),
      });
      assert.equal(elsewhere.status, 202, 'another publication may have the same file');
      await runIngestJob(t.deps, (await job(elsewhere)).id);
    });

    test('bad input: 400 naming the parameter, before a byte is stored', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = await blobs();
      const lang = await post('/api/v1/publications/api-published/files?language=fr', pdf(), {
        'Content-Type': 'application/pdf',
        ...auth('editor'),
      });
      assert.equal(lang.status, 400);
      assert.match((await error(lang)).message, /^The parameter “language” is not valid/);
      const field = await post(
        '/api/v1/publications/api-published/files',
        form({ name: 'x.pdf', bytes: pdf() }, { language: 'klingon' }),
        auth('editor'),
      );
      assert.equal(field.status, 400);
      assert.match((await error(field)).message, /“language”/);
      const unknown = await post('/api/v1/publications/api-published/files?colour=red', pdf(), {
        'Content-Type': 'application/pdf',
        ...auth('editor'),
      });
      assert.equal(unknown.status, 400);
      assert.match((await error(unknown)).message, /“colour” is not valid: unknown parameter/);
      const noFile = await post(
        '/api/v1/publications/api-published/files',
        form(null, { language: 'en' }),
        auth('editor'),
      );
      assert.equal(noFile.status, 400);
      assert.equal((await error(noFile)).message, 'Send the file in the form field “file”.');
      const empty = await post('/api/v1/publications/api-published/files?name=empty.pdf', '', {
        'Content-Type': 'application/pdf',
        ...auth('editor'),
      });
      assert.equal(empty.status, 400);
      assert.equal((await error(empty)).message, 'The file is empty.');
      const broken = await post('/api/v1/publications/api-published/files', '--x\r\nnot a form', {
        'Content-Type': 'multipart/form-data',
        ...auth('editor'),
      });
      assert.equal(broken.status, 400);
      assert.equal((await t.get('/api/v1/jobs/abc', { headers: auth('editor') })).status, 400);
      assert.equal((await t.get('/api/v1/jobs/99999999', { headers: auth('editor') })).status, 404);
      assert.deepEqual(await blobs(), before);
    });

    test('CSRF: bearer calls pass whatever their Origin; the session cookie never authenticates an API write', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const browser = await login(t, 'editor@api.test');
      const crossSite = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };
      // A logged-in browser made to post by another site: refused at the door.
      const forged = await post('/api/v1/publications/api-published/files?name=forged.pdf', pdf(), {
        'Content-Type': 'application/pdf',
        Cookie: browser.cookie,
        ...crossSite,
      });
      assert.equal(forged.status, 403);
      // Even from our own origin, the cookie is not a credential for the API.
      const sameSite = await post('/api/v1/publications/api-published/files?name=cookie.pdf', pdf(), {
        'Content-Type': 'application/pdf',
        Cookie: browser.cookie,
        Origin: ORIGIN,
      });
      assert.equal(sameSite.status, 401);
      // A bearer token is one: it passes even with a foreign Origin (a program, or a page that holds the token).
      const bearer = await post('/api/v1/publications/api-published/files?name=bearer.pdf', pdf(), {
        'Content-Type': 'application/pdf',
        ...crossSite,
        ...auth('editor'),
      });
      assert.equal(bearer.status, 202);
      await runIngestJob(t.deps, (await job(bearer)).id);
      // The exemption is the API's only: a staff form posted cross-site with a token is still refused.
      const admin = await t.get('/admin/publications', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: browser.csrf, kind: 'report' }),
        headers: { Cookie: browser.cookie, ...crossSite, ...auth('editor') },
      });
      assert.equal(admin.status, 403);
    });

    test('the OpenAPI document lists the writes with the bearer scheme, and still validates', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const doc = (await (await t.get('/api/v1/openapi.json')).json()) as {
        paths: Record<
          string,
          Record<
            string,
            {
              security?: unknown;
              responses: Record<string, unknown>;
              requestBody?: { content: Record<string, unknown> };
            }
          >
        >;
        components: {
          schemas: Record<string, unknown>;
          securitySchemes: Record<string, { type: string; scheme: string }>;
        };
      };
      const upload = doc.paths['/publications/{slug}/files']!.post!;
      assert.deepEqual(upload.security, [{ bearerAuth: [] }]);
      for (const status of ['201', '202', '400', '401', '403', '404', '409', '413'])
        assert.ok(upload.responses[status], status);
      assert.deepEqual(Object.keys(upload.requestBody!.content).sort(), [
        'application/octet-stream',
        'application/pdf',
        'multipart/form-data',
      ]);
      assert.deepEqual(doc.paths['/jobs/{id}']!.get!.security, [{ bearerAuth: [] }]);
      assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
        type: 'http',
        scheme: 'bearer',
        description: 'A staff member’s API token: Authorization: Bearer kitap_…',
      });
      for (const s of ['IngestJob', 'StoredFile']) assert.ok(doc.components.schemas[s], s);
      const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
      for (const r of refs) assert.ok(doc.components.schemas[r.slice(22, -1)], r);
      assert.equal(doc.paths['/publications']!.get!.security, undefined, 'reads stay open');

      // The full check of the OpenAPI 3.1 schema, where the machine has Python's openapi-spec-validator.
      const check = validateOpenApi(doc, t.dataDir);
      if (!check) return ctx.skip('python3 -m openapi_spec_validator is not available');
      assert.equal(check.status, 0, check.output);
    });
  });
}
