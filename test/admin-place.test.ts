// The place of publication through the staff form and out to readers, harvesters and citations: one
// value per language, kept as typed on a 422, shown on the item page, in the API, MODS and GOST.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, type TestApp } from './helpers.ts';
import { location, login, makeUser, openStaffApp, publicationFields } from './staff-helpers.ts';

for (const backend of BACKENDS) {
  describe(`place of publication on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openStaffApp(backend);
    });
    after(async () => t?.close());

    test('typed in two languages, stored, shown, served and cited', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const editor = await login(t, await makeUser(t, 'editor'));
      const bad = await editor.post(
        '/admin/publications',
        publicationFields({ slug: 'placed', 'title.en': '', 'place.en': 'Bishkek', 'place.ky': 'Бишкек' }),
      );
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /value="Бишкек"/, 'a 422 shows the place as typed');
      const created = await editor.post(
        '/admin/publications',
        publicationFields({
          slug: 'placed',
          'title.en': 'Placed Report',
          'place.en': 'Bishkek',
          'place.ky': 'Бишкек',
          'organisations.0.name': 'Placed Foundation',
          'organisations.0.role': 'publisher',
        }),
      );
      assert.equal(created.status, 303);
      assert.equal(location(created), '/admin/publications/placed?saved=1');
      const form = await (await editor.get('/admin/publications/placed')).text();
      assert.match(form, /name="place\.en"[^>]*value="Bishkek"|value="Bishkek"[^>]*name="place\.en"/);
      const version = /name="_version" value="([^"]+)"/.exec(form)![1]!;
      assert.equal(
        (await editor.post('/admin/publications/placed/status', { status: 'published', _version: version })).status,
        303,
      );

      assert.match(await (await t.get('/publications/placed')).text(), /Place of publication<\/dt><dd>Bishkek/);
      const api = (await (await t.get('/api/v1/publications/placed')).json()) as {
        place: string;
        places: Record<string, string>;
      };
      assert.deepEqual([api.place, api.places], ['Bishkek', { en: 'Bishkek', ky: 'Бишкек' }]);
      assert.match(
        await (await t.get('/publications/placed/cite?format=gost')).text(),
        / – Bishkek : Placed Foundation, /,
      );
      assert.match(await (await t.get('/publications/placed/cite?format=ris')).text(), /\r\nCY {2}- Bishkek\r\n/);
    });
  });
}
