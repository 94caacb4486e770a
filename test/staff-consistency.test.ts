// Issue 21, finding 12: one policy for each staff decision, wherever it is asked — the staff pages or
// an API token — and file names that cannot pretend to be something else.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createApiToken } from '../src/store/api-tokens.ts';
import { BACKENDS, type TestApp } from './helpers.ts';
import { reportPdf } from './ingest-helpers.ts';
import { login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

for (const backend of BACKENDS) {
  describe(`staff policies and file names on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    let contributor: Agent;
    let colleague: Agent;
    let contributorEmail: string;
    const version = async (a: Agent, slug: string) =>
      /name="_version" value="([^"]+)"/.exec(await (await a.get(`/admin/publications/${slug}`)).text())?.[1] ?? '';
    const userId = async (email: string) =>
      (await t!.db.one<{ id: number }>('select id from users where email = $1', [email]))!.id;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
      contributorEmail = await makeUser(t, 'contributor');
      contributor = await login(t, contributorEmail);
      colleague = await login(t, await makeUser(t, 'contributor'));
      await editor.post('/admin/publications', publicationFields({ slug: 'editors-report' }));
      await editor.post('/admin/publications/editors-report/status', {
        status: 'published',
        _version: await version(editor, 'editors-report'),
      });
      await contributor.post('/admin/publications', publicationFields({ slug: 'contributors-draft' }));
    });
    after(async () => t?.close());

    test('a contributor’s API token cannot follow a job that /admin/jobs/{id} refuses them', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.equal(
        (
          await editor.upload(
            '/admin/publications/editors-report/files',
            {},
            { name: 'report.pdf', bytes: reportPdf() },
          )
        ).status,
        303,
      );
      assert.equal(
        (
          await contributor.upload(
            '/admin/publications/contributors-draft/files',
            {},
            { name: 'mine.pdf', bytes: reportPdf() },
          )
        ).status,
        303,
      );
      const [editorsJob, ownJob] = (await t.db.query<{ id: number }>('select id from ingest_jobs order by id')).map(
        (j) => j.id,
      );
      const { token } = await createApiToken(t.db, await userId(contributorEmail), 'script', null);
      const api = (id: number) => t!.get(`/api/v1/jobs/${id}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal((await contributor.get(`/admin/jobs/${editorsJob}`)).status, 403);
      const refused = await api(editorsJob!);
      assert.equal(refused.status, 403);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'forbidden');
      assert.equal((await contributor.get(`/admin/jobs/${ownJob}`)).status, 200);
      assert.equal((await api(ownJob!)).status, 200, 'their own job, on a draft they may change');
    });

    test('an embargoed file of a published record: editors download it from the admin, contributors do not', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.equal(
        (
          await editor.upload(
            '/admin/publications/editors-report/files',
            { embargo_until: '2099-01-01' },
            { name: 'embargoed.txt', bytes: 'not yet', type: 'text/plain' },
          )
        ).status,
        303,
      );
      const id = (await t.db.one<{ id: number }>("select id from files where original_name = 'embargoed.txt'"))!.id;
      assert.equal((await editor.get(`/admin/publications/editors-report/files/${id}`)).status, 200);
      assert.equal((await contributor.get(`/admin/publications/editors-report/files/${id}`)).status, 403);
      assert.equal(
        (
          await contributor.upload(
            '/admin/publications/contributors-draft/files',
            {},
            { name: 'draft-notes.txt', bytes: 'notes', type: 'text/plain' },
          )
        ).status,
        303,
      );
      const own = (await t.db.one<{ id: number }>("select id from files where original_name = 'draft-notes.txt'"))!.id;
      assert.equal(
        await (await colleague.get(`/admin/publications/contributors-draft/files/${own}`)).text(),
        'notes',
        'the files of a draft they may change',
      );
    });

    test('contributors work as a team: one edits a colleague’s draft, and the history names who did', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await colleague.post(
        '/admin/publications/contributors-draft',
        publicationFields({
          'title.en': 'Edited by a colleague',
          _version: await version(colleague, 'contributors-draft'),
        }),
      );
      assert.equal(r.status, 303);
      const history = await (await contributor.get('/admin/publications/contributors-draft/history')).text();
      assert.match(history, /contributor\d+@staff\.test/);
      const last = await t.db.one<{ email: string }>(
        "select u.email from publication_changes c join users u on u.id = c.user_id join publications p on p.id = c.publication_id where p.slug = 'contributors-draft' order by c.id desc limit 1",
      );
      assert.notEqual(last!.email, contributorEmail, 'the colleague’s change is theirs');
    });

    test('bidirectional controls are removed from file names, new and stored (migration 0019)', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const rlo = 'invoice\u202Etxt.exe';
      assert.equal(
        (
          await editor.upload(
            '/admin/publications/editors-report/files',
            {},
            { name: rlo, bytes: 'x', type: 'text/plain' },
          )
        ).status,
        303,
      );
      const names = (await t.db.query<{ original_name: string }>('select original_name from files')).map(
        (f) => f.original_name,
      );
      assert.ok(names.includes('invoicetxt.exe'), names.join(', '));
      assert.ok(names.every((n) => !/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/.test(n)));
      await t.db.query(
        "update files set original_name = 'report\u2067\u202Efdp.exe' where original_name = 'invoicetxt.exe'",
      );
      await t.db.exec(fs.readFileSync('src/db/migrations/0019_file_name_bidi.sql', 'utf8'));
      const page = await (await editor.get('/admin/publications/editors-report')).text();
      assert.ok(page.includes('reportfdp.exe'));
      assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(page));
    });
  });
}
