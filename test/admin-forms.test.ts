// The publication form round trip: every field saved and shown again, 422 with the person's values and
// messages in their language, 409 when someone saved meanwhile, entities chosen or created on the spot.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { emptyForm, formFromInput, inputFromForm, readPublicationForm } from '../src/admin/publication-form.ts';
import { publicationInputById } from '../src/store/snapshots.ts';
import { publicationIdBySlug } from '../src/store/publications.ts';
import { BACKENDS, makePublication, pubInput, type TestApp } from './helpers.ts';
import { location, login, makeUser, openStaffApp, publicationFields, type Agent } from './staff-helpers.ts';

test('form values ↔ PublicationInput: a full record survives the round trip', () => {
  const input = pubInput({
    slug: 'full-record-2019',
    kind: 'handbook',
    featured: true,
    title: { en: 'Full', ru: 'Полный', kk: 'Толық' },
    subtitle: { en: 'Sub' },
    abstract: { ky: 'Кыскача' },
    original_language: 'ru',
    year: 2019,
    published_on: '2019-05-01',
    pages: 12,
    formats: ['pdf', 'print'],
    languages: ['ru', 'kk'],
    people: [{ name: 'A Person', role: 'editor', affiliation: 'Somewhere' }],
    organisations: [{ name: 'Org', abbreviation: 'ORG', role: 'funder' }],
    projects: [{ name: 'Proj', abbreviation: 'PR' }],
    series: 'S',
    identifiers: [{ scheme: 'isbn', value: '978-1' }],
    topics: ['a-topic'],
    countries: ['KZ', 'UZ'],
    download: true,
    print_on_request: true,
    for_sale: true,
    price: '10 USD',
    external_url: 'https://example.org/x',
    contact_phone: '+7 700',
    relations: [{ type: 'translationOf', target: 'other-2018' }],
  });
  const back = inputFromForm(formFromInput(input), { status: input.status, withdrawn_reason: null });
  assert.ok(back.ok);
  assert.deepEqual(back.input, input);
});

test('form errors name their fields; empty rows are dropped; numbers are checked', () => {
  const cases: Array<[Record<string, string>, string, string]> = [
    [{ 'title.en': '' }, 'title', 'form.title_required'],
    [{ year: '20x7' }, 'year', 'form.not_a_number'],
    [{ year: '1800' }, 'year', 'form.too_small'],
    [{ published_on: '31.12.2020' }, 'published_on', 'form.invalid_date'],
    [{ external_url: 'javascript:alert(1)' }, 'external_url', 'form.invalid_url'],
    [
      { 'identifiers.0.scheme': 'url', 'identifiers.0.value': 'javascript:alert(14)' },
      'identifiers.0.value',
      'form.invalid_url',
    ],
    [{ countries: 'Kazakhstan' }, 'countries', 'form.invalid_country'],
    [{ new_topics: 'Not A Slug!' }, 'new_topics', 'form.invalid_slug'],
    [{ slug: 'Bad Slug' }, 'slug', 'form.invalid_slug'],
    [
      { 'people.0.name': '', 'people.0.role': 'author', 'people.0.affiliation': 'Nowhere' },
      'people.0.name',
      'form.required',
    ],
    [{ 'people.0.name': 'x'.repeat(301), 'people.0.role': 'author' }, 'people.0.name', 'form.too_long'],
    [{ 'people.0.name': 'Someone', 'people.0.role': 'boss' }, 'people.0.role', 'form.invalid'],
    [
      { 'relations.0.type': 'summaryOf', 'relations.0.target': 'Not a slug' },
      'relations.0.target',
      'form.invalid_slug',
    ],
  ];
  for (const [fields, field, key] of cases) {
    const r = inputFromForm(
      readPublicationForm({ kind: 'report', original_language: 'en', 'title.en': 'T', ...fields }),
      { status: 'draft', withdrawn_reason: null },
    );
    assert.ok(!r.ok, JSON.stringify(fields));
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.key]),
      [[field, key]],
      JSON.stringify(fields),
    );
  }
  const rows = readPublicationForm({
    kind: 'report',
    original_language: 'en',
    'title.en': 'T',
    'people.0.name': '',
    'people.0.role': 'author',
    'people.1.name': 'B',
    'people.1.role': 'editor',
  });
  const ok = inputFromForm(rows, { status: 'draft', withdrawn_reason: null });
  assert.ok(ok.ok);
  assert.deepEqual(ok.input.people, [{ name: 'B', role: 'editor' }]);
  assert.equal(emptyForm().kind, 'report');
});

for (const backend of BACKENDS) {
  describe(`publication forms on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
      await makePublication(t.db, {
        slug: 'existing-report-2015',
        people: [{ name: 'Existing Person', role: 'author' }],
        organisations: [{ name: 'Existing Organisation', abbreviation: 'EO', role: 'publisher' }],
      });
    });
    after(async () => t?.close());

    test('the new-publication form offers existing people, organisations, topics and slugs; languages side by side', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await editor.get('/admin/publications/new');
      assert.equal(r.status, 200);
      const html = await r.text();
      assert.match(html, /<datalist id="dl-people"><option value="Existing Person">/);
      assert.match(html, /<datalist id="dl-organisations"><option value="Existing Organisation">/);
      assert.match(html, /<option value="existing-report-2015">/);
      for (const l of ['en', 'ru', 'kk', 'ky', 'uz', 'tg']) assert.match(html, new RegExp(`name="title\\.${l}"`));
      assert.match(html, /name="people\.2\.name"/, 'blank rows to add people without JavaScript');
      assert.doesNotMatch(html, /<script/);
    });

    test('every field is saved, entities are chosen or created on the spot, and the form shows them again', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const r = await editor.post(
        '/admin/publications',
        publicationFields({
          slug: 'every-field-2020',
          kind: 'glossary',
          original_language: 'ru',
          featured: 'on',
          'title.en': 'Every Field',
          'title.ru': 'Каждое поле',
          'title.kk': 'Әр өріс',
          'subtitle.en': 'A subtitle',
          'abstract.en': 'Abstract in English.',
          'abstract.ky': 'Кыргызча',
          year: '2020',
          published_on: '2020-06-30',
          pages: '48',
          series: 'Series A',
          formats: ['pdf', 'print'],
          languages: ['ru', 'kk'],
          'people.0.name': 'Existing Person',
          'people.0.role': 'editor',
          'people.1.name': 'Brand New Person',
          'people.1.role': 'author',
          'people.1.affiliation': 'New Institute',
          'organisations.0.name': 'EO',
          'organisations.0.role': 'funder',
          'organisations.1.name': 'Fresh Foundation',
          'organisations.1.abbreviation': 'FF',
          'organisations.1.role': 'publisher',
          'projects.0.name': 'Fresh Project',
          'projects.0.abbreviation': 'FP',
          'identifiers.0.scheme': 'isbn',
          'identifiers.0.value': '978-601-7000-00-1',
          new_topics: 'terminology new-topic',
          countries: 'kz, KG',
          download: 'on',
          print_on_request: 'on',
          for_sale: 'on',
          price: '5 USD',
          external_url: 'https://example.org/glossary',
          contact_phone: '+7 7172 000000',
          'relations.0.type': 'followsUp',
          'relations.0.target': 'existing-report-2015',
        }),
      );
      assert.equal(
        r.status,
        303,
        await r
          .clone()
          .text()
          .then((s) => s.slice(0, 500)),
      );
      const id = (await publicationIdBySlug(t.db, 'every-field-2020'))!;
      const stored = (await publicationInputById(t.db, id))!;
      assert.equal(stored.status, 'draft', 'new publications are drafts');
      assert.deepEqual(stored.title, { en: 'Every Field', ru: 'Каждое поле', kk: 'Әр өріс' });
      assert.deepEqual(stored.abstract, { en: 'Abstract in English.', ky: 'Кыргызча' });
      assert.deepEqual(
        [stored.year, stored.published_on, stored.pages, stored.series, stored.featured],
        [2020, '2020-06-30', 48, 'Series A', true],
      );
      assert.deepEqual(stored.people, [
        { name: 'Existing Person', role: 'editor' },
        { name: 'Brand New Person', role: 'author', affiliation: 'New Institute' },
      ]);
      assert.deepEqual(
        stored.organisations.map((o) => [o.name, o.role]),
        [
          ['Existing Organisation', 'funder'],
          ['Fresh Foundation', 'publisher'],
        ],
      );
      assert.equal(
        (await t.db.one<{ n: number }>("select count(*)::int as n from organisations where abbreviation = 'EO'"))!.n,
        1,
        'chosen, not duplicated',
      );
      assert.deepEqual(stored.projects, [{ name: 'Fresh Project', abbreviation: 'FP' }]);
      assert.deepEqual(stored.topics, ['new-topic', 'terminology']);
      assert.deepEqual(stored.countries, ['KZ', 'KG']);
      assert.deepEqual(stored.relations, [{ type: 'followsUp', target: 'existing-report-2015' }]);
      assert.deepEqual(
        [
          stored.download,
          stored.print_on_request,
          stored.for_sale,
          stored.price,
          stored.external_url,
          stored.contact_phone,
        ],
        [true, true, true, '5 USD', 'https://example.org/glossary', '+7 7172 000000'],
      );
      const page = await (await editor.get(location(r))).text();
      assert.match(page, /Saved\./);
      for (const s of [
        'value="Каждое поле"',
        'value="Brand New Person"',
        'value="New Institute"',
        'value="978-601-7000-00-1"',
        'Abstract in English.</textarea>',
        'value="KZ, KG"',
      ])
        assert.ok(page.includes(s), s);
    });

    test('invalid input: 422, the same form with the values typed and messages in the user’s language', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = (await t.db.one<{ n: number }>('select count(*)::int as n from publications'))!.n;
      const r = await editor.post(
        '/ru/admin/publications',
        publicationFields({
          'title.en': '',
          'subtitle.en': 'Kept subtitle',
          year: '20x7',
          'people.0.name': 'Kept Person',
          'people.0.role': 'author',
          'relations.0.type': 'partOf',
          'relations.0.target': 'no-such-publication',
        }),
      );
      assert.equal(r.status, 422);
      const html = await r.text();
      assert.match(html, /<html lang="ru">/);
      assert.match(html, /Исправьте 2 ошибки/);
      assert.match(html, /Нужно название хотя бы на одном языке/);
      assert.match(html, /Введите целое число/);
      assert.match(html, /value="20x7"/);
      assert.match(html, /value="Kept subtitle"/);
      assert.match(html, /value="Kept Person"/);
      assert.match(html, /id="f-year"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-year"/);
      assert.equal((await t.db.one<{ n: number }>('select count(*)::int as n from publications'))!.n, before);
      const rel = await editor.post(
        '/admin/publications',
        publicationFields({ 'relations.0.type': 'partOf', 'relations.0.target': 'no-such-publication' }),
      );
      assert.equal(rel.status, 422);
      assert.match(await rel.text(), /No publication has this address/);
      const taken = await editor.post('/admin/publications', publicationFields({ slug: 'existing-report-2015' }));
      assert.equal(taken.status, 422);
      assert.match(await taken.text(), /Another publication has this address already/);
    });

    test('editing: 303 and saved; a stale form gets 409 with the person’s values; no-change saves leave no history row', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.post('/admin/publications', publicationFields({ slug: 'edit-me-2021', 'title.en': 'Edit me' }));
      const page = await (await editor.get('/admin/publications/edit-me-2021')).text();
      const v1 = /name="_version" value="([^"]+)"/.exec(page)![1]!;
      const saved = await editor.post(
        '/admin/publications/edit-me-2021',
        publicationFields({ 'title.en': 'Edited once', _version: v1 }),
      );
      assert.equal(saved.status, 303);
      assert.equal(location(saved), '/admin/publications/edit-me-2021?saved=1');
      const stale = await editor.post(
        '/admin/publications/edit-me-2021',
        publicationFields({ 'title.en': 'Edited from a stale form', _version: v1 }),
      );
      assert.equal(stale.status, 409);
      const html = await stale.text();
      assert.match(html, /Someone else saved this publication/);
      assert.match(html, /value="Edited from a stale form"/);
      const count = async () =>
        (await t!.db.one<{ n: number }>(
          "select count(*)::int as n from publication_changes c join publications p on p.id = c.publication_id where p.slug = 'edit-me-2021'",
        ))!.n;
      const n = await count();
      const v2 = /name="_version" value="([^"]+)"/.exec(
        await (await editor.get('/admin/publications/edit-me-2021')).text(),
      )![1]!;
      assert.equal(
        (
          await editor.post(
            '/admin/publications/edit-me-2021',
            publicationFields({ 'title.en': 'Edited once', _version: v2 }),
          )
        ).status,
        303,
      );
      assert.equal(await count(), n, 'nothing changed, nothing recorded');
      assert.equal((await editor.get('/admin/publications/no-such-slug')).status, 404);
    });

    test('withdrawing needs a reason, which readers then see on the 410 page', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.post('/admin/publications', publicationFields({ slug: 'to-withdraw' }));
      const v = async () =>
        /name="_version" value="([^"]+)"/.exec(await (await editor.get('/admin/publications/to-withdraw')).text())![1]!;
      await editor.post('/admin/publications/to-withdraw/status', { status: 'published', _version: await v() });
      const noReason = await editor.post('/admin/publications/to-withdraw/status', {
        status: 'withdrawn',
        'reason.en': '',
        _version: await v(),
      });
      assert.equal(noReason.status, 422);
      assert.match(await noReason.text(), /Please give the reason/);
      assert.equal(
        (await editor.post('/admin/publications/to-withdraw/status', { status: 'bogus', _version: await v() })).status,
        422,
      );
      assert.equal(
        (
          await editor.post('/admin/publications/to-withdraw/status', {
            status: 'withdrawn',
            'reason.en': 'Outdated figures',
            _version: await v(),
          })
        ).status,
        303,
      );
      const gone = await t.get('/kk/publications/to-withdraw');
      assert.equal(gone.status, 410);
      assert.match(await gone.text(), /Outdated figures/);
    });

    test("the reason in several languages: each reader gets theirs, others the record's own language", async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await editor.post('/admin/publications', publicationFields({ slug: 'withdrawn-twice-told' }));
      const v = async () =>
        /name="_version" value="([^"]+)"/.exec(
          await (await editor.get('/admin/publications/withdrawn-twice-told')).text(),
        )![1]!;
      await editor.post('/admin/publications/withdrawn-twice-told/status', {
        status: 'published',
        _version: await v(),
      });
      const tooLong = await editor.post('/admin/publications/withdrawn-twice-told/status', {
        status: 'withdrawn',
        'reason.ru': 'я'.repeat(2001),
        _version: await v(),
      });
      assert.equal(tooLong.status, 422);
      const res = await editor.post('/admin/publications/withdrawn-twice-told/status', {
        status: 'withdrawn',
        'reason.en': 'The figures were revised',
        'reason.ru': 'Данные пересмотрены',
        _version: await v(),
      });
      assert.equal(res.status, 303);
      const ru = await t.get('/ru/publications/withdrawn-twice-told');
      assert.equal(ru.status, 410);
      const ruHtml = await ru.text();
      assert.match(ruHtml, /Эта публикация отозвана: Данные пересмотрены/);
      assert.doesNotMatch(ruHtml, /The figures were revised/);
      assert.match(
        await (await t.get('/publications/withdrawn-twice-told')).text(),
        /withdrawn: The figures were revised/,
      );
      // Kazakh was not given: the record's own language, marked as such for screen readers and translators.
      assert.match(
        await (await t.get('/kk/publications/withdrawn-twice-told')).text(),
        /<span lang="en">The figures were revised<\/span>/,
      );
      // The API and the staff page carry every language.
      const api = await t.get('/api/v1/publications/withdrawn-twice-told?lang=ru');
      assert.equal(api.status, 410);
      assert.match(JSON.stringify(await api.json()), /Данные пересмотрены/);
      const staff = await (await editor.get('/admin/publications/withdrawn-twice-told')).text();
      assert.match(staff, /<span lang="en">The figures were revised<\/span>/);
      assert.match(staff, /<span lang="ru">Данные пересмотрены<\/span>/);
    });

    test('the staff list shows every status and filters by status and title', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await makePublication(t.db, { slug: 'secret-draft', status: 'draft', title: { en: 'Secret Draft Title' } });
      const all = await (await editor.get('/admin')).text();
      assert.match(all, /Secret Draft Title/);
      const drafts = await (await editor.get('/admin?status=draft&q=secret')).text();
      assert.match(drafts, /Secret Draft Title/);
      assert.doesNotMatch(drafts, /Every Field/);
      assert.equal((await editor.get('/admin?status=nonsense')).status, 400);
    });
  });
}
