// Who may do what (src/policies.ts), checked over HTTP: a visitor reaches nothing under /admin, a
// contributor cannot publish, only admins manage accounts, only editors and admins read requests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STATUSES } from '../src/domain/publication.ts';
import {
  canChangeStatus,
  canEditPublication,
  canHandleRequests,
  canManageUsers,
  canRestoreVersion,
  nextStatuses,
} from '../src/policies.ts';
import type { Role } from '../src/domain/roles.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import {
  formBody,
  location,
  login,
  makeUser,
  openStaffApp,
  ORIGIN,
  publicationFields,
  type Agent,
} from './staff-helpers.ts';

test('policies: the table of roles', () => {
  const a = (role: Role) => ({ id: 1, role });
  // [role, from, to, allowed]
  const transitions: Array<[Role, string, string, boolean]> = [
    ['contributor', 'draft', 'in_review', true],
    ['contributor', 'in_review', 'draft', true],
    ['contributor', 'in_review', 'published', false],
    ['contributor', 'draft', 'published', false],
    ['contributor', 'published', 'withdrawn', false],
    ['contributor', 'published', 'draft', false],
    ['editor', 'in_review', 'published', true],
    ['editor', 'published', 'withdrawn', true],
    ['editor', 'withdrawn', 'published', true],
    ['admin', 'draft', 'published', true],
    ['editor', 'draft', 'draft', false],
  ];
  for (const [role, from, to, ok] of transitions)
    assert.equal(canChangeStatus(a(role), from as never, to as never), ok, `${role} ${from}→${to}`);
  assert.deepEqual(nextStatuses(a('contributor'), 'draft', STATUSES), ['in_review']);
  assert.equal(canEditPublication(a('contributor'), 'published'), false);
  assert.equal(canEditPublication(a('contributor'), 'in_review'), true);
  assert.equal(canRestoreVersion(a('contributor'), 'draft', 'published'), false, 'no publishing by restoring');
  assert.equal(canRestoreVersion(a('contributor'), 'draft', 'in_review'), true);
  assert.deepEqual(
    (['admin', 'editor', 'contributor'] as Role[]).map((r) => canManageUsers(a(r))),
    [true, false, false],
  );
  assert.deepEqual(
    (['admin', 'editor', 'contributor'] as Role[]).map((r) => canHandleRequests(a(r))),
    [true, true, false],
  );
});

for (const backend of BACKENDS) {
  describe(`permissions on ${backend}`, () => {
    let t: TestApp | null;
    let admin: Agent, editor: Agent, contributor: Agent;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      admin = await login(t, await makeUser(t, 'admin'));
      editor = await login(t, await makeUser(t, 'editor'));
      contributor = await login(t, await makeUser(t, 'contributor'));
    });
    after(async () => t?.close());
    const version = async (a: Agent, slug: string) =>
      /name="_version" value="([^"]+)"/.exec(await (await a.get(`/admin/publications/${slug}`)).text())?.[1] ?? '';

    test('a logged-out visitor reaches nothing under /admin, in any language', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, { status: 'draft' });
      const gets = [
        '/admin',
        '/admin/',
        '/admin/publications/new',
        `/admin/publications/${slug}`,
        `/admin/publications/${slug}/history`,
        `/admin/publications/${slug}/files/1`,
        '/admin/requests',
        '/admin/requests/1',
        '/admin/users',
        '/admin/users/new',
        '/admin/users/1',
        '/ru/admin',
        '/kk/admin/users',
        '/admin/no/such/page',
      ];
      for (const path of gets) {
        let r = await t.get(path);
        // A typed trailing slash first leads to the page's own address (src/web/canonical.ts).
        if (r.status === 301) r = await t.get(location(r));
        assert.ok(r.status === 303 && location(r).includes('/login?next='), `${path}: ${r.status}`);
      }
      const posts = [
        '/admin/publications',
        `/admin/publications/${slug}`,
        `/admin/publications/${slug}/status`,
        `/admin/publications/${slug}/files`,
        `/admin/publications/${slug}/files/1`,
        `/admin/publications/${slug}/history/1/restore`,
        '/admin/requests/1',
        '/admin/users',
        '/admin/users/1',
        '/admin/users/1/link',
      ];
      for (const path of posts) {
        const r = await t.get(path, {
          method: 'POST',
          body: formBody({ status: 'published' }),
          headers: { Origin: ORIGIN },
        });
        assert.equal(r.status, 401, path);
        assert.doesNotMatch(await r.text(), /_csrf/, path);
      }
      assert.equal(
        (await t.db.one<{ status: string }>('select status from publications where slug = $1', [slug]))!.status,
        'draft',
      );
    });

    test('a contributor creates drafts and sends them to review, but cannot publish or touch published ones', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const created = await contributor.post('/admin/publications', publicationFields({ slug: 'contrib-draft' }));
      assert.equal(created.status, 303);
      const page = await (await contributor.get('/admin/publications/contrib-draft')).text();
      assert.doesNotMatch(page, /<option value="published"/, 'publishing is not offered');
      assert.equal(
        (
          await contributor.post('/admin/publications/contrib-draft/status', {
            status: 'published',
            _version: await version(contributor, 'contrib-draft'),
          })
        ).status,
        403,
      );
      assert.equal(
        (
          await contributor.post('/admin/publications/contrib-draft/status', {
            status: 'in_review',
            _version: await version(contributor, 'contrib-draft'),
          })
        ).status,
        303,
      );
      assert.equal(
        (
          await contributor.post(
            '/admin/publications/contrib-draft',
            publicationFields({ 'title.en': 'Still a draft', _version: await version(contributor, 'contrib-draft') }),
          )
        ).status,
        303,
        'may edit in review',
      );
      assert.equal(
        (
          await editor.post('/admin/publications/contrib-draft/status', {
            status: 'published',
            _version: await version(editor, 'contrib-draft'),
          })
        ).status,
        303,
        'an editor publishes',
      );
      assert.equal((await t.get('/publications/contrib-draft')).status, 200);

      const v = await version(contributor, 'contrib-draft');
      assert.match(
        await (await contributor.get('/admin/publications/contrib-draft')).text(),
        /can be changed by an editor only/,
      );
      assert.equal(
        (
          await contributor.post(
            '/admin/publications/contrib-draft',
            publicationFields({ 'title.en': 'Defaced', _version: v }),
          )
        ).status,
        403,
      );
      assert.equal(
        (
          await contributor.post('/admin/publications/contrib-draft/status', {
            status: 'withdrawn',
            'reason.en': 'x',
            _version: v,
          })
        ).status,
        403,
      );
      assert.equal(
        (await contributor.upload('/admin/publications/contrib-draft/files', {}, { name: 'x.pdf', bytes: 'x' })).status,
        403,
      );
      const change = (await t.db.one<{ id: number }>(
        "select min(c.id) as id from publication_changes c join publications p on p.id = c.publication_id where p.slug = 'contrib-draft'",
      ))!.id;
      assert.equal((await contributor.post(`/admin/publications/contrib-draft/history/${change}/restore`)).status, 403);
      assert.match(await (await t.get('/publications/contrib-draft')).text(), /Still a draft/);
    });

    test('a contributor cannot publish by restoring a published version either', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.post('/admin/publications', publicationFields({ slug: 'back-and-forth' }));
      await editor.post('/admin/publications/back-and-forth/status', {
        status: 'published',
        _version: await version(editor, 'back-and-forth'),
      });
      await editor.post('/admin/publications/back-and-forth/status', {
        status: 'draft',
        _version: await version(editor, 'back-and-forth'),
      });
      const published = (await t.db.one<{ id: number }>(
        "select c.id from publication_changes c join publications p on p.id = c.publication_id where p.slug = 'back-and-forth' and c.snapshot->>'status' = 'published'",
      ))!.id;
      const history = await (await contributor.get('/admin/publications/back-and-forth/history')).text();
      assert.doesNotMatch(history, new RegExp(`history/${published}/restore`), 'not offered');
      assert.equal(
        (await contributor.post(`/admin/publications/back-and-forth/history/${published}/restore`)).status,
        403,
      );
      assert.equal((await t.get('/publications/back-and-forth')).status, 404);
    });

    test('only an admin sees and changes accounts', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const other = await makeUser(t, 'contributor');
      const id = (await t.db.one<{ id: number }>('select id from users where email = $1', [other]))!.id;
      for (const a of [editor, contributor]) {
        for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${id}`])
          assert.equal((await a.get(path)).status, 403, path);
        assert.equal((await a.post('/admin/users', { email: 'sneaky@staff.test', role: 'admin' })).status, 403);
        assert.equal((await a.post(`/admin/users/${id}`, { role: 'admin', name: '' })).status, 403);
        assert.equal((await a.post(`/admin/users/${id}/link`)).status, 403);
        assert.doesNotMatch(await (await a.get('/admin')).text(), /href="\/admin\/users"/, 'not in the menu');
      }
      assert.equal(await t.db.one('select 1 from users where email = $1', ['sneaky@staff.test']), null);
      assert.equal(
        (await t.db.one<{ role: string }>('select role from users where id = $1', [id]))!.role,
        'contributor',
      );
      assert.equal((await admin.get('/admin/users')).status, 200);
      const made = await admin.post('/admin/users', {
        email: 'New.Editor@Staff.test',
        role: 'editor',
        name: 'New Editor',
      });
      assert.equal(made.status, 200);
      assert.match(await made.text(), /http:\/\/localhost\/setup\/[\w-]{40,}/, 'the one-time link is shown once');
      assert.equal(
        (await admin.post('/admin/users', { email: 'new.editor@staff.test', role: 'editor' })).status,
        422,
        'taken, whatever the case',
      );
      assert.equal((await admin.post('/admin/users', { email: 'not an address', role: 'editor' })).status, 422);
      assert.equal((await admin.post(`/admin/users/${id}`, { role: 'editor', name: 'Promoted' })).status, 303);
      assert.equal((await t.db.one<{ role: string }>('select role from users where id = $1', [id]))!.role, 'editor');
    });

    test('the last admin can be neither demoted nor disabled', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const me = await t.db.query<{ id: number }>("select id from users where role = 'admin'");
      assert.equal(me.length, 1);
      const r = await admin.post(`/admin/users/${me[0]!.id}`, { role: 'editor', name: '' });
      assert.equal(r.status, 422);
      assert.match(await r.text(), /last administrator/);
      assert.equal(
        (await admin.post(`/admin/users/${me[0]!.id}`, { role: 'admin', name: '', disabled: 'on' })).status,
        422,
      );
    });

    test('readers’ requests are for editors and admins, not contributors', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.equal((await contributor.get('/admin/requests')).status, 403);
      assert.equal((await contributor.post('/admin/requests/1', { status: 'done' })).status, 403);
      assert.equal((await editor.get('/admin/requests')).status, 200);
      assert.equal((await admin.get('/admin/requests')).status, 200);
    });
  });
}
