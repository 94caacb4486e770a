// Issue 18, entities: organisations, people, projects and topics named in four languages by staff, with their
// identifiers; readers' pages and citations in the reader's language; renamed addresses redirect.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { organisationEdit, orcid, personEdit, ror } from '../src/domain/entity.ts';
import {
  citationName,
  entityAbbreviation,
  entityName,
  personDisplayName,
  personDisplayNames,
} from '../src/domain/names.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { location, login, makeUser, openStaffApp, type Agent } from './staff-helpers.ts';

test('names: each language orders a person its own way; a citation gets family and given with the patronymic', () => {
  const parts = {
    given: { en: 'Aigerim', ru: 'Айгерим' },
    family: { en: 'Bekova', ru: 'Бекова' },
    patronymic: { ru: 'Нурлановна' },
  };
  assert.equal(personDisplayName(parts, 'en'), 'Aigerim Bekova');
  assert.equal(personDisplayName(parts, 'ru'), 'Бекова Айгерим Нурлановна');
  assert.equal(personDisplayName(parts, 'kk'), null);
  assert.deepEqual(personDisplayNames(parts), { en: 'Aigerim Bekova', ru: 'Бекова Айгерим Нурлановна' });
  assert.deepEqual(citationName(parts, ['ru', 'en']), { family: 'Бекова', given: 'Айгерим Нурлановна', lang: 'ru' });
  assert.deepEqual(citationName(parts, ['kk', 'en']), { family: 'Bekova', given: 'Aigerim', lang: 'en' });
  // The case: a given name and a patronymic, no family name — never "Nurlanovna A.".
  const noFamily = { given: { en: 'Aigerim' }, family: {}, patronymic: { en: 'Nurlanovna' } };
  assert.equal(personDisplayName(noFamily, 'en'), 'Aigerim Nurlanovna');
  assert.deepEqual(citationName(noFamily, ['en']), { family: 'Aigerim Nurlanovna', lang: 'en' });
  assert.equal(citationName({}, ['en']), null);
  const org = {
    name: { en: 'International Organization for Migration', ru: 'Международная организация по миграции' },
    abbreviation: 'IOM',
    abbreviations: { en: 'IOM', ru: 'МОМ' },
  };
  assert.deepEqual(entityName(org, 'ru'), { text: 'Международная организация по миграции', lang: 'ru' });
  assert.deepEqual(entityName(org, 'kk'), { text: 'International Organization for Migration', lang: 'en' });
  assert.equal(entityAbbreviation(org, 'ru'), 'МОМ');
  assert.equal(entityAbbreviation(org, 'kk'), 'IOM');
});

test('identifiers: ORCID and ROR are checked by their check digits, bare or as addresses', () => {
  assert.equal(orcid.parse('https://orcid.org/0000-0002-1825-0097'), '0000-0002-1825-0097');
  assert.equal(orcid.parse('0000-0002-1694-233x'), '0000-0002-1694-233X');
  assert.equal(orcid.safeParse('0000-0002-1825-0098').success, false, 'a wrong check digit');
  assert.equal(orcid.safeParse('0000-0002-1825').success, false);
  assert.equal(ror.parse('https://ror.org/05dxps055'), '05dxps055');
  assert.equal(ror.parse('00f54p054'), '00f54p054');
  assert.equal(ror.safeParse('05dxps056').success, false, 'a wrong checksum');
  assert.equal(ror.safeParse('15dxps055').success, false);
  assert.equal(personEdit.safeParse({ slug: 'x', given: {}, family: {} }).success, false, 'a person needs a name');
  assert.equal(
    organisationEdit.safeParse({ slug: 'x', name: { de: 'Name' } }).success,
    false,
    'only the four name languages',
  );
});

for (const backend of BACKENDS) {
  describe(`entities on ${backend}`, () => {
    let t: TestApp | null;
    let editor: Agent, contributor: Agent;
    before(async () => {
      t = await openStaffApp(backend);
      if (!t) return;
      editor = await login(t, await makeUser(t, 'editor'));
      contributor = await login(t, await makeUser(t, 'contributor'));
    });
    after(async () => t?.close());

    const idOf = async (table: string, slug: string) =>
      (await t!.db.one<{ id: number }>(`select id from ${table} where slug = $1`, [slug]))!.id;
    const version = (page: string) => /name="_version" value="([^"]+)"/.exec(page)?.[1] ?? '';

    test('staff name a person in parts and an organisation in four languages; readers and citations see their language', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const slug = await makePublication(t.db, {
        title: { ru: 'Трудовая миграция в Центральной Азии', en: 'Labour migration in Central Asia' },
        original_language: 'ru',
        languages: ['ru', 'en'],
        people: [{ name: 'Aigerim Nurlanovna', role: 'author' }],
        organisations: [
          { name: 'United States Agency for International Development', abbreviation: 'USAID', role: 'funder' },
        ],
      });
      const personId = await idOf('people', 'aigerim-nurlanovna');
      const list = await (await editor.get('/admin/people')).text();
      assert.match(list, new RegExp(`href="/admin/people/${personId}">Aigerim Nurlanovna</a>`));

      const page = await (await editor.get(`/admin/people/${personId}`)).text();
      assert.match(page, /name="given.ru"/);
      assert.match(page, /catalogued as “Aigerim Nurlanovna”/);
      const saved = await editor.post(`/admin/people/${personId}`, {
        _version: version(page),
        slug: 'aigerim-bekova',
        'given.en': 'Aigerim',
        'family.en': 'Bekova',
        'given.ru': 'Айгерим',
        'patronymic.ru': 'Нурлановна',
        'family.ru': 'Бекова',
        'given.kk': 'Әйгерім',
        'family.kk': 'Бекова',
        orcid: 'https://orcid.org/0000-0002-1825-0097',
        affiliation: '',
      });
      assert.equal(saved.status, 303);
      assert.equal(location(saved), `/admin/people/${personId}?saved=1`);

      const en = await (await t.get(`/publications/${slug}`)).text();
      assert.match(en, /<a href="\/people\/aigerim-bekova">Aigerim Bekova<\/a>/);
      const ru = await (await t.get(`/ru/publications/${slug}`)).text();
      assert.match(ru, /<a href="\/ru\/people\/aigerim-bekova">Бекова Айгерим Нурлановна<\/a>/);
      assert.match(await (await t.get(`/kk/publications/${slug}`)).text(), /Бекова Әйгерім/);
      // The Russian GOST citation initials given name and patronymic from the parts.
      assert.match(ru, /Бекова,? А\. ?Н\./);
      const cite = await (await t.get(`/ru/publications/${slug}/cite?format=gost`)).text();
      assert.match(cite, /Бекова,? А\. ?Н\./);
      assert.doesNotMatch(cite, /Nurlanovna A\./);
      const person = await (await t.get('/ru/people/aigerim-bekova')).text();
      assert.match(person, /<h1>Бекова Айгерим Нурлановна<\/h1>/);
      assert.match(person, /href="https:\/\/orcid.org\/0000-0002-1825-0097"/);
      // The old address leads to the new one, in every language, for ever.
      const moved = await t.get('/ru/people/aigerim-nurlanovna?page=1');
      assert.equal(moved.status, 301);
      assert.equal(location(moved), '/ru/people/aigerim-bekova?page=1');
      assert.equal((await t.get('/people/nobody-at-all')).status, 404);
      // Search finds the publication by the name in either script.
      assert.match(await (await t.get('/ru/publications?q=Бекова')).text(), new RegExp(`/ru/publications/${slug}"`));

      const orgId = await idOf('organisations', 'usaid');
      const orgPage = await (await editor.get(`/admin/organisations/${orgId}`)).text();
      assert.equal(
        (
          await editor.post(`/admin/organisations/${orgId}`, {
            _version: version(orgPage),
            slug: 'usaid',
            'name.en': 'United States Agency for International Development',
            'abbreviations.en': 'USAID',
            'name.ru': 'Агентство США по международному развитию',
            'abbreviations.ru': 'ЮСАИД',
            'name.kk': 'АҚШ Халықаралық даму агенттігі',
            url: 'https://www.usaid.gov',
            ror: '',
          })
        ).status,
        303,
      );
      const ruOrg = await (await t.get(`/ru/publications/${slug}`)).text();
      assert.match(ruOrg, /Агентство США по международному развитию \(ЮСАИД\)/);
      assert.doesNotMatch(ruOrg, /United States Agency/);
      assert.match(await (await t.get(`/kk/publications/${slug}`)).text(), /АҚШ Халықаралық даму агенттігі \(USAID\)/);
      assert.match(
        await (await t.get(`/publications/${slug}`)).text(),
        /United States Agency for International Development \(USAID\)/,
      );
      assert.match(
        await (await t.get('/ru/organisations/usaid')).text(),
        /<h1>Агентство США по международному развитию \(ЮСАИД\)<\/h1>/,
      );
      // Staff find entities by any name, abbreviation or identifier.
      assert.match(
        await (await editor.get('/admin/organisations?q=ЮСАИД')).text(),
        new RegExp(`/admin/organisations/${orgId}"`),
      );
      assert.match(
        await (await editor.get('/admin/people?q=1825-0097')).text(),
        new RegExp(`/admin/people/${personId}"`),
      );
      assert.doesNotMatch(
        await (await editor.get('/admin/people?q=nobody')).text(),
        new RegExp(`/admin/people/${personId}"`),
      );
      // The entity's page lists its publications in any status.
      assert.match(
        await (await editor.get(`/admin/organisations/${orgId}`)).text(),
        new RegExp(`/admin/publications/${slug}"`),
      );
    });

    test('a bad identifier, a taken slug, a stale form and a contributor are refused; nothing is lost', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      await makePublication(t.db, {
        projects: [{ name: 'Safe Migration', abbreviation: 'SM' }],
        organisations: [{ name: 'Other Org', role: 'publisher' }],
      });
      const id = await idOf('projects', 'safe-migration');
      const page = await (await editor.get(`/admin/projects/${id}`)).text();
      const fields = {
        _version: version(page),
        slug: 'safe-migration',
        'name.en': 'Safe Migration',
        'name.ky': 'Коопсуз миграция',
        grants: 'AID-176-A-15-00001\nGR 2',
      };
      assert.equal((await editor.post('/admin/people/999999', fields)).status, 404);
      assert.equal((await editor.get('/admin/topics/999999')).status, 404);
      const badOrg = await editor.post(`/admin/organisations/${await idOf('organisations', 'other-org')}`, {
        _version: version(
          await (await editor.get(`/admin/organisations/${await idOf('organisations', 'other-org')}`)).text(),
        ),
        slug: 'other-org',
        'name.en': 'Other Org',
        ror: '05dxps056',
      });
      assert.equal(badOrg.status, 422);
      assert.match(await badOrg.text(), /Please enter a ROR id/);
      assert.equal((await contributor.post(`/admin/projects/${id}`, fields)).status, 403);
      assert.match(
        await (await contributor.get(`/admin/projects/${id}`)).text(),
        /Only an editor or an admin can change names/,
      );
      const taken = await editor.post(`/admin/projects/${id}`, { ...fields, slug: 'usaid' });
      assert.equal(taken.status, 303, 'another type may share a slug');
      await makePublication(t.db, { projects: [{ name: 'Other project' }] });
      const clash = await editor.post(`/admin/projects/${id}`, {
        ...fields,
        _version: version(await (await editor.get(`/admin/projects/${id}`)).text()),
        slug: 'other-project',
      });
      assert.equal(clash.status, 422);
      assert.match(await clash.text(), /Another entry of this kind has this address already/);
      const stale = await editor.post(`/admin/projects/${id}`, { ...fields, 'name.en': 'Overwritten' });
      assert.equal(stale.status, 409);
      const row = await t.db.one<{ name: Record<string, string>; grants: string[] }>(
        'select name, grants from projects where id = $1',
        [id],
      );
      assert.deepEqual(row, {
        name: { en: 'Safe Migration', ky: 'Коопсуз миграция' },
        grants: ['AID-176-A-15-00001', 'GR 2'],
      });
      assert.match(await (await t.get('/projects/usaid')).text(), /AID-176-A-15-00001/);
      const changes = await t.db.query<{ action: string }>(
        "select action from entity_changes where type = 'projects' and entity_id = $1",
        [id],
      );
      assert.deepEqual(
        changes.map((c) => c.action),
        ['edited'],
      );
    });
  });
}
