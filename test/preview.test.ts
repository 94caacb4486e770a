// Issue 18, preview: logged-in staff see an unpublished record at its public address in every language,
// marked, noindex and never cached; readers still get 404 (410 for a withdrawn one), before and after.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { login, makeUser, openStaffApp, type Agent } from './staff-helpers.ts';

for (const backend of BACKENDS) {
  describe(`preview on ${backend}`, () => {
    let t: TestApp | null;
    let contributor: Agent;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      contributor = await login(t, await makeUser(t, 'contributor'));
    });
    after(async () => t?.close());

    test('staff preview a draft in every language; readers get 404 and the page cache keeps nothing', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, {
        status: 'draft',
        title: { en: 'Unseen draft', ru: 'Невидимый черновик', kk: 'Көрінбейтін жоба' },
      });
      for (const [prefix, title, mark] of [
        ['', 'Unseen draft', 'Preview.'],
        ['/ru', 'Невидимый черновик', 'Предпросмотр.'],
        ['/kk', 'Көрінбейтін жоба', 'Алдын ала қарау.'],
      ]) {
        const r = await contributor.get(`${prefix}/publications/${slug}`);
        assert.equal(r.status, 200, prefix);
        assert.match(r.headers.get('cache-control') ?? '', /no-store/);
        assert.equal(r.headers.get('etag'), null, 'not a cached copy');
        assert.equal(r.headers.get('x-robots-tag'), 'noindex');
        const html = await r.text();
        assert.match(html, /<meta name="robots" content="noindex"/);
        assert.match(
          html,
          new RegExp(`<p class="notice preview" role="status"><strong>${mark.replace('.', '\\.')}</strong>`),
        );
        assert.match(html, new RegExp(`<h1>${title}</h1>`));
        assert.match(html, new RegExp(`href="${prefix}/admin/publications/${slug}"`));
        // Right after a preview, a reader at the same address (and the same URL the cache is keyed by) gets 404.
        const reader = await t.get(`${prefix}/publications/${slug}`);
        assert.equal(reader.status, 404, `${prefix}: reader`);
        assert.doesNotMatch(await reader.text(), new RegExp(title));
      }
      // A forged or expired session is a reader.
      assert.equal((await t.get(`/publications/${slug}`, { headers: { Cookie: 'kitap_session=forged' } })).status, 404);
      // In review and withdrawn records too; a reader gets 404 and 410.
      await t.db.query("update publications set status = 'in_review' where slug = $1", [slug]);
      assert.match(await (await contributor.get(`/publications/${slug}`)).text(), /Status: In review\./);
      assert.equal((await t.get(`/publications/${slug}`)).status, 404);
      await t.db.query(
        `update publications set status = 'withdrawn', withdrawn_reason = '{"en": "Superseded"}' where slug = $1`,
        [slug],
      );
      assert.match(await (await contributor.get(`/publications/${slug}`)).text(), /Status: Withdrawn\./);
      assert.equal((await t.get(`/publications/${slug}`)).status, 410);
      // Once published, everyone gets the one cached page, with no preview mark.
      await t.db.query("update publications set status = 'published' where slug = $1", [slug]);
      const reader = await t.get(`/publications/${slug}`);
      assert.equal(reader.status, 200);
      assert.ok(reader.headers.get('etag'));
      assert.doesNotMatch(await reader.text(), /preview/);
      const staff = await contributor.get(`/publications/${slug}`);
      assert.equal(staff.headers.get('etag'), reader.headers.get('etag'));
      assert.doesNotMatch(await staff.text(), /class="notice preview"/);
    });
  });
}
