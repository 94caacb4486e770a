// Issue 18, translation status: a record's staff page shows which fields exist in which language (and which of
// its organisations, projects and topics lack a name); the missing-translations page counts the gaps per language
// and leads to the records; the side-by-side editor saves one field's languages through the one write path,
// with history and the version check.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { login, makeUser, openStaffApp, type Agent } from './staff-helpers.ts';

const version = (html: string) => /name="_version" value="([^"]+)"/.exec(html)?.[1] ?? '';

for (const backend of BACKENDS) {
  describe(`translations on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent, contributor: Agent;
    let slug: string;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
      contributor = await login(t, await makeUser(t, 'contributor'));
      slug = await makePublication(t.db, {
        status: 'draft',
        title: { en: 'Migrants’ rights handbook', ru: 'Справочник о правах мигрантов' },
        abstract: { en: 'What a migrant may ask for.' },
        original_language: 'en',
        organisations: [{ name: 'International Labour Office', abbreviation: 'ILO', role: 'publisher' }],
      });
    });
    after(async () => t?.close());
    const stored = async () =>
      (await t!.db.one<{ title: Record<string, string>; abstract: Record<string, string> }>(
        'select title, abstract from publications where slug = $1',
        [slug],
      ))!;

    test('the record shows its fields by language, each gap a link to the editor or the entity', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const page = await (await editor.get(`/admin/publications/${slug}`)).text();
      const section = /<section aria-labelledby="tr-h">.*?<\/section>/s.exec(page)?.[0] ?? '';
      assert.match(section, /Languages of the fields/);
      const row = (label: string) =>
        new RegExp(`<tr><th scope="row">(?:<a[^>]*>)?${label}.*?</tr>`, 's').exec(section)?.[0] ?? '';
      const title = row('Title');
      assert.equal((title.match(/✓ there/g) ?? []).length, 2, 'English and Russian');
      assert.match(title, new RegExp(`href="/admin/publications/${slug}/translate\\?field=title&amp;lang=kk"`));
      assert.match(title, new RegExp(`href="/admin/publications/${slug}/translate\\?field=title&amp;lang=ky"`));
      const abstract = row('Abstract');
      assert.equal((abstract.match(/✓ there/g) ?? []).length, 1);
      assert.match(abstract, /field=abstract&amp;lang=ru/);
      assert.doesNotMatch(section, /Subtitle/, 'a field not used in any language is no gap');
      assert.match(row('Organisations'), /href="\/admin\/organisations\/\d+"[^>]*>International Labour Office/);
      // In Russian too.
      const ru = await (await editor.get(`/ru/admin/publications/${slug}`)).text();
      assert.match(ru, /Языки полей/);
    });

    test('the missing-translations page counts gaps and leads to the records and their editor', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const page = await (await editor.get('/admin/translations')).text();
      assert.match(page, /<h1>Missing translations<\/h1>/);
      assert.match(page, /href="\/admin\?missing=kk&amp;field=title">1 publication</);
      assert.match(page, /href="\/admin\?missing=ru&amp;field=abstract">1 publication</);
      const list = await (await editor.get('/admin?missing=ru')).text();
      assert.match(list, /Missing in Russian/);
      assert.match(
        list,
        new RegExp(`href="/admin/publications/${slug}/translate\\?field=abstract&amp;lang=ru">Abstract</a>`),
      );
      assert.doesNotMatch(list, /field=title&amp;lang=ru/, 'the title is there in Russian');
    });

    test('the side-by-side editor saves one field with history; a stale form is refused with 409', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const form = await editor.get(`/admin/publications/${slug}/translate?field=title&lang=kk`);
      assert.equal(form.status, 200);
      const html = await form.text();
      for (const lang of ['en', 'ru', 'kk', 'ky']) assert.match(html, new RegExp(`name="title\\.${lang}"`));
      assert.match(html, /<textarea id="f-title-kk" name="title.kk" lang="kk" autofocus=""/);
      assert.match(html, />Справочник о правах мигрантов</);
      const v = version(html);
      assert.ok(v);
      const saved = await editor.post(`/admin/publications/${slug}/translate?field=title`, {
        _version: v,
        'title.en': 'Migrants’ rights handbook',
        'title.ru': 'Справочник о правах мигрантов',
        'title.kk': 'Мигранттардың құқықтары туралы анықтамалық',
        'title.ky': '',
      });
      assert.equal(saved.status, 303);
      assert.match(saved.headers.get('location') ?? '', /translate\?field=title&saved=1/);
      assert.equal((await stored()).title.kk, 'Мигранттардың құқықтары туралы анықтамалық');
      assert.equal((await stored()).abstract.en, 'What a migrant may ask for.', 'other fields untouched');
      const history = await (await editor.get(`/admin/publications/${slug}/history`)).text();
      assert.match(history, /Мигранттардың құқықтары туралы анықтамалық/);

      const stale = await editor.post(`/admin/publications/${slug}/translate?field=title`, {
        _version: v,
        'title.en': 'Overwritten',
      });
      assert.equal(stale.status, 409);
      const staleHtml = await stale.text();
      assert.match(staleHtml, /Someone else saved this publication/);
      assert.match(staleHtml, /name="title.en"[^>]*>Overwritten<\/textarea>/, 'the person’s value is kept');
      assert.match(staleHtml, /Saved meanwhile: <q lang="en">Migrants’ rights handbook<\/q>/);
      assert.notEqual(version(staleHtml), v, 'the form now carries the current version');
      assert.equal((await stored()).title.en, 'Migrants’ rights handbook');

      const fresh = version(await (await editor.get(`/admin/publications/${slug}/translate?field=abstract`)).text());
      const longText = 'x'.repeat(20_001);
      const tooLong = await editor.post(`/admin/publications/${slug}/translate?field=abstract`, {
        _version: fresh,
        'abstract.ru': longText,
      });
      assert.equal(tooLong.status, 422);
      assert.match(await tooLong.text(), /At most 20000 characters|At most 20,000 characters/);
      const empty = await editor.post(`/admin/publications/${slug}/translate?field=title`, {
        _version: fresh,
        'title.en': '',
        'title.ru': '',
        'title.kk': '',
        'title.ky': '',
      });
      assert.equal(empty.status, 422);
      assert.match(await empty.text(), /A title in at least one language is required/);
      assert.equal((await stored()).title.ru, 'Справочник о правах мигрантов');
    });

    test('who may not edit the record may not translate it', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const published = await makePublication(t.db, { status: 'published', title: { en: 'Already out' } });
      assert.equal((await contributor.get(`/admin/publications/${published}/translate?field=title`)).status, 403);
      const post = await contributor.post(`/admin/publications/${published}/translate?field=title`, {
        'title.en': 'Changed by a contributor',
      });
      assert.equal(post.status, 403);
      assert.equal((await editor.get(`/admin/publications/${published}/translate?field=nonsense`)).status, 400);
      assert.equal((await editor.get('/admin/publications/no-such-record/translate')).status, 404);
    });
  });
}
