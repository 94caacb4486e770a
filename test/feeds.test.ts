// Atom feeds, sitemap.xml and robots.txt on PGlite and PostgreSQL: parsed as XML, escaping checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';
import { all, first, parseXml, textOf, texts, validationUnavailable, wellFormed } from './oai-xml.ts';

const ORIGIN = 'https://kitap.example.org';
const noXmllint = validationUnavailable();

for (const backend of BACKENDS) {
  describe(`feeds and crawling on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: ORIGIN });
      if (!t) return;
      await makePublication(t.db, {
        slug: 'labour-report-2017',
        year: 2017,
        title: { en: 'Labour Migration in Central Asia', ru: 'Трудовая миграция в Центральной Азии' },
        abstract: { en: 'An assessment.' },
        people: [{ name: 'Aigerim Sultanova', role: 'author' }],
        topics: ['labour-migration'],
        projects: [{ name: 'Dignity and Rights' }],
      });
      await makePublication(t.db, {
        slug: 'glossary-2011',
        year: 2011,
        title: { en: 'Glossary on Migration' },
        organisations: [{ name: 'International Organization for Migration', role: 'publisher' }],
        topics: ['terminology'],
      });
      await makePublication(t.db, {
        slug: 'xss',
        title: { en: '<script>alert(1)</script> & "quotes" ]]>' },
        abstract: { en: '</summary><evil/>' },
        topics: ['labour-migration'],
      });
      await makePublication(t.db, {
        slug: 'draft-thing',
        status: 'draft',
        title: { en: 'Unpublished draft' },
        topics: ['labour-migration'],
      });
      await makePublication(t.db, { slug: 'gone-2010', status: 'withdrawn', title: { en: 'Withdrawn report' } });
    });
    after(async () => t?.close());

    const get = async (path: string) => {
      const r = await t!.get(path);
      const body = await r.text();
      if (!noXmllint && /xml/.test(r.headers.get('content-type') ?? '')) {
        const v = wellFormed(body);
        assert.ok(v.ok, `${path} is well-formed XML: ${v.message}`);
      }
      return { status: r.status, type: r.headers.get('content-type') ?? '', body };
    };
    const skipped = (ctx: { skip: (m: string) => void }) => {
      if (!t) {
        ctx.skip('PostgreSQL not reachable');
        return true;
      }
      return false;
    };

    test('/feed.atom lists the newest published publications, never drafts or withdrawn ones', async (ctx) => {
      if (skipped(ctx)) return;
      const { status, type, body } = await get('/feed.atom');
      assert.equal(status, 200);
      assert.match(type, /^application\/atom\+xml; charset=utf-8/);
      const doc = parseXml(body);
      const feed = first(doc, 'feed')!;
      assert.equal(feed.attribs.xmlns, 'http://www.w3.org/2005/Atom');
      assert.equal(textOf(first(feed, 'id')), `${ORIGIN}/feed.atom`);
      assert.match(textOf(all(feed, 'updated').find((u) => u.parent === feed)), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(all(feed, 'link').find((l) => l.attribs.rel === 'self')!.attribs.href, `${ORIGIN}/feed.atom`);
      const entries = all(doc, 'entry');
      assert.deepEqual(
        entries.map((e) => textOf(first(e, 'id'))).sort(),
        ['glossary-2011', 'labour-report-2017', 'xss'].map((s) => `${ORIGIN}/publications/${s}`),
      );
      const labour = entries.find((e) => textOf(first(e, 'id')).endsWith('labour-report-2017'))!;
      assert.equal(textOf(first(labour, 'title')), 'Labour Migration in Central Asia');
      assert.equal(textOf(first(first(labour, 'author')!, 'name')), 'Sultanova, Aigerim');
      assert.equal(first(labour, 'category')!.attribs.term, 'labour-migration');
      assert.equal(textOf(first(labour, 'summary')), 'An assessment.');
      const glossary = entries.find((e) => textOf(first(e, 'id')).endsWith('glossary-2011'))!;
      assert.equal(
        textOf(first(first(glossary, 'author')!, 'name')),
        'International Organization for Migration',
        'the corporate author whole',
      );
    });

    test('markup in titles and abstracts is escaped in the feed', async (ctx) => {
      if (skipped(ctx)) return;
      const { body } = await get('/feed.atom');
      assert.ok(!body.includes('<script>') && !body.includes('<evil/>'));
      const xss = all(parseXml(body), 'entry').find((e) => textOf(first(e, 'id')).endsWith('/xss'))!;
      assert.equal(textOf(first(xss, 'title')), '<script>alert(1)</script> & "quotes" ]]>');
      assert.equal(textOf(first(xss, 'summary')), '</summary><evil/>');
    });

    test('Russian feed: Russian titles where they exist, links to the Russian pages', async (ctx) => {
      if (skipped(ctx)) return;
      const doc = parseXml((await get('/ru/feed.atom')).body);
      assert.equal(first(doc, 'feed')!.attribs['xml:lang'], 'ru');
      assert.match(textOf(first(doc, 'title')), /Новые публикации/);
      const labour = all(doc, 'entry').find((e) => textOf(first(e, 'id')).endsWith('labour-report-2017'))!;
      assert.equal(textOf(first(labour, 'title')), 'Трудовая миграция в Центральной Азии');
      assert.equal(first(labour, 'title')!.attribs['xml:lang'], 'ru');
      assert.equal(first(labour, 'link')!.attribs.href, `${ORIGIN}/ru/publications/labour-report-2017`);
    });

    test('a feed per topic and per project; unknown ones are 404', async (ctx) => {
      if (skipped(ctx)) return;
      const topic = parseXml((await get('/topics/labour-migration/feed.atom')).body);
      assert.deepEqual(
        all(topic, 'entry')
          .map((e) => textOf(first(e, 'id')))
          .sort(),
        [`${ORIGIN}/publications/labour-report-2017`, `${ORIGIN}/publications/xss`],
      );
      assert.match(textOf(first(topic, 'title')), /labour migration/i);
      const project = parseXml((await get('/kk/projects/dignity-and-rights/feed.atom')).body);
      assert.deepEqual(
        all(project, 'entry').map((e) => textOf(first(e, 'id'))),
        [`${ORIGIN}/publications/labour-report-2017`],
      );
      assert.equal(
        all(project, 'link').find((l) => l.attribs.rel === 'self')!.attribs.href,
        `${ORIGIN}/kk/projects/dignity-and-rights/feed.atom`,
      );
      assert.equal((await get('/topics/no-such-topic/feed.atom')).status, 404);
      assert.equal((await get('/ru/projects/no-such/feed.atom')).status, 404);
    });

    test('/sitemap.xml: every public page in every interface language, with hreflang alternates and lastmod', async (ctx) => {
      if (skipped(ctx)) return;
      const { status, type, body } = await get('/sitemap.xml');
      assert.equal(status, 200);
      assert.match(type, /^application\/xml/);
      const doc = parseXml(body);
      assert.equal(first(doc, 'urlset')!.attribs.xmlns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
      const locs = texts(doc, 'loc');
      for (const path of [
        '/',
        '/publications',
        '/publications/labour-report-2017',
        '/publications/xss',
        '/topics/labour-migration',
        '/projects/dignity-and-rights',
        '/people/aigerim-sultanova',
        '/organisations',
      ]) {
        assert.ok(locs.includes(`${ORIGIN}${path}`), path);
        for (const lang of ['ru', 'kk', 'ky'])
          assert.ok(locs.includes(`${ORIGIN}/${lang}${path === '/' ? '' : path}`), `/${lang}${path}`);
      }
      assert.ok(
        !locs.some((l) => l.includes('draft-thing') || l.includes('gone-2010')),
        'drafts and withdrawn publications are not in the sitemap',
      );
      const labour = all(doc, 'url').find(
        (u) => textOf(first(u, 'loc')) === `${ORIGIN}/publications/labour-report-2017`,
      )!;
      assert.match(textOf(first(labour, 'lastmod')), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.deepEqual(
        all(labour, 'xhtml:link').map((l) => [l.attribs.hreflang, l.attribs.href]),
        [
          ['en', `${ORIGIN}/publications/labour-report-2017`],
          ['ru', `${ORIGIN}/ru/publications/labour-report-2017`],
          ['kk', `${ORIGIN}/kk/publications/labour-report-2017`],
          ['ky', `${ORIGIN}/ky/publications/labour-report-2017`],
          ['x-default', `${ORIGIN}/publications/labour-report-2017`],
        ],
      );
    });

    test('/robots.txt points to the sitemap, keeps crawlers out of the API and lets harvesters reach OAI-PMH', async (ctx) => {
      if (skipped(ctx)) return;
      const { status, type, body } = await get('/robots.txt');
      assert.equal(status, 200);
      assert.match(type, /^text\/plain/);
      const lines = body.split('\n');
      assert.ok(lines.includes(`Sitemap: ${ORIGIN}/sitemap.xml`));
      for (const rule of ['User-agent: *', 'Disallow: /api/', 'Allow: /oai']) assert.ok(lines.includes(rule), rule);
      assert.ok(!lines.some((l) => /^Disallow: \/oai/.test(l)), 'a harvester that obeys robots.txt may harvest');
      assert.ok(!lines.includes('Disallow: /'), 'the site itself stays crawlable');
    });
  });
}
