// Writing records through the API with a staff member's token (issue 18 item 12): a publication created, read back,
// changed with the version read (409 when stale, nothing written), moved through its statuses and read by anyone
// once published; each role's refusals; entities created, renamed in several languages, merged and deleted; the
// history naming the token; bad bodies (400, 413, 415, 422, 428); the session cookie never a credential; and the
// OpenAPI document describing all of it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { entityRecord, entityRecordList, errorBody, publicationFull, publicationRecord } from '../src/api/schemas.ts';
import { runIngestJob } from '../src/ingest/jobs.ts';
import { tinyPdf } from '../src/ingest/tiny-pdf.ts';
import { createApiToken } from '../src/store/api-tokens.ts';
import { userWithHashByEmail } from '../src/store/users.ts';
import { BACKENDS, makePublication, type TestApp, validateOpenApi } from './helpers.ts';
import { login, makeUser, openStaffApp, ORIGIN } from './staff-helpers.ts';

const KB = 1024;

for (const backend of BACKENDS) {
  describe(`API record writes on ${backend}`, () => {
    let t: TestApp | null;
    const tokens: Record<string, string> = {};
    before(async () => {
      t = await openStaffApp(backend, { MAX_BODY_BYTES: String(64 * KB), PUBLIC_URL: 'https://library.example.org' });
      if (!t) return;
      for (const role of ['editor', 'contributor', 'admin'] as const) {
        const user = (await userWithHashByEmail(t.db, await makeUser(t, role, `${role}@records.test`)))!;
        tokens[role] = (await createApiToken(t.db, user.id, `${role} script`, null)).token;
      }
    });
    after(async () => t?.close());

    const auth = (role: string) => ({ Authorization: `Bearer ${tokens[role]}` });
    /** A JSON request with a role's token (none for anonymous). */
    const send = (
      method: string,
      p: string,
      role: string | null,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      t!.get(p, {
        method,
        headers: {
          ...(role ? auth(role) : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    const error = async (r: Response) => errorBody.parse(await r.json()).error;
    const record = async (r: Response) => publicationRecord.parse(await r.json());
    const historyRows = (slug: string) =>
      t!.db.query<{ action: string; email: string | null; api_token_id: number | null }>(
        `select c.action, u.email, c.api_token_id from publication_changes c join publications p on p.id = c.publication_id
           left join users u on u.id = c.user_id where p.slug = $1 order by c.id`,
        [slug],
      );

    test('create a draft, read it back, publish it: then anyone reads it through the public API', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const created = await send('POST', '/api/v1/publications', 'editor', {
        kind: 'report',
        title: { en: 'Remittances and households', ru: 'Денежные переводы и домохозяйства' },
        abstract: { en: 'How money sent home is spent.' },
        year: 2023,
        languages: ['en', 'ru'],
        people: [{ name: 'Aigerim Bekova', role: 'author' }],
        organisations: [{ name: 'International Organization for Migration', abbreviation: 'IOM', role: 'publisher' }],
        topics: ['remittances'],
        licence: 'CC-BY-4.0',
      });
      assert.equal(created.status, 201, await created.clone().text());
      const rec = await record(created);
      assert.equal(rec.status, 'draft', 'a draft unless asked otherwise');
      assert.equal(rec.slug, 'remittances-and-households-2023');
      assert.equal(
        created.headers.get('location'),
        `https://library.example.org/api/v1/publications/${rec.slug}/record`,
      );
      assert.equal(created.headers.get('etag'), `"${rec.version}"`);
      assert.deepEqual(rec.fields.title, { en: 'Remittances and households', ru: 'Денежные переводы и домохозяйства' });
      assert.equal(rec.fields.licence, 'CC-BY-4.0');

      // Readers do not see a draft; staff read it with their token.
      assert.equal((await t.get(`/api/v1/publications/${rec.slug}`)).status, 404);
      assert.equal((await t.get(`/publications/${rec.slug}`)).status, 404);
      assert.equal((await send('GET', `/api/v1/publications/${rec.slug}/record`, null)).status, 401);
      const read = await send('GET', `/api/v1/publications/${rec.slug}/record`, 'contributor');
      assert.equal(read.status, 200);
      assert.equal((await record(read)).version, rec.version);

      const published = await send(
        'POST',
        `/api/v1/publications/${rec.slug}/status`,
        'editor',
        { status: 'published' },
        {
          'If-Match': created.headers.get('etag')!,
        },
      );
      assert.equal(published.status, 200, await published.clone().text());
      assert.equal((await record(published)).status, 'published');
      const pub = publicationFull.parse(await (await t.get(`/api/v1/publications/${rec.slug}?lang=ru`)).json());
      assert.equal(pub.title, 'Денежные переводы и домохозяйства');
      assert.deepEqual(
        pub.people.map((p) => p.name),
        ['Aigerim Bekova'],
      );
      assert.deepEqual(
        pub.organisations.map((o) => [o.slug, o.role]),
        [['iom', 'publisher']],
      );
      assert.equal(pub.licence?.spdx, 'CC-BY-4.0');
      assert.equal((await t.get(`/publications/${rec.slug}`)).status, 200);
      assert.ok(
        (await (await t.get('/api/v1/publications?q=remittances')).json()).items.some(
          (i: { slug: string }) => i.slug === rec.slug,
        ),
        'found by search',
      );

      // Files added through the API are recorded with the token too: one stored at once, a PDF once read.
      const upload = (name: string, bytes: BodyInit, type: string) =>
        t!.get(`/api/v1/publications/${rec.slug}/files?name=${name}`, {
          method: 'POST',
          body: bytes,
          headers: { ...auth('editor'), 'Content-Type': type },
        });
      assert.equal((await upload('notes.txt', 'Notes on the survey', 'text/plain')).status, 201);
      const queued = await upload(
        'report.pdf',
        new Blob([new Uint8Array(tinyPdf([{ lines: ['Remittances survey'] }]))]),
        'application/pdf',
      );
      assert.equal(queued.status, 202);
      await runIngestJob(t.deps, (await queued.json()).id);

      // The history: created, published and given files by the editor, through the API with the editor's token.
      const rows = await historyRows(rec.slug);
      assert.deepEqual(
        rows.map((r) => [r.action, r.email, r.api_token_id !== null]),
        [
          ['created', 'editor@records.test', true],
          ['status', 'editor@records.test', true],
          ['files', 'editor@records.test', true],
          ['files', 'editor@records.test', true],
        ],
      );
      const admin = await login(t, 'admin@records.test');
      const history = await (await admin.get(`/admin/publications/${rec.slug}/history`)).text();
      assert.match(history, /editor@records\.test\s*·\s*through the API, token “editor script”/);
    });

    test('update with the version read: PATCH and PUT; a stale version is 409 and writes nothing; none is 428', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const first = await record(
        await send('POST', '/api/v1/publications', 'editor', { kind: 'study', title: { en: 'Versioned study' } }),
      );
      const url = `/api/v1/publications/${first.slug}/record`;
      const patched = await send(
        'PATCH',
        url,
        'editor',
        { title: { kk: 'Нұсқалы зерттеу' }, year: 2021 },
        { 'If-Match': `"${first.version}"`, 'Content-Type': 'application/merge-patch+json' },
      );
      assert.equal(patched.status, 200, await patched.clone().text());
      const second = await record(patched);
      assert.deepEqual(second.fields.title, { en: 'Versioned study', kk: 'Нұсқалы зерттеу' }, 'merged, not replaced');
      assert.equal(second.fields.year, 2021);
      assert.notEqual(second.version, first.version);

      // Someone else's client still holds the first version: refused, with a clear error, and nothing changes.
      const before = await historyRows(first.slug);
      const stale = await send('PATCH', url, 'admin', { year: 1999 }, { 'If-Match': `"${first.version}"` });
      assert.equal(stale.status, 409);
      const err = await error(stale);
      assert.equal(err.code, 'conflict');
      assert.match(err.message, /changed since you read it.*Nothing was changed/);
      const staleBody = await send('PUT', url, 'admin', { ...second.fields, year: 1999, version: first.version });
      assert.equal(staleBody.status, 409);
      assert.equal((await record(await send('GET', url, 'editor'))).fields.year, 2021);
      assert.equal((await historyRows(first.slug)).length, before.length);

      const none = await send('PUT', url, 'editor', second.fields);
      assert.equal(none.status, 428);
      assert.equal((await error(none)).code, 'version_required');

      // PUT with the version in the body: every field; one left out takes its default; a new slug redirects.
      const put = await send('PUT', url, 'editor', {
        ...second.fields,
        slug: 'versioned-study-renamed',
        subtitle: { en: 'Second edition' },
        year: null,
        version: second.version,
      });
      assert.equal(put.status, 200, await put.clone().text());
      const third = await record(put);
      assert.equal(third.slug, 'versioned-study-renamed');
      assert.equal(third.fields.year, null);
      assert.deepEqual(third.fields.subtitle, { en: 'Second edition' });
      assert.equal((await send('GET', url, 'editor')).status, 404, 'the record is at its new slug');
      assert.deepEqual(
        (await historyRows('versioned-study-renamed')).map((r) => r.action),
        ['created', 'edited', 'edited'],
      );
    });

    test('each role as on the staff pages: contributors write drafts and send them to review, never publish', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const body = { kind: 'handbook', title: { en: `Contributor handbook` } };
      const refused = await send('POST', '/api/v1/publications', 'contributor', { ...body, status: 'published' });
      assert.equal(refused.status, 403);
      assert.equal((await error(refused)).code, 'forbidden');
      assert.equal(
        (await t.db.one<{ n: number }>("select count(*)::int as n from publications where kind = 'handbook'"))!.n,
        0,
        'nothing created',
      );
      const draft = await record(await send('POST', '/api/v1/publications', 'contributor', body));
      const status = (role: string, to: string, version: string, reason?: string | Record<string, string>) =>
        send('POST', `/api/v1/publications/${draft.slug}/status`, role, { status: to, reason, version });
      const review = await status('contributor', 'in_review', draft.version);
      assert.equal(review.status, 200);
      const inReview = await record(review);
      assert.equal((await status('contributor', 'published', inReview.version)).status, 403);
      assert.equal((await status('editor', 'in_review', inReview.version)).status, 409, 'already in review');
      const published = await record(await status('editor', 'published', inReview.version));
      assert.equal(published.status, 'published');

      // Past review the record is the editors': a contributor's token may not change or delete it.
      const patch = await send('PATCH', `/api/v1/publications/${draft.slug}/record`, 'contributor', {
        year: 2000,
        version: published.version,
      });
      assert.equal(patch.status, 403);
      assert.equal((await send('DELETE', `/api/v1/publications/${draft.slug}`, 'editor')).status, 409, 'not a draft');

      const noReason = await status('editor', 'withdrawn', published.version);
      assert.equal(noReason.status, 422);
      assert.deepEqual((await error(noReason)).details, [
        { path: 'reason', message: 'Please give the reason: readers see it.' },
      ]);
      const reason = { en: 'Superseded by the 2024 edition', ru: 'Заменено изданием 2024 года' };
      const withdrawn = await record(await status('editor', 'withdrawn', published.version, reason));
      assert.deepEqual(withdrawn.withdrawn_reason, reason);
      const gone = await t.get(`/api/v1/publications/${draft.slug}`);
      assert.equal(gone.status, 410);

      // Entities are the editors' (canEditEntities): a contributor's token is refused.
      assert.equal((await send('POST', '/api/v1/topics', 'contributor', { slug: 'x', name: { en: 'X' } })).status, 403);

      // A draft is deleted by whoever may edit it, and an admin can undo that from the staff pages.
      const another = await record(
        await send('POST', '/api/v1/publications', 'contributor', { ...body, slug: 'to-delete' }),
      );
      const wrongVersion = await send('DELETE', '/api/v1/publications/to-delete', 'contributor', undefined, {
        'If-Match': '"2000-01-01T00:00:00.000000"',
      });
      assert.equal(wrongVersion.status, 409);
      const del = await send('DELETE', '/api/v1/publications/to-delete', 'contributor', undefined, {
        'If-Match': `"${another.version}"`,
      });
      assert.equal(del.status, 204);
      assert.equal((await send('GET', '/api/v1/publications/to-delete/record', 'editor')).status, 404);
      const deletedBy = await t.db.one<{ api_token_id: number | null }>(
        "select api_token_id from deleted_publications where slug = 'to-delete'",
      );
      assert.ok(deletedBy?.api_token_id, 'the deletion names the token');
      const admin = await login(t, 'admin@records.test');
      const deletions = await (await admin.get('/admin/deleted')).text();
      assert.match(
        deletions,
        /\(to-delete\)[^<]*contributor@records\.test[^<]*\(through the API, token “contributor script”\)/,
      );

      // No token, a wrong one: 401 with the challenge.
      const anonymous = await send('POST', '/api/v1/publications', null, body);
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="kitap"');
      const wrong = await send('POST', '/api/v1/publications', null, body, { Authorization: 'Bearer kitap_nope' });
      assert.equal(wrong.status, 401);
    });

    test('entities: create in several languages, list, rename, merge a duplicate, delete one no record names', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const made = await send('POST', '/api/v1/organisations', 'editor', {
        slug: 'usaid',
        name: {
          en: 'United States Agency for International Development',
          ru: 'Агентство США по международному развитию',
        },
        abbreviations: { en: 'USAID', ru: 'ЮСАИД' },
        ror: 'https://ror.org/01n6e6j62',
      });
      assert.equal(made.status, 201, await made.clone().text());
      const usaid = entityRecord.parse(await made.json());
      assert.equal(made.headers.get('location'), 'https://library.example.org/api/v1/organisations/usaid/record');
      assert.equal(usaid.fields.ror, '01n6e6j62', 'stored bare');
      assert.equal(usaid.link_count, 0);
      const badRor = await send('POST', '/api/v1/organisations', 'editor', {
        slug: 'bad',
        name: { en: 'Bad' },
        ror: '01n6e6j63',
      });
      assert.equal(badRor.status, 422);
      assert.equal((await error(badRor)).details?.[0]?.path, 'ror');
      assert.equal(
        (await send('POST', '/api/v1/organisations', 'editor', { slug: 'usaid', name: { en: 'Again' } })).status,
        409,
      );

      // Staff list every entry (found by any name); readers see only those on published records.
      const staffList = entityRecordList.parse(
        await (await send('GET', `/api/v1/organisations?q=${encodeURIComponent('ЮСАИД')}`, 'contributor')).json(),
      );
      assert.deepEqual(
        staffList.items.map((e) => e.slug),
        ['usaid'],
      );
      const publicList = await (await t.get('/api/v1/organisations')).json();
      assert.ok(!publicList.items.some((e: { slug: string }) => e.slug === 'usaid'));

      const renamed = await send(
        'PATCH',
        '/api/v1/organisations/usaid/record',
        'editor',
        { name: { kk: 'АҚШ Халықаралық даму агенттігі' }, abbreviations: { ru: null } },
        { 'If-Match': `"${usaid.version}"` },
      );
      assert.equal(renamed.status, 200, await renamed.clone().text());
      const after = entityRecord.parse(await renamed.json());
      assert.deepEqual(Object.keys(after.fields.name as object).sort(), ['en', 'kk', 'ru']);
      assert.deepEqual(after.fields.abbreviations, { en: 'USAID' });
      const stale = await send(
        'PATCH',
        '/api/v1/organisations/usaid/record',
        'admin',
        { url: 'https://usaid.gov' },
        {
          'If-Match': `"${usaid.version}"`,
        },
      );
      assert.equal(stale.status, 409);

      // A trial import named the agency its own way: a duplicate, on a published record. Merge it away.
      await makePublication(t.db, {
        slug: 'funded-study',
        organisations: [{ name: 'US Agency for Intl Development', role: 'funder' }],
      });
      const dup = entityRecord.parse(
        await (await send('GET', '/api/v1/organisations/us-agency-for-intl-development/record', 'editor')).json(),
      );
      assert.equal(dup.link_count, 1);
      const inUse = await send('DELETE', `/api/v1/organisations/${dup.slug}`, 'editor');
      assert.equal(inUse.status, 409);
      assert.equal((await error(inUse)).code, 'in_use');
      const unknown = await send('POST', `/api/v1/organisations/${dup.slug}/merge`, 'editor', { into: 'nobody' });
      assert.equal(unknown.status, 422);
      const merged = await send('POST', `/api/v1/organisations/${dup.slug}/merge`, 'editor', { into: 'usaid' });
      assert.equal(merged.status, 200, await merged.clone().text());
      assert.equal(entityRecord.parse(await merged.json()).link_count, 1);
      const study = publicationFull.parse(await (await t.get('/api/v1/publications/funded-study?lang=ru')).json());
      assert.deepEqual(
        study.organisations.map((o) => [o.slug, o.name, o.role]),
        [['usaid', 'Агентство США по международному развитию', 'funder']],
      );
      const old = await t.get(`/organisations/${dup.slug}`);
      assert.equal(old.status, 301);
      assert.match(old.headers.get('location') ?? '', /\/organisations\/usaid$/);

      // People: names in parts per language; a topic nobody uses is deleted.
      const person = await send('POST', '/api/v1/people', 'admin', {
        slug: 'aigerim-nurlanovna',
        given: { en: 'Aigerim', ru: 'Айгерим' },
        family: { en: 'Nurlanovna', ru: 'Нурлановна' },
        orcid: '0000-0002-1825-0097',
      });
      assert.equal(person.status, 201, await person.clone().text());
      assert.equal(entityRecord.parse(await person.json()).name, 'Aigerim Nurlanovna');
      const topic = entityRecord.parse(
        await (await send('POST', '/api/v1/topics', 'editor', { slug: 'unused-topic', name: { en: 'Unused' } })).json(),
      );
      const deleted = await send('DELETE', '/api/v1/topics/unused-topic', 'editor', undefined, {
        'If-Match': `"${topic.version}"`,
      });
      assert.equal(deleted.status, 204);
      assert.equal((await send('GET', '/api/v1/topics/unused-topic/record', 'editor')).status, 404);

      // The entities' history names the token; the admin page shows it.
      const changes = await t.db.query<{ type: string; action: string; api_token_id: number | null }>(
        'select type, action, api_token_id from entity_changes order by id',
      );
      assert.deepEqual(
        changes.map((c) => [c.type, c.action, c.api_token_id !== null]),
        [
          ['organisations', 'created', true],
          ['organisations', 'edited', true],
          ['organisations', 'merged', true],
          ['people', 'created', true],
          ['topics', 'created', true],
          ['topics', 'deleted', true],
        ],
      );
      const admin = await login(t, 'admin@records.test');
      const page = await (await admin.get(`/admin/organisations/${usaid.id}`)).text();
      assert.match(page, /editor@records\.test\s*\(through the API, token “editor script”\)\s*·\s*merged/);
    });

    test('bad bodies: not JSON 415, unreadable 400, too large 413, invalid 422 naming every field', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const count = async () => (await t!.db.one<{ n: number }>('select count(*)::int as n from publications'))!.n;
      const before = await count();
      const form = await t.get('/api/v1/publications', {
        method: 'POST',
        body: new URLSearchParams({ kind: 'report', 'title.en': 'A form' }),
        headers: auth('editor'),
      });
      assert.equal(form.status, 415);
      assert.deepEqual(await error(form), {
        code: 'unsupported_media_type',
        message: 'Send the body as JSON (Content-Type: application/json), not as application/x-www-form-urlencoded.',
      });
      const broken = await send('POST', '/api/v1/publications', 'editor', '{"kind": "report", "title": ');
      assert.equal(broken.status, 400);
      assert.equal((await error(broken)).code, 'bad_json');
      const control = await send('POST', '/api/v1/publications', 'editor', {
        kind: 'report',
        title: { en: 'Nul\u0000' },
      });
      assert.equal(control.status, 400);
      assert.equal((await error(control)).code, 'control_characters');
      const huge = await send('POST', '/api/v1/publications', 'editor', {
        kind: 'report',
        title: { en: 'Huge' },
        abstract: { en: 'x'.repeat(70 * KB) },
      });
      assert.equal(huge.status, 413);
      assert.equal((await error(huge)).code, 'too_large');
      const invalid = await send('POST', '/api/v1/publications', 'editor', {
        kind: 'novel',
        title: {},
        year: 'twenty',
        titel: { en: 'typo' },
      });
      assert.equal(invalid.status, 422);
      const err = await error(invalid);
      assert.equal(err.code, 'invalid');
      assert.deepEqual(err.details?.map((d) => d.path).sort(), ['kind', 'title', 'titel', 'year'].sort());
      assert.match(err.message, /^The field “[a-z]+” is not valid: /);
      const array = await send('PATCH', '/api/v1/publications/funded-study/record', 'editor', [1, 2]);
      assert.equal(array.status, 422);
      assert.equal(await count(), before, 'nothing created');
    });

    test('CSRF: a session cookie never writes through the API; a bearer token does from anywhere', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const browser = await login(t, 'editor@records.test');
      const body = JSON.stringify({ kind: 'report', title: { en: 'Forged' } });
      const json = { 'Content-Type': 'application/json' };
      const forged = await t.get('/api/v1/publications', {
        method: 'POST',
        body,
        headers: { ...json, Cookie: browser.cookie, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      });
      assert.equal(forged.status, 403);
      const sameSite = await t.get('/api/v1/publications', {
        method: 'POST',
        body,
        headers: { ...json, Cookie: browser.cookie, Origin: ORIGIN, 'X-CSRF-Token': browser.csrf },
      });
      assert.equal(sameSite.status, 401, 'the cookie is not a credential for the API');
      const del = await t.get('/api/v1/publications/funded-study', {
        method: 'DELETE',
        headers: { Cookie: browser.cookie },
      });
      assert.equal(del.status, 401);
      assert.equal(
        (await t.db.one<{ n: number }>("select count(*)::int as n from publications where title->>'en' = 'Forged'"))!.n,
        0,
      );
      const bearer = await t.get('/api/v1/publications', {
        method: 'POST',
        body,
        headers: { ...json, ...auth('editor'), Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      });
      assert.equal(bearer.status, 201);
    });

    test('the OpenAPI document describes the record writes, and validates', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const doc = (await (await t.get('/api/v1/openapi.json')).json()) as {
        paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      const ops: Array<[string, string, string[]]> = [
        ['/publications', 'post', ['201', '400', '401', '403', '413', '415', '422']],
        ['/publications/{slug}/record', 'get', ['200', '401', '404']],
        ['/publications/{slug}/record', 'put', ['200', '409', '422', '428']],
        ['/publications/{slug}/record', 'patch', ['200', '409', '422', '428']],
        ['/publications/{slug}/status', 'post', ['200', '403', '409', '428']],
        ['/publications/{slug}', 'delete', ['204', '404', '409']],
      ];
      for (const type of ['organisations', 'people', 'projects', 'topics'])
        ops.push(
          [`/${type}`, 'post', ['201', '409', '422']],
          [`/${type}/{slug}/record`, 'put', ['200', '409', '428']],
          [`/${type}/{slug}/record`, 'patch', ['200', '409', '428']],
          [`/${type}/{slug}/merge`, 'post', ['200', '422']],
          [`/${type}/{slug}`, 'delete', ['204', '409']],
        );
      for (const [p, method, statuses] of ops) {
        const op = doc.paths[p]?.[method];
        assert.ok(op, `${method} ${p}`);
        assert.deepEqual(op.security, [{ bearerAuth: [] }], `${method} ${p}`);
        for (const s of statuses) assert.ok(op.responses[s], `${method} ${p} ${s}`);
      }
      assert.equal(doc.paths['/publications/{slug}']!.get!.security, undefined, 'reads stay open');
      const create = doc.components.schemas.PublicationCreate!;
      assert.ok(create.properties?.title && create.properties.status && !create.properties.withdrawn_reason);
      assert.ok(doc.components.schemas.PersonWrite?.properties?.orcid);
      const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
      for (const r of refs) assert.ok(doc.components.schemas[r.slice(22, -1)], r);

      const check = validateOpenApi(doc, t.dataDir);
      if (!check) return ctx.skip('python3 -m openapi_spec_validator is not available');
      assert.equal(check.status, 0, check.output);
    });
  });
}
