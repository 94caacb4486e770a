// Issue 18, rights: a licence per publication and per file (SPDX ids, or all rights reserved with the holder),
// set by staff and shown on the item page, in the API, in OAI-PMH (dc:rights, MODS accessCondition, valid against
// the schemas) and in the page's JSON-LD and Dublin Core meta.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { validateOai, validationUnavailable } from './oai-xml.ts';
import { login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

const ORIGIN = 'https://kitap.example.org';

for (const backend of BACKENDS) {
  describe(`licences on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    before(async () => {
      t = await openStaffApp(backend, { PUBLIC_URL: ORIGIN });
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
    });
    after(async () => t?.close());
    const version = async (slug: string) =>
      /name="_version" value="([^"]+)"/.exec(await (await editor.get(`/admin/publications/${slug}`)).text())?.[1] ?? '';

    test('staff set a licence on a publication and another on a file; readers, the API, OAI and meta show them', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, {
        slug: 'licensed-report',
        status: 'published',
        title: { en: 'A staff-made report' },
        year: 2024,
      });
      const saved = await editor.post(
        `/admin/publications/${slug}`,
        publicationFields({
          licence: 'CC-BY-NC-SA-3.0-IGO',
          rights_holder: 'International Organization for Migration',
          _version: await version(slug),
        }),
      );
      assert.equal(saved.status, 303);
      assert.equal(
        (
          await editor.upload(
            `/admin/publications/${slug}/files`,
            {},
            { name: 'annex.txt', bytes: 'An annex', type: 'text/plain' },
          )
        ).status,
        303,
      );
      const fileId = (await t.db.one<{ id: number }>("select id from files where original_name = 'annex.txt'"))!.id;
      assert.equal(
        (
          await editor.post(`/admin/publications/${slug}/files/${fileId}`, {
            language: 'en',
            licence: 'all-rights-reserved',
            rights_holder: 'A. Author',
          })
        ).status,
        303,
      );
      assert.match(
        await (await editor.get(`/admin/publications/${slug}`)).text(),
        /<option value="CC-BY-NC-SA-3.0-IGO" selected="">/,
      );

      const page = await (await t.get(`/publications/${slug}`)).text();
      assert.match(
        page,
        /<dt>Licence<\/dt><dd><a href="https:\/\/creativecommons.org\/licenses\/by-nc-sa\/3.0\/igo\/" rel="license">CC-BY-NC-SA-3.0-IGO<\/a> © International Organization for Migration<\/dd>/,
      );
      assert.match(page, /annex\.txt<\/a> · All rights reserved © A\. Author/);
      assert.match(page, /"license":"https:\/\/creativecommons.org\/licenses\/by-nc-sa\/3.0\/igo\/"/);
      assert.match(
        page,
        /<meta name="DC.rights" content="CC-BY-NC-SA-3.0-IGO https:\/\/creativecommons.org\/licenses\/by-nc-sa\/3.0\/igo\/ © International Organization for Migration"/,
      );
      assert.match(await (await t.get(`/ru/publications/${slug}`)).text(), /Все права защищены © A\. Author/);

      const api = (await (await t.get(`/api/v1/publications/${slug}`)).json()) as {
        licence: unknown;
        files: Array<{ licence: unknown }>;
      };
      assert.deepEqual(api.licence, {
        licence: 'CC-BY-NC-SA-3.0-IGO',
        spdx: 'CC-BY-NC-SA-3.0-IGO',
        url: 'https://creativecommons.org/licenses/by-nc-sa/3.0/igo/',
        holder: 'International Organization for Migration',
      });
      assert.deepEqual(api.files[0]!.licence, {
        licence: 'all-rights-reserved',
        spdx: null,
        url: null,
        holder: 'A. Author',
      });

      const dc = await (
        await t.get(`/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:kitap.example.org:${slug}`)
      ).text();
      assert.match(
        dc,
        /<dc:rights>CC-BY-NC-SA-3.0-IGO https:\/\/creativecommons.org\/licenses\/by-nc-sa\/3.0\/igo\/ © International Organization for Migration<\/dc:rights>/,
      );
      const mods = await (
        await t.get(`/oai?verb=GetRecord&metadataPrefix=mods&identifier=oai:kitap.example.org:${slug}`)
      ).text();
      assert.match(
        mods,
        /<accessCondition type="use and reproduction" xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink" xlink:href="https:\/\/creativecommons.org\/licenses\/by-nc-sa\/3.0\/igo\/">/,
      );
      const unavailable = validationUnavailable();
      if (unavailable) ctx.diagnostic(unavailable);
      else
        for (const xml of [dc, mods]) {
          const v = validateOai(xml);
          assert.ok(v.ok, v.message);
        }
    });

    test('an unknown licence is refused; none stated shows nothing', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, {
        slug: 'unlicensed',
        status: 'published',
        title: { en: 'A staff-made report' },
      });
      const bad = await editor.post(
        `/admin/publications/${slug}`,
        publicationFields({ licence: 'WTFPL', _version: await version(slug) }),
      );
      assert.equal(bad.status, 422);
      assert.equal(
        (await t.db.one<{ licence: string | null }>('select licence from publications where slug = $1', [slug]))!
          .licence,
        null,
      );
      const page = await (await t.get(`/publications/${slug}`)).text();
      assert.doesNotMatch(page, /Licence|"license"|DC.rights/);
      assert.equal(
        ((await (await t.get(`/api/v1/publications/${slug}`)).json()) as { licence: unknown }).licence,
        null,
      );
    });
  });
}
