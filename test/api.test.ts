// The JSON API on both databases: shapes (parsed with the schemas the OpenAPI document comes from), filters, errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { entityFull, entityList, errorBody, publicationFull, publicationList } from '../src/api/schemas.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

for (const backend of BACKENDS) {
  describe(`API on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: 'https://library.example.org' });
      if (!t) return;
      for (let i = 0; i < 25; i++) {
        await makePublication(t.db, {
          slug: `item-${i}`,
          year: 2000 + (i % 5),
          kind: i % 2 ? 'report' : 'handbook',
          languages: i % 3 ? ['en'] : ['ru', 'en'],
          title: { en: `Item ${i}`, ru: `Элемент ${i}` },
          organisations: [{ name: i % 4 ? 'UK Aid' : 'Government of Norway', role: 'funder' }],
          topics: [i % 2 ? 'trafficking' : 'health'],
        });
      }
      await makePublication(t.db, { slug: 'hidden', status: 'draft', title: { en: 'Hidden' } });
    });
    after(async () => t?.close());
    const json = async (path: string) => {
      const r = await t!.get(path);
      return { status: r.status, body: (await r.json()) as unknown };
    };

    test('GET /publications pages through published items with facets', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const { status, body } = await json('/api/v1/publications?per_page=10&page=3');
      assert.equal(status, 200);
      const list = publicationList.parse(body);
      assert.equal(list.total, 25);
      assert.equal(list.page, 3);
      assert.equal(list.per_page, 10);
      assert.equal(list.items.length, 5);
      assert.match(list.items[0]!.url, /^https:\/\/library\.example\.org\/publications\/item-\d+$/);
      assert.deepEqual(list.facets.kind.map((f) => [f.value, f.count]).sort(), [
        ['handbook', 13],
        ['report', 12],
      ]);
      assert.equal(list.facets.funder.find((f) => f.value === 'government-of-norway')?.count, 7);
    });

    test('filters combine and match the browse page', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const list = publicationList.parse((await json('/api/v1/publications?year=2001&language=ru&per_page=100')).body);
      assert.ok(list.items.length > 0);
      for (const item of list.items) {
        assert.equal(item.year, 2001);
        assert.ok(item.languages.includes('ru'));
      }
      const byTopic = publicationList.parse(
        (await json('/api/v1/publications?topic=health&funder=uk-aid&per_page=100')).body,
      );
      assert.equal(byTopic.total, byTopic.items.length);
      assert.ok(
        byTopic.items.every((i) => Number(i.slug.split('-')[1]) % 2 === 0 && Number(i.slug.split('-')[1]) % 4 !== 0),
      );
      const ru = publicationList.parse((await json('/api/v1/publications?lang=ru&per_page=1&sort=title')).body);
      assert.match(ru.items[0]!.title, /^Элемент/);
    });

    test('bad parameters give 400 with {error: {code, message}}', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      for (const q of ['per_page=101', 'page=abc', 'year=1', 'kind=x', 'colour=red', 'lang=fr']) {
        const { status, body } = await json(`/api/v1/publications?${q}`);
        assert.equal(status, 400, q);
        const err = errorBody.parse(body);
        assert.equal(err.error.code, 'bad_request');
        assert.ok(err.error.message.includes(q.split('=')[0]!), `${q}: ${err.error.message}`);
      }
    });

    test('GET /publications/{slug}: the full record; drafts and unknown slugs are 404', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const { status, body } = await json('/api/v1/publications/item-3');
      assert.equal(status, 200);
      const p = publicationFull.parse(body);
      assert.equal(p.slug, 'item-3');
      assert.deepEqual(p.titles, { en: 'Item 3', ru: 'Элемент 3' });
      assert.equal(p.organisations[0]!.role, 'funder');
      for (const path of ['/api/v1/publications/hidden', '/api/v1/publications/none']) {
        const r = await json(path);
        assert.equal(r.status, 404);
        assert.equal(errorBody.parse(r.body).error.code, 'not_found');
      }
    });

    test('organisations, people, projects and topics', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const orgs = entityList.parse((await json('/api/v1/organisations')).body);
      assert.deepEqual(
        orgs.items.map((o) => [o.slug, o.publication_count]),
        [
          ['uk-aid', 18],
          ['government-of-norway', 7],
        ],
      );
      const topic = entityFull.parse((await json('/api/v1/topics/health?per_page=100')).body);
      assert.equal(topic.publications.length, 13);
      assert.equal((await json('/api/v1/projects/none')).status, 404);
      assert.equal(entityList.parse((await json('/api/v1/people')).body).total, 0);
    });

    test('the OpenAPI 3.1 document describes every route and schema', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const doc = (await json('/api/v1/openapi.json')).body as {
        openapi: string;
        paths: Record<string, { get: { parameters: Array<{ name: string }> } }>;
        components: { schemas: Record<string, unknown> };
        servers: Array<{ url: string }>;
      };
      assert.equal(doc.openapi, '3.1.0');
      assert.equal(doc.servers[0]!.url, 'https://library.example.org/api/v1');
      for (const p of [
        '/publications',
        '/publications/{slug}',
        '/organisations',
        '/people/{slug}',
        '/projects',
        '/topics/{slug}',
      ])
        assert.ok(doc.paths[p], p);
      const params = doc.paths['/publications']!.get.parameters.map((p) => p.name);
      for (const name of ['q', 'year', 'language', 'kind', 'topic', 'country', 'funder', 'project', 'page', 'per_page'])
        assert.ok(params.includes(name), name);
      for (const s of ['Publication', 'PublicationList', 'PublicationItem', 'Error', 'EntityList'])
        assert.ok(doc.components.schemas[s], s);
      // Every $ref resolves.
      const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
      for (const r of refs) assert.ok(doc.components.schemas[r.slice(22, -1)], r);
    });
  });
}
