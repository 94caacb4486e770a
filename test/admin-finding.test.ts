// Issue 18, finding work: the staff list searches every field (titles in every language, people, organisations
// and their abbreviations, identifiers, the files' text), filters, sorts and pages; checked rows take a bulk
// action, each record decided by its own permissions, recorded in its history, and summed up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { saveEntity, saveTopic } from '../src/store/entities.ts';
import { changeSlug } from '../src/store/publication-redirects.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { login, makeUser, openStaffApp, type Agent } from './staff-helpers.ts';

/** The slugs of the rows of the staff list, in order. */
const rows = (html: string) =>
  [...html.matchAll(/<a id="t-\d+" href="\/admin\/publications\/([^"]+)"/g)].map((m) => m[1]!);
/** The id of each listed slug (the value of its checkbox). */
const ids = (html: string) =>
  new Map(
    [
      ...html.matchAll(
        /name="ids" value="(\d+)"[^>]*>\s*<\/td>\s*<td>\s*<a id="t-\d+" href="\/admin\/publications\/([^"]+)"/g,
      ),
    ].map((m) => [m[2]!, m[1]!]),
  );

for (const backend of BACKENDS) {
  describe(`finding work in the staff list on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent, contributor: Agent;
    const slug: Record<string, string> = {};
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
      contributor = await login(t, await makeUser(t, 'contributor'));
      await saveTopic(t.db, { slug: 'remittances', label: { en: 'Remittances', ru: 'Денежные переводы' } });
      slug.usaid = await makePublication(t.db, {
        status: 'published',
        title: { en: 'Labour migration in Central Asia' },
        year: 2018,
        organisations: [
          { name: 'United States Agency for International Development', abbreviation: 'USAID', role: 'funder' },
        ],
        identifiers: [{ scheme: 'isbn', value: '978-601-7000-00-1' }],
      });
      slug.draft = await makePublication(t.db, {
        status: 'draft',
        kind: 'handbook',
        title: { ru: 'Возвращение мигрантов домой' },
        languages: ['ru'],
        year: 2019,
        people: [{ name: 'Aigerim Nurlanovna', role: 'author' }],
      });
      slug.review = await makePublication(t.db, {
        status: 'in_review',
        title: { en: 'Women on the move', ru: 'Женщины в пути' },
        abstract: { en: 'A study of women who cross borders alone.' },
        languages: ['en', 'ru'],
        year: 2021,
      });
      slug.filed = await makePublication(t.db, {
        status: 'published',
        title: { en: 'Annual report on returns' },
        year: 2020,
      });
    });
    after(async () => t?.close());

    const list = async (a: Agent, query: string) => {
      const r = await a.get(`/admin${query}`);
      assert.equal(r.status, 200, query);
      return r.text();
    };

    test('"USAID", an ISBN without hyphens, a person and a Cyrillic word each find their record', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.deepEqual(rows(await list(editor, '?q=USAID')), [slug.usaid]);
      assert.deepEqual(rows(await list(editor, '?q=usaid')), [slug.usaid], 'any case');
      assert.deepEqual(rows(await list(editor, '?q=International+Development')), [slug.usaid]);
      assert.deepEqual(rows(await list(editor, '?q=9786017000001')), [slug.usaid]);
      assert.deepEqual(rows(await list(editor, '?q=Nurlanovna')), [slug.draft], 'a person, in a draft');
      assert.deepEqual(
        rows(await list(editor, '?q=%D0%B2%D0%BE%D0%B7%D0%B2%D1%80%D0%B0%D1%89')),
        [slug.draft],
        'возвращ',
      );
      assert.deepEqual(rows(await list(editor, '?q=borders')), [slug.review], 'the abstract');
      assert.deepEqual(rows(await list(editor, '?q=nothing-like-this')), []);
      // A new address is found at once (the edit form writes the slug after the record's fields).
      const moved = await makePublication(t.db, { status: 'draft', title: { en: 'Moving record' } });
      const movedId = (await t.db.one<{ id: number }>('select id from publications where slug = $1', [moved]))!.id;
      assert.ok(await changeSlug(t.db, movedId, 'a-brand-new-address'));
      assert.deepEqual(rows(await list(editor, '?q=brand-new-address')), ['a-brand-new-address']);
      await t.db.query('delete from publications where id = $1', [movedId]);
      assert.match(await list(editor, '?q=USAID'), /1 publication\b/);
    });

    test('a name given to a topic later finds the records that have it', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const tagged = await makePublication(t.db, {
        status: 'withdrawn',
        title: { en: 'Tagged later' },
        topics: ['remittances'],
      });
      assert.deepEqual(rows(await list(editor, `?q=${encodeURIComponent('аударымдары')}`)), []);
      const id = (await t.db.one<{ id: number }>("select id from topics where slug = 'remittances'"))!.id;
      assert.equal(
        await saveEntity(t.db, 'topics', id, {
          slug: 'remittances',
          name: { en: 'Remittances', ky: 'Акча которуулар', kk: 'Ақша аударымдары' },
        }),
        'saved',
      );
      assert.deepEqual(rows(await list(editor, `?q=${encodeURIComponent('аударымдары')}`)), [tagged]);
    });

    test('the text of a file finds its record', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const up = await editor.upload(
        `/admin/publications/${slug.filed}/files`,
        { language: 'en' },
        { name: 'returns.txt', bytes: 'Notes', type: 'text/plain' },
      );
      assert.equal(up.status, 303);
      await t.db.query(
        `insert into file_pages (file_id, page, text) select f.id, 1, 'Reintegration grants reached forty households'
         from files f join publications p on p.id = f.publication_id where p.slug = $1`,
        [slug.filed],
      );
      assert.deepEqual(rows(await list(editor, '?q=households')), [slug.filed]);
    });

    test('filters: status, kind, year, language, missing translation, files', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const only = async (query: string) => rows(await list(editor, query)).sort();
      assert.deepEqual(await only('?status=draft'), [slug.draft]);
      assert.deepEqual(await only('?status=published'), [slug.usaid, slug.filed].sort());
      assert.deepEqual(await only('?kind=handbook'), [slug.draft]);
      assert.deepEqual(await only('?year=2021'), [slug.review]);
      assert.deepEqual(await only('?language=ru'), [slug.draft, slug.review].sort());
      assert.deepEqual(await only('?missing=ru&field=abstract'), [slug.review]);
      assert.deepEqual(await only('?missing=en&field=title'), [slug.draft]);
      assert.deepEqual(await only('?files=with'), [slug.filed]);
      assert.ok(!(await only('?files=without')).includes(slug.filed));
      assert.deepEqual(await only('?status=published&q=USAID&year=2018'), [slug.usaid], 'together');
      assert.deepEqual(await only('?status=draft&q=USAID'), []);
      // The filters are kept in the form.
      const page = await list(editor, '?status=draft&kind=handbook&missing=kk');
      assert.match(page, /<option value="draft" selected="">/);
      assert.match(page, /<option value="handbook" selected="">/);
      assert.match(page, new RegExp(`href="/admin/publications/${slug.draft}/translate\\?field=title&amp;lang=kk"`));
      assert.equal((await editor.get('/admin?sort=sideways')).status, 400);
      assert.equal((await editor.get('/admin?year=twenty')).status, 400);
    });

    test('sorting by title, year and status', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const mine = [slug.usaid, slug.draft, slug.review, slug.filed];
      const order = async (sort: string) => rows(await list(editor, `?sort=${sort}`)).filter((s) => mine.includes(s));
      assert.deepEqual(await order('title'), [slug.filed, slug.usaid, slug.review, slug.draft]);
      assert.deepEqual(await order('year'), [slug.review, slug.filed, slug.draft, slug.usaid]);
      assert.deepEqual((await order('status')).slice(0, 2), [slug.draft, slug.review]);
    });

    test('paging: 50 a page, the filters kept in the links', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (let i = 0; i < 52; i++)
        await makePublication(t.db, { status: 'draft', title: { en: `Pile item ${i}` }, year: 2001 });
      const first = await list(editor, '?year=2001&sort=title');
      assert.equal(rows(first).length, 50);
      assert.match(first, /52 publications/);
      assert.match(
        first,
        /href="\/admin\?sort=title&amp;year=2001&amp;page=2"|href="\/admin\?year=2001&amp;sort=title&amp;page=2"/,
      );
      const second = await list(editor, '?year=2001&sort=title&page=2');
      assert.equal(rows(second).length, 2);
      assert.equal(new Set([...rows(first), ...rows(second)]).size, 52);
    });

    test('bulk: an editor publishes; a contributor is refused, each record said why', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const a = await makePublication(t.db, { status: 'draft', title: { en: 'Bulk draft A' }, year: 2030 });
      const b = await makePublication(t.db, { status: 'in_review', title: { en: 'Bulk review B' }, year: 2030 });
      const c = await makePublication(t.db, { status: 'published', title: { en: 'Bulk published C' }, year: 2030 });
      const id = ids(await list(editor, '?year=2030'));
      assert.equal(id.size, 3);
      const all = [a, b, c].map((s) => id.get(s)!);

      // A contributor may send a draft to review, never publish, nor touch a published record.
      const refused = await contributor.post('/admin/bulk', { ids: all, action: 'publish', back: '?year=2030' });
      assert.equal(refused.status, 200);
      const rtext = await refused.text();
      assert.match(rtext, /2 refused/);
      assert.match(rtext, /1 already so/);
      assert.match(rtext, /your role cannot do this to a record that is “Draft”/);
      assert.match(rtext, /href="\/admin\?year=2030">Back to the list/);
      const status = async (s: string) =>
        (await t!.db.one<{ status: string }>('select status from publications where slug = $1', [s]))!.status;
      assert.deepEqual(await Promise.all([a, b, c].map(status)), ['draft', 'in_review', 'published']);

      const review = await (await contributor.post('/admin/bulk', { ids: all, action: 'review' })).text();
      assert.match(review, /1 changed/);
      assert.match(review, /1 already so/);
      assert.match(review, /1 refused/);
      assert.equal(await status(a), 'in_review');

      const published = await (await editor.post('/admin/bulk', { ids: [...all, '999999'], action: 'publish' })).text();
      assert.match(published, /1 checked publication no longer exists/);
      assert.match(published, /2 changed/);
      assert.match(published, /1 already so/);
      assert.deepEqual(await Promise.all([a, b, c].map(status)), ['published', 'published', 'published']);
      const history = await t.db.query<{ action: string; email: string }>(
        `select c.action, u.email from publication_changes c join publications p on p.id = c.publication_id
         join users u on u.id = c.user_id where p.slug = $1 order by c.id`,
        [a],
      );
      assert.deepEqual(
        history.map((h) => h.action),
        ['status', 'status'],
      );
      assert.match(await (await editor.get(`/admin/publications/${a}/history`)).text(), /Bulk draft A/);
    });

    test('bulk: withdraw needs a reason; add a topic or a project; no token, no change', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const p = await makePublication(t.db, {
        status: 'published',
        title: { en: 'Bulk withdrawn D' },
        year: 2031,
        projects: [{ name: 'Safe Migration Project', abbreviation: 'SMP' }],
      });
      const d = await makePublication(t.db, { status: 'draft', title: { en: 'Bulk draft E' }, year: 2031 });
      const id = ids(await list(editor, '?year=2031'));
      const both = [id.get(p)!, id.get(d)!];

      const noReason = await editor.post('/admin/bulk', { ids: both, action: 'withdraw', reason: ' ' });
      assert.equal(noReason.status, 422);
      assert.match(await noReason.text(), /Please give the reason/);
      const noToken = await editor.post('/admin/bulk', { ids: both, action: 'publish', _csrf: 'forged' });
      assert.equal(noToken.status, 403);
      const none = await editor.post('/admin/bulk', { action: 'publish' });
      assert.equal(none.status, 422);
      assert.match(await none.text(), /No publication was checked/);

      // A contributor adds a topic to the draft, not to the published record.
      const topic = await (
        await contributor.post('/admin/bulk', { ids: both, action: 'topic', topic: 'remittances' })
      ).text();
      assert.match(topic, /1 changed/);
      assert.match(topic, /1 refused/);
      const topics = async (s: string) =>
        (
          await t!.db.query<{ slug: string }>(
            `select e.slug from publication_topics l join topics e on e.id = l.topic_id join publications p on p.id = l.publication_id where p.slug = $1`,
            [s],
          )
        ).map((r) => r.slug);
      assert.deepEqual(await topics(d), ['remittances']);
      assert.deepEqual(await topics(p), []);
      const unknown = await editor.post('/admin/bulk', { ids: both, action: 'topic', topic: 'no-such-topic' });
      assert.equal(unknown.status, 422);

      const project = (await t.db.one<{ id: number }>(`select id from projects where abbreviation = 'SMP'`))!.id;
      const added = await (
        await editor.post('/admin/bulk', { ids: both, action: 'project', project: String(project) })
      ).text();
      assert.match(added, /1 changed/);
      assert.match(added, /1 already so/);
      assert.match(await (await editor.get(`/admin/publications/${d}`)).text(), /value="Safe Migration Project"/);

      const gone = await (
        await editor.post('/admin/bulk', { ids: both, action: 'withdraw', reason: 'Superseded by the 2024 edition' })
      ).text();
      assert.match(gone, /2 changed/, 'an editor may withdraw a draft too (src/policies.ts)');
      const row = (await t.db.one<{ status: string; withdrawn_reason: Record<string, string> }>(
        'select status, withdrawn_reason from publications where slug = $1',
        [p],
      ))!;
      assert.deepEqual(row, { status: 'withdrawn', withdrawn_reason: { en: 'Superseded by the 2024 edition' } });
      assert.equal((await t.get(`/publications/${p}`)).status, 410);
    });
  });
}
