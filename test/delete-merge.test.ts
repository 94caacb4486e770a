// Issue 18, delete and merge: drafts deleted after a question, file versions removed, entities merged (the old
// address redirects) or deleted when unused; everything in the history; an admin undoes a deletion or a merge
// within 30 days.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { exportArchive } from '../src/archive/export.ts';
import { restoreArchive } from '../src/archive/restore.ts';
import { writeBackup } from '../src/backup/backup.ts';
import { restoreBackup } from '../src/backup/restore.ts';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { LocalFileStore } from '../src/files/store.ts';
import { sweepOrphanBlobs } from '../src/ingest/jobs.ts';
import { undoDeletion } from '../src/store/deleted.ts';
import { saveTopic } from '../src/store/entities.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { location, login, makeUser, openStaffApp, type Agent } from './staff-helpers.ts';

for (const backend of BACKENDS) {
  describe(`delete and merge on ${backend}`, () => {
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
    const count = async (sql: string, params: unknown[] = []) =>
      (await t!.db.one<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))!.n;
    const undoAction = (page: string, path: RegExp) => path.exec(page)?.[0] ?? '';

    test('a draft is deleted after a question, and an admin puts it back whole within 30 days', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, {
        status: 'draft',
        title: { en: 'Trial import duplicate' },
        people: [{ name: 'Zarina Duplicate', role: 'author' }],
      });
      assert.equal(
        (
          await contributor.upload(
            `/admin/publications/${slug}/files`,
            {},
            { name: 'notes.txt', bytes: 'Some notes', type: 'text/plain' },
          )
        ).status,
        303,
      );
      assert.match(
        await (await contributor.get(`/admin/publications/${slug}`)).text(),
        new RegExp(`href="/admin/publications/${slug}/delete">Delete this draft`),
      );
      const ask = await contributor.get(`/admin/publications/${slug}/delete`);
      assert.equal(ask.status, 200);
      assert.match(await ask.text(), /Delete “Trial import duplicate”\?.*its 1 file are deleted/s);
      const gone = await contributor.post(`/admin/publications/${slug}/delete`);
      assert.equal(gone.status, 303);
      assert.equal(location(gone), '/admin/deleted?deleted=1');
      assert.equal((await contributor.get(`/admin/publications/${slug}`)).status, 404);
      assert.equal((await contributor.get(`/publications/${slug}`)).status, 404, 'no preview of what is gone');
      assert.equal(
        await count('select 1 from files f join publications p on p.id = f.publication_id where p.slug = $1', [slug]),
        0,
      );
      const listed = await (await contributor.get('/admin/deleted?deleted=1')).text();
      assert.match(listed, /Deleted\. An admin can undo it here for 30 days\./);
      assert.match(listed, /Trial import duplicate \(trial-import-duplicate-2020\)/);
      assert.doesNotMatch(listed, /\/restore"/, 'only admins undo');
      const id = (await t.db.one<{ id: number }>('select id from deleted_publications where slug = $1', [slug]))!.id;
      assert.equal((await contributor.post(`/admin/deleted/${id}/restore`)).status, 403);

      const page = await (await admin.get('/admin/deleted')).text();
      const action = undoAction(page, new RegExp(`/admin/deleted/${id}/restore`));
      assert.ok(action);
      const back = await admin.post(action);
      assert.equal(back.status, 303);
      const edit = await (await admin.get(`/admin/publications/${slug}`)).text();
      assert.match(edit, /Trial import duplicate/);
      assert.match(edit, /notes\.txt/);
      assert.match(edit, /value="Zarina Duplicate"/);
      assert.ok(
        (await count(
          'select 1 from publication_changes c join publications p on p.id = c.publication_id where p.slug = $1',
          [slug],
        )) >= 2,
        'its history came back',
      );
      assert.equal((await admin.post(action)).status, 409, 'once');
      // What readers may see is unchanged: still a draft.
      assert.equal((await t.get(`/publications/${slug}`)).status, 404);
    });

    test("a deleted draft's files keep their bytes while it can be undone: the start's sweep leaves them, the undone file downloads", async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, { status: 'draft', title: { en: 'Draft with a scan' } });
      const bytes = `The only copy of these notes ${backend} ${Date.now()}`;
      await contributor.upload(
        `/admin/publications/${slug}/files`,
        {},
        { name: 'scan.txt', bytes, type: 'text/plain' },
      );
      const file = (await t.db.one<{ id: number; sha256: string }>(
        'select f.id, f.sha256 from files f join publications p on p.id = f.publication_id where p.slug = $1',
        [slug],
      ))!;
      assert.equal((await contributor.post(`/admin/publications/${slug}/delete`)).status, 303);
      // What a server's start does (blobs older than an hour no row needs), as if that hour had passed.
      const swept = await sweepOrphanBlobs(t.db, t.deps.files, 0);
      assert.ok(!swept.includes(file.sha256), 'the bytes of a deletion that can be undone are kept');
      const id = (await t.db.one<{ id: number }>('select id from deleted_publications where slug = $1', [slug]))!.id;
      assert.equal((await admin.post(`/admin/deleted/${id}/restore`)).status, 303);
      const download = await admin.get(`/admin/publications/${slug}/files/${file.id}`);
      assert.equal(download.status, 200);
      assert.equal(await download.text(), bytes);

      // Once a deletion can no longer be undone, its bytes go with the next sweep.
      assert.equal((await contributor.post(`/admin/publications/${slug}/delete`)).status, 303);
      await t.db.query("update deleted_publications set deleted_at = now() - interval '31 days' where slug = $1", [
        slug,
      ]);
      assert.deepEqual(await sweepOrphanBlobs(t.db, t.deps.files, 0), [file.sha256]);
    });

    test("a deleted draft's files travel with a backup and an export: undone after either is restored, its file is whole", async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, { status: 'draft', title: { en: 'Draft carried along' } });
      const bytes = `Carried along ${backend} ${Date.now()}`;
      await contributor.upload(
        `/admin/publications/${slug}/files`,
        {},
        { name: 'carried.txt', bytes, type: 'text/plain' },
      );
      assert.equal((await contributor.post(`/admin/publications/${slug}/delete`)).status, 303);
      const id = (await t.db.one<{ id: number }>('select id from deleted_publications where slug = $1', [slug]))!.id;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-undo-'));
      try {
        await writeBackup(t.db, t.deps.files, path.join(dir, 'backup'));
        await exportArchive(t.db, t.deps.files, path.join(dir, 'export.tar.gz'));
        for (const from of ['backup', 'export'] as const) {
          const db = await openDb({ pgliteDir: 'memory://' });
          const store = new LocalFileStore(path.join(dir, `files-${from}`));
          try {
            if (from === 'backup') await restoreBackup(db, store, path.join(dir, 'backup'));
            else {
              await migrate(db);
              await restoreArchive(db, store, path.join(dir, 'export.tar.gz'));
            }
            assert.equal(await undoDeletion(db, id), 'restored', from);
            const sha = (await db.one<{ sha256: string }>(
              'select f.sha256 from files f join publications p on p.id = f.publication_id where p.slug = $1',
              [slug],
            ))!.sha256;
            const read = await store.read(sha);
            assert.ok(read, `${from}: the undone file's bytes are in the restored store`);
            assert.equal(await text(read), bytes, from);
          } finally {
            await db.close();
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('published records are withdrawn, not deleted; an address taken meanwhile and an old deletion cannot be undone', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const published = await makePublication(t.db, { status: 'published' });
      assert.equal((await editor.get(`/admin/publications/${published}/delete`)).status, 403);
      assert.equal((await editor.post(`/admin/publications/${published}/delete`)).status, 403);
      assert.equal((await t.get(`/publications/${published}`)).status, 200);

      const slug = await makePublication(t.db, { status: 'draft', slug: 'reused-address' });
      assert.equal((await editor.post(`/admin/publications/${slug}/delete`)).status, 303);
      await makePublication(t.db, { status: 'draft', slug: 'reused-address' });
      const id = (await t.db.one<{ id: number }>("select id from deleted_publications where slug = 'reused-address'"))!
        .id;
      const refused = await admin.post(`/admin/deleted/${id}/restore`);
      assert.equal(refused.status, 409);
      assert.match(await refused.text(), /another record has its address now/);

      await t.db.query("update deleted_publications set deleted_at = now() - interval '31 days' where id = $1", [id]);
      assert.doesNotMatch(await (await admin.get('/admin/deleted')).text(), /reused-address/);
      assert.equal((await admin.post(`/admin/deleted/${id}/restore`)).status, 404, 'forgotten after 30 days');
    });

    test('removing the current version of a file brings the one before it back', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, { status: 'draft' });
      await editor.upload(
        `/admin/publications/${slug}/files`,
        {},
        { name: 'v1.txt', bytes: 'first', type: 'text/plain' },
      );
      const v1 = (await t.db.one<{ id: number }>("select id from files where original_name = 'v1.txt'"))!.id;
      await editor.upload(
        `/admin/publications/${slug}/files`,
        { replaces: String(v1) },
        { name: 'v2.txt', bytes: 'second', type: 'text/plain' },
      );
      const v2 = (await t.db.one<{ id: number }>("select id from files where original_name = 'v2.txt'"))!.id;
      assert.equal(
        (await t.db.one<{ replaced_by: number }>('select replaced_by from files where id = $1', [v1]))!.replaced_by,
        v2,
      );
      const page = await (await editor.get(`/admin/publications/${slug}`)).text();
      assert.match(page, new RegExp(`action="/admin/publications/${slug}/files/${v2}/remove"`));
      assert.equal(
        (await contributor.post(`/admin/publications/${slug}/files/${v2}/remove`)).status,
        303,
        'a contributor may, on a draft',
      );
      assert.deepEqual(
        await t.db.query(
          'select id, replaced_by from files where publication_id = (select id from publications where slug = $1)',
          [slug],
        ),
        [{ id: v1, replaced_by: null }],
      );
      const history = await (await editor.get(`/admin/publications/${slug}/history`)).text();
      assert.match(history, /v2\.txt/);
      assert.equal((await editor.post(`/admin/publications/${slug}/files/999999/remove`)).status, 404);
    });

    test('two organisations are merged: publications move, the old address redirects, an admin can undo it', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const a = await makePublication(t.db, { organisations: [{ name: 'Intl Org for Migration', role: 'publisher' }] });
      const b = await makePublication(t.db, {
        organisations: [{ name: 'International Organization for Migration', abbreviation: 'IOM', role: 'publisher' }],
      });
      const both = await makePublication(t.db, {
        organisations: [
          { name: 'Intl Org for Migration', role: 'funder' },
          { name: 'International Organization for Migration', abbreviation: 'IOM', role: 'funder' },
        ],
      });
      const from = (await t.db.one<{ id: number }>(
        "select id from organisations where slug = 'intl-org-for-migration'",
      ))!.id;
      const into = (await t.db.one<{ id: number }>("select id from organisations where slug = 'iom'"))!.id;

      assert.equal((await contributor.get(`/admin/organisations/${from}/merge?into=iom`)).status, 403);
      const unknown = await editor.get(`/admin/organisations/${from}/merge?into=no-such-org`);
      assert.equal(unknown.status, 422);
      assert.match(await unknown.text(), /No other entry of this kind has the address “no-such-org”/);
      const ask = await (
        await editor.get(
          `/admin/organisations/${from}/merge?into=${encodeURIComponent('https://library.example/ru/organisations/iom')}`,
        )
      ).text();
      assert.match(
        ask,
        /“Intl Org for Migration” is merged into “International Organization for Migration”: the 2 publications naming it/,
      );
      const merged = await editor.post(`/admin/organisations/${from}/merge`, { into: 'iom' });
      assert.equal(merged.status, 303);
      assert.equal(location(merged), `/admin/organisations/${into}?merged=1`);
      assert.match(await (await editor.get(location(merged))).text(), /Merged: the other entry’s publications/);
      for (const slug of [a, b, both])
        assert.match(
          await (await t.get(`/publications/${slug}`)).text(),
          /href="\/organisations\/iom">International Organization for Migration \(IOM\)/,
          slug,
        );
      assert.doesNotMatch(await (await t.get(`/publications/${a}`)).text(), /Intl Org/);
      const moved = await t.get('/kk/organisations/intl-org-for-migration');
      assert.equal(moved.status, 301);
      assert.equal(location(moved), '/kk/organisations/iom');
      assert.match(await (await t.get('/organisations/iom')).text(), /3 publications/);
      assert.equal(await count('select 1 from organisations where id = $1', [from]), 0);
      // The history of the entry kept shows the merge; "Deleted" offers the undo to admins.
      assert.match(
        await (await editor.get(`/admin/organisations/${into}`)).text(),
        /merged \(intl-org-for-migration\)/,
      );
      const change = (await t.db.one<{ id: number }>("select id from entity_changes where action = 'merged'"))!.id;
      assert.equal((await editor.post(`/admin/entity-changes/${change}/undo`)).status, 403);
      assert.equal((await admin.post(`/admin/entity-changes/${change}/undo`)).status, 303);
      assert.match(
        await (await t.get(`/publications/${a}`)).text(),
        /href="\/organisations\/intl-org-for-migration">Intl Org for Migration/,
      );
      assert.doesNotMatch(
        await (await t.get(`/publications/${a}`)).text(),
        /International Organization for Migration/,
        'the link the merge made is taken back',
      );
      assert.match(
        await (await t.get(`/publications/${b}`)).text(),
        /International Organization for Migration/,
        'links of its own stay',
      );
      const bothPage = await (await t.get(`/publications/${both}`)).text();
      assert.match(bothPage, /Intl Org for Migration/);
      assert.match(bothPage, /International Organization for Migration/);
      assert.equal((await t.get('/organisations/intl-org-for-migration')).status, 200);
      assert.equal((await admin.post(`/admin/entity-changes/${change}/undo`)).status, 409, 'once');
    });

    test('an unused topic is deleted after a question; a used one is refused; an admin can undo', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const unused = await saveTopic(t.db, { slug: 'typo-topic', label: { en: 'Typo topic' } });
      await makePublication(t.db, { topics: ['used-topic'] });
      const used = (await t.db.one<{ id: number }>("select id from topics where slug = 'used-topic'"))!.id;
      assert.match(
        await (await editor.get(`/admin/topics/${unused}`)).text(),
        new RegExp(`href="/admin/topics/${unused}/delete"`),
      );
      assert.doesNotMatch(await (await editor.get(`/admin/topics/${used}`)).text(), /\/delete"/);
      assert.equal((await editor.get(`/admin/topics/${used}/delete`)).status, 409);
      assert.equal((await editor.post(`/admin/topics/${used}/delete`)).status, 409);
      assert.match(await (await editor.get(`/admin/topics/${unused}/delete`)).text(), /Delete “Typo topic”\?/);
      assert.equal((await editor.post(`/admin/topics/${unused}/delete`)).status, 303);
      assert.equal((await editor.get(`/admin/topics/${unused}`)).status, 404);
      const page = await (await admin.get('/admin/deleted')).text();
      assert.match(page, /Topic: Typo topic \(typo-topic\) · deleted/);
      const change = (await t.db.one<{ id: number }>(
        "select id from entity_changes where action = 'deleted' and type = 'topics'",
      ))!.id;
      assert.equal((await admin.post(`/admin/entity-changes/${change}/undo`)).status, 303);
      // Back with its id and labels (readers see a topic only once a published record names it).
      assert.match(await (await editor.get(`/admin/topics/${unused}`)).text(), /<h1>Typo topic<\/h1>/);
    });
  });
}
