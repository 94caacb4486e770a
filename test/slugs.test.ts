// Issue 18, addresses: staff change a publication's slug; every old address answers 301 to the current one for
// ever (the item page, what hangs under it, every language), and a live slug always wins over an old one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { location, login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

for (const backend of BACKENDS) {
  describe(`editable slugs on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
    });
    after(async () => t?.close());
    const version = async (slug: string) =>
      /name="_version" value="([^"]+)"/.exec(await (await editor.get(`/admin/publications/${slug}`)).text())?.[1] ?? '';
    const rename = async (from: string, to: string) =>
      editor.post(
        `/admin/publications/${from}`,
        publicationFields({ slug: to, 'title.en': 'Renamed report', _version: await version(from) }),
      );

    test('a new slug; the old ones lead to it with 301, in every language and below the item page', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await makePublication(t.db, {
        slug: 'labour-migration-in-cen',
        title: { en: 'Renamed report' },
        status: 'published',
      });
      assert.match(
        await (await editor.get('/admin/publications/labour-migration-in-cen')).text(),
        /id="f-slug" name="slug" type="text" value="labour-migration-in-cen"/,
      );
      const saved = await rename('labour-migration-in-cen', 'labour-migration-central-asia-2024');
      assert.equal(saved.status, 303);
      assert.equal(location(saved), '/admin/publications/labour-migration-central-asia-2024?saved=1');
      for (const [old, now] of [
        ['/publications/labour-migration-in-cen', '/publications/labour-migration-central-asia-2024'],
        ['/ru/publications/labour-migration-in-cen?x=1', '/ru/publications/labour-migration-central-asia-2024?x=1'],
        [
          '/kk/publications/labour-migration-in-cen/cite?format=bibtex',
          '/kk/publications/labour-migration-central-asia-2024/cite?format=bibtex',
        ],
      ]) {
        const r = await t.get(old);
        assert.equal(r.status, 301, old);
        assert.equal(location(r), now);
      }
      assert.equal((await t.get('/publications/labour-migration-central-asia-2024')).status, 200);
      assert.equal((await t.get('/publications/never-was-here')).status, 404);
      // Renamed again: the first slug leads to the newest too.
      assert.equal((await rename('labour-migration-central-asia-2024', 'labour-migration-ca')).status, 303);
      assert.equal(location(await t.get('/publications/labour-migration-in-cen')), '/publications/labour-migration-ca');
      assert.equal(
        location(await t.get('/publications/labour-migration-central-asia-2024')),
        '/publications/labour-migration-ca',
      );
      // The history shows the change of address.
      assert.match(
        await (await editor.get('/admin/publications/labour-migration-ca/history')).text(),
        /labour-migration-central-asia-2024/,
      );
      // A new publication may take an old slug: the live one wins, the redirect stops.
      await makePublication(t.db, {
        slug: 'labour-migration-in-cen',
        title: { en: 'Another report' },
        status: 'published',
      });
      const live = await t.get('/publications/labour-migration-in-cen');
      assert.equal(live.status, 200);
      assert.match(await live.text(), /Another report/);
    });

    test('a taken or malformed slug is refused and nothing changes', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await makePublication(t.db, { slug: 'first-one' });
      await makePublication(t.db, { slug: 'second-one' });
      const taken = await rename('first-one', 'second-one');
      assert.equal(taken.status, 422);
      assert.match(await taken.text(), /Another publication has this address already/);
      const bad = await rename('first-one', 'Not A Slug');
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /Only lowercase letters, digits and single hyphens/);
      assert.equal((await t.get('/publications/first-one')).status, 200);
      // Left empty, the slug stays.
      assert.equal(location(await rename('first-one', '')), '/admin/publications/first-one?saved=1');
    });
  });
}
