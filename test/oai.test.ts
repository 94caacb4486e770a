// OAI-PMH 2.0 at /oai on PGlite and PostgreSQL: every verb, every protocol error, selective harvesting,
// resumption tokens, deleted records — and every response validated against the schemas in ../shared/standards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { buildApp } from '../src/app.ts';
import { translator } from '../src/i18n/i18n.ts';
import { oaiRoutes, type OaiOptions } from '../src/oai/routes.ts';
import { oaiHeadersQuery } from '../src/store/oai.ts';
import { changeSlug } from '../src/store/publication-redirects.ts';
import type { AppEnv } from '../src/http/context.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';
import { all, first, parseXml, textOf, texts, validateOai, validationUnavailable } from './oai-xml.ts';

const ORIGIN = 'https://kitap.example.org';
const BASE = `${ORIGIN}/oai`;
const ID = (slug: string) => `oai:kitap.example.org:${slug}`;
const noSchemas = validationUnavailable();
if (noSchemas) console.warn(`# ${noSchemas}`);

/** An app holding only the OAI routes with small pages, over the test app's database. */
function smallPagesApp(t: TestApp, options: OaiOptions) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', t.deps);
    await next();
  });
  app.route('/oai', oaiRoutes(options));
  return app;
}

for (const backend of BACKENDS) {
  describe(`OAI-PMH on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: ORIGIN });
      if (!t) return;
      const db = t.db;
      await makePublication(db, {
        slug: 'labour-report-2017',
        kind: 'report',
        year: 2017,
        published_on: '2017-05-04',
        pages: 180,
        languages: ['en', 'ru'],
        title: { en: 'Labour Migration in Central Asia', ru: 'Трудовая миграция в Центральной Азии' },
        subtitle: { en: 'Assessing needs' },
        abstract: { en: 'An assessment.', ru: 'Оценка.' },
        people: [
          { name: 'Aigerim Sultanova', role: 'author' },
          { name: 'Livia Vedrasco', role: 'editor' },
        ],
        organisations: [
          { name: 'International Organization for Migration', abbreviation: 'IOM', role: 'publisher' },
          { name: 'United States Agency for International Development', abbreviation: 'USAID', role: 'funder' },
        ],
        projects: [{ name: 'Dignity and Rights' }],
        topics: ['labour-migration'],
        countries: ['KZ'],
        series: 'Regional Field Assessment',
        identifiers: [{ scheme: 'isbn', value: '978-601-0000-00-0' }],
      });
      await makePublication(db, {
        slug: 'labour-summary-2017',
        kind: 'executive-summary',
        title: { en: 'Labour Migration: Executive Summary' },
        relations: [{ type: 'executiveSummaryOf', target: 'labour-report-2017' }],
      });
      await makePublication(db, {
        slug: 'glossary-2011',
        kind: 'glossary',
        year: 2011,
        title: { ru: 'Глоссарий по миграции' },
        original_language: 'ru',
        languages: ['ru'],
        topics: ['terminology'],
        organisations: [{ name: 'International Organization for Migration', role: 'publisher' }],
      });
      await makePublication(db, { slug: 'draft-thing', status: 'draft', title: { en: 'Unpublished draft' } });
      await makePublication(db, {
        slug: 'gone-2010',
        status: 'withdrawn',
        withdrawn_reason: 'superseded',
        title: { en: 'Withdrawn report' },
        topics: ['labour-migration'],
      });
      await makePublication(db, {
        slug: 'xss',
        kind: 'poster',
        title: { en: '<script>alert(1)</script> & "quotes" \u0001' },
        people: [{ name: '<img src=x>', role: 'author' }],
      });
      // A publication that was public, then withdrawn through the one write path, stays as a deleted record.
      await makePublication(db, { slug: 'retracted-2019', title: { en: 'Retracted study' } });
      await db.query(`update publications set status = 'withdrawn', updated_at = now() where slug = 'retracted-2019'`);
    });
    after(async () => t?.close());

    /** Requests /oai (GET, or POST with a form body) and checks what every response must be. */
    async function oai(
      query: string,
      opts: { post?: boolean; app?: { request: (p: string, i?: RequestInit) => Response | Promise<Response> } } = {},
    ) {
      const app = opts.app ?? t!.app;
      const r = opts.post
        ? await app.request('/oai', {
            method: 'POST',
            body: query,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
        : await app.request(`/oai?${query}`);
      const xml = await r.text();
      assert.equal(r.status, 200, query);
      assert.match(r.headers.get('content-type') ?? '', /^text\/xml; charset=utf-8/, query);
      if (!noSchemas) {
        const v = validateOai(xml);
        assert.ok(v.ok, `${query} must validate against the OAI-PMH schemas:\n${v.message}\n${xml.slice(0, 2000)}`);
      }
      const doc = parseXml(xml);
      const request = first(doc, 'request')!;
      assert.equal(textOf(request), BASE, 'request holds the baseURL');
      return { xml, doc, request, error: first(doc, 'error')?.attribs.code };
    }

    const skipped = (ctx: { skip: (m: string) => void }) => {
      if (!t) {
        ctx.skip('PostgreSQL not reachable');
        return true;
      }
      return false;
    };

    test('Identify: base URL from PUBLIC_URL, persistent deleted records, second granularity, oai-identifier', async (ctx) => {
      if (skipped(ctx)) return;
      const { doc } = await oai('verb=Identify');
      assert.equal(textOf(first(doc, 'baseURL')), BASE);
      assert.equal(textOf(first(doc, 'protocolVersion')), '2.0');
      assert.equal(textOf(first(doc, 'deletedRecord')), 'persistent');
      assert.equal(textOf(first(doc, 'granularity')), 'YYYY-MM-DDThh:mm:ssZ');
      assert.match(textOf(first(doc, 'earliestDatestamp')), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.match(textOf(first(doc, 'adminEmail')), /@/);
      assert.equal(textOf(first(doc, 'repositoryIdentifier')), 'kitap.example.org');
      assert.match(textOf(first(doc, 'sampleIdentifier')), /^oai:kitap\.example\.org:[a-z0-9-]+$/);
      const post = await oai('verb=Identify', { post: true });
      assert.equal(textOf(first(post.doc, 'baseURL')), BASE, 'POST answers as GET does');
    });

    test('ListMetadataFormats: oai_dc and MODS, for the repository and for one record', async (ctx) => {
      if (skipped(ctx)) return;
      for (const q of [
        'verb=ListMetadataFormats',
        `verb=ListMetadataFormats&identifier=${ID('labour-report-2017')}`,
        `verb=ListMetadataFormats&identifier=${ID('gone-2010')}`,
      ]) {
        const { doc } = await oai(q);
        assert.deepEqual(texts(doc, 'metadataPrefix'), ['oai_dc', 'mods'], q);
        assert.deepEqual(texts(doc, 'metadataNamespace'), [
          'http://www.openarchives.org/OAI/2.0/oai_dc/',
          'http://www.loc.gov/mods/v3',
        ]);
      }
      assert.equal((await oai(`verb=ListMetadataFormats&identifier=${ID('nothing-here')}`)).error, 'idDoesNotExist');
      assert.equal(
        (await oai(`verb=ListMetadataFormats&identifier=${ID('draft-thing')}`)).error,
        'idDoesNotExist',
        'drafts are not records',
      );
    });

    test('ListSets: kinds, topics and projects, with multilingual names', async (ctx) => {
      if (skipped(ctx)) return;
      const { doc } = await oai('verb=ListSets');
      const specs = texts(doc, 'setSpec');
      for (const s of [
        'kind',
        'kind:report',
        'kind:poster',
        'topic',
        'topic:labour-migration',
        'topic:terminology',
        'project',
        'project:dignity-and-rights',
      ])
        assert.ok(specs.includes(s), s);
      const report = all(doc, 'set').find((s) => textOf(first(s, 'setSpec')) === 'kind:report')!;
      assert.equal(textOf(first(report, 'setName')), 'Report');
      const ru = all(report, 'dc:title').find((e) => e.attribs['xml:lang'] === 'ru');
      assert.equal(textOf(ru), translator('ru').t('kind.report'), 'the set is named in Russian too');
      assert.equal((await oai('verb=ListSets&resumptionToken=abc')).error, 'badResumptionToken');
    });

    test('GetRecord in oai_dc: every language of the title, creators, subjects, identifiers', async (ctx) => {
      if (skipped(ctx)) return;
      const { doc, request } = await oai(`verb=GetRecord&identifier=${ID('labour-report-2017')}&metadataPrefix=oai_dc`);
      assert.equal(request.attribs.verb, 'GetRecord');
      assert.equal(request.attribs.identifier, ID('labour-report-2017'));
      assert.equal(textOf(first(doc, 'identifier')), ID('labour-report-2017'));
      assert.match(textOf(first(doc, 'datestamp')), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.deepEqual(texts(doc, 'setSpec'), ['kind:report', 'topic:labour-migration', 'project:dignity-and-rights']);
      const titles = all(doc, 'dc:title').map((e) => [e.attribs['xml:lang'], textOf(e)]);
      assert.deepEqual(titles, [
        ['en', 'Labour Migration in Central Asia: Assessing needs'],
        ['ru', 'Трудовая миграция в Центральной Азии'],
      ]);
      assert.deepEqual(texts(doc, 'dc:creator'), ['Sultanova, Aigerim']);
      assert.deepEqual(texts(doc, 'dc:contributor'), ['Vedrasco, Livia']);
      assert.deepEqual(texts(doc, 'dc:publisher'), ['International Organization for Migration']);
      assert.deepEqual(texts(doc, 'dc:date'), ['2017-05-04']);
      assert.ok(texts(doc, 'dc:identifier').includes(`${ORIGIN}/publications/labour-report-2017`));
      assert.ok(texts(doc, 'dc:identifier').includes('urn:isbn:9786010000000'));
      assert.deepEqual(texts(doc, 'dc:language'), ['en', 'ru']);
      assert.ok(texts(doc, 'dc:relation').includes(`${ORIGIN}/publications/labour-summary-2017`));
      const glossary = await oai(`verb=GetRecord&identifier=${ID('glossary-2011')}&metadataPrefix=oai_dc`);
      assert.deepEqual(
        texts(glossary.doc, 'dc:creator'),
        ['International Organization for Migration'],
        'with no author the publisher is the corporate creator, whole',
      );
    });

    test('GetRecord in MODS: corporate names as such, translated titles, roles, relations', async (ctx) => {
      if (skipped(ctx)) return;
      const { doc } = await oai(`verb=GetRecord&identifier=${ID('labour-report-2017')}&metadataPrefix=mods`);
      const mods = first(doc, 'mods')!;
      assert.equal(mods.attribs.xmlns, 'http://www.loc.gov/mods/v3');
      const titleInfos = all(mods, 'titleInfo').filter((e) => e.parent === mods);
      assert.deepEqual(
        titleInfos.map((e) => [e.attribs.type ?? 'main', e.attribs['xml:lang'], textOf(first(e, 'title'))]),
        [
          ['main', 'en', 'Labour Migration in Central Asia'],
          ['translated', 'ru', 'Трудовая миграция в Центральной Азии'],
        ],
      );
      const names = all(mods, 'name').filter((e) => e.parent === mods);
      const iom = names.find((n) => n.attribs.type === 'corporate' && texts(n, 'roleTerm').includes('pbl'))!;
      assert.deepEqual(
        all(iom, 'namePart')
          .filter((e) => e.parent === iom)
          .map(textOf),
        ['International Organization for Migration'],
        'one corporate namePart, never split',
      );
      const author = names.find((n) => n.attribs.type === 'personal' && texts(n, 'roleTerm').includes('aut'))!;
      assert.deepEqual(
        all(author, 'namePart').map((e) => [e.attribs.type, textOf(e)]),
        [
          ['family', 'Sultanova'],
          ['given', 'Aigerim'],
        ],
      );
      assert.ok(
        names.some((n) => texts(n, 'roleTerm').includes('fnd')),
        'the funder, with its MARC relator code',
      );
      assert.equal(textOf(first(mods, 'extent')), '180');
      assert.equal(
        all(mods, 'relatedItem').find((r) => r.attribs.type === 'series') &&
          textOf(first(all(mods, 'relatedItem').find((r) => r.attribs.type === 'series')!, 'title')),
        'Regional Field Assessment',
      );
      assert.ok(all(mods, 'relatedItem').some((r) => r.attribs.otherType === 'hasExecutiveSummary'));
    });

    test('deleted records: withdrawn publications keep a header with status="deleted" and no metadata', async (ctx) => {
      if (skipped(ctx)) return;
      for (const slug of ['gone-2010', 'retracted-2019']) {
        const { doc } = await oai(`verb=GetRecord&identifier=${ID(slug)}&metadataPrefix=oai_dc`);
        assert.equal(first(doc, 'header')!.attribs.status, 'deleted', slug);
        assert.equal(first(doc, 'metadata'), undefined);
      }
      const list = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc');
      const deleted = all(list.doc, 'header')
        .filter((h) => h.attribs.status === 'deleted')
        .map((h) => textOf(first(h, 'identifier')));
      assert.deepEqual(deleted.sort(), [ID('gone-2010'), ID('retracted-2019')]);
    });

    test('ListRecords and ListIdentifiers: all records, drafts never; selective by set', async (ctx) => {
      if (skipped(ctx)) return;
      const records = await oai('verb=ListRecords&metadataPrefix=oai_dc');
      const ids = all(records.doc, 'header').map((h) => textOf(first(h, 'identifier')));
      assert.deepEqual(
        ids.slice().sort(),
        ['glossary-2011', 'gone-2010', 'labour-report-2017', 'labour-summary-2017', 'retracted-2019', 'xss'].map(ID),
      );
      assert.equal(first(records.doc, 'resumptionToken'), undefined, 'a list in one page has no token');
      const mods = await oai('verb=ListRecords&metadataPrefix=mods', { post: true });
      assert.equal(all(mods.doc, 'mods').length, 4, 'one MODS record per live record');
      const cases: Array<[string, string[]]> = [
        ['kind:report', ['gone-2010', 'labour-report-2017', 'retracted-2019']],
        ['kind:glossary', ['glossary-2011']],
        ['kind', ['glossary-2011', 'gone-2010', 'labour-report-2017', 'labour-summary-2017', 'retracted-2019', 'xss']],
        ['topic:labour-migration', ['gone-2010', 'labour-report-2017']],
        ['topic', ['glossary-2011', 'gone-2010', 'labour-report-2017']],
        ['project:dignity-and-rights', ['labour-report-2017']],
      ];
      for (const [set, slugs] of cases) {
        const { doc } = await oai(`verb=ListIdentifiers&metadataPrefix=oai_dc&set=${set}`);
        assert.deepEqual(all(doc, 'identifier').map(textOf).sort(), slugs.map(ID), set);
      }
      for (const set of ['kind:novel', 'topic:nothing', 'colour', 'kind:report:x']) {
        assert.equal((await oai(`verb=ListRecords&metadataPrefix=oai_dc&set=${set}`)).error, 'noRecordsMatch', set);
      }
    });

    test('from and until select by datestamp, inclusively, at day and at second granularity', async (ctx) => {
      if (skipped(ctx)) return;
      await t!.db.query(`update publications set updated_at = '2020-03-10T12:00:00.250Z' where slug = 'glossary-2011'`);
      const one = (doc: ReturnType<typeof parseXml>) => all(doc, 'identifier').map(textOf);
      assert.deepEqual(one((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2020-03-10')).doc), [
        ID('glossary-2011'),
      ]);
      assert.deepEqual(
        one((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2020-03-10&until=2020-03-10')).doc),
        [ID('glossary-2011')],
      );
      assert.deepEqual(
        one((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2020-03-10T12:00:00Z')).doc),
        [ID('glossary-2011')],
        'until is inclusive to the second',
      );
      assert.equal(
        (await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2020-03-10T11:59:59Z')).error,
        'noRecordsMatch',
      );
      const later = one((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2020-03-10T12:00:01Z')).doc);
      assert.ok(!later.includes(ID('glossary-2011')) && later.length === 5);
      assert.equal((await oai('verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01')).error, 'noRecordsMatch');
      const { doc } = await oai('verb=Identify');
      assert.equal(textOf(first(doc, 'earliestDatestamp')), '2020-03-10T12:00:00Z');
    });

    test('resumption tokens page by keyset, count with cursor and completeListSize, expire, and end empty', async (ctx) => {
      if (skipped(ctx)) return;
      const small = smallPagesApp(t!, { pageSize: 2 });
      const seen: string[] = [];
      let q = 'verb=ListRecords&metadataPrefix=oai_dc';
      let pages = 0;
      const tokens: string[] = [];
      for (;;) {
        const { doc } = await oai(q, { app: small });
        pages++;
        seen.push(...all(doc, 'header').map((h) => textOf(first(h, 'identifier'))));
        const rt = first(doc, 'resumptionToken')!;
        assert.equal(rt.attribs.completeListSize, '6');
        assert.equal(rt.attribs.cursor, String((pages - 1) * 2));
        const token = textOf(rt);
        if (!token) break;
        assert.match(rt.attribs.expirationDate!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.ok(new Date(rt.attribs.expirationDate!) > new Date(), 'expires in the future');
        tokens.push(token);
        q = `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`;
      }
      assert.equal(pages, 3);
      assert.equal(new Set(seen).size, 6, 'every record once');
      // The same token again gives the same page (a harvester retrying after a network error).
      const again1 = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(tokens[0]!)}`, { app: small });
      const again2 = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(tokens[0]!)}`, { app: small });
      assert.deepEqual(texts(again1.doc, 'identifier'), texts(again2.doc, 'identifier'));
      assert.equal(again1.request.attribs.resumptionToken, tokens[0], 'the token is echoed');
      // Tokens live in the database: a restarted server (a new app on the same database) continues the harvest.
      const restarted = buildApp(t!.deps);
      const cont = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(tokens[1]!)}`, { app: restarted });
      assert.deepEqual(texts(cont.doc, 'identifier'), seen.slice(4));
      assert.equal(
        (await oai(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(tokens[0]!)}`, { app: small })).error,
        'badResumptionToken',
        'a token is bound to its verb',
      );
      assert.equal((await oai('verb=ListRecords&resumptionToken=not-a-token')).error, 'badResumptionToken');
      await t!.db.query(`update oai_resumption_tokens set expires_at = now() - interval '1 second' where token = $1`, [
        tokens[0],
      ]);
      assert.equal(
        (await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(tokens[0]!)}`)).error,
        'badResumptionToken',
        'an expired token',
      );
      const ids = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:report', {
        app: smallPagesApp(t!, { pageSize: 1 }),
      });
      assert.equal(all(ids.doc, 'header').length, 3, 'ListIdentifiers pages are five times larger');
    });

    test('every protocol error, in valid XML with status 200', async (ctx) => {
      if (skipped(ctx)) return;
      const cases: Array<[string, string]> = [
        ['', 'badVerb'],
        ['verb=Nonsense', 'badVerb'],
        ['verb=Identify&verb=Identify', 'badVerb'],
        ['verb=identify', 'badVerb'],
        ['verb=Identify&extra=1', 'badArgument'],
        ['verb=ListRecords', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-02-30', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00.5Z', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai%20dc', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&set=%3Cscript%3E', 'badArgument'],
        ['verb=GetRecord&metadataPrefix=oai_dc', 'badArgument'],
        [`verb=GetRecord&identifier=${ID('xss')}`, 'badArgument'],
        ['verb=ListSets&set=kind', 'badArgument'],
        ['verb=ListRecords&resumptionToken=%3Cjunk%3E', 'badResumptionToken'],
        ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
        ['verb=ListIdentifiers&metadataPrefix=marc21', 'cannotDisseminateFormat'],
        [`verb=GetRecord&identifier=${ID('xss')}&metadataPrefix=marc21`, 'cannotDisseminateFormat'],
        ['verb=GetRecord&identifier=oai:elsewhere.org:xss&metadataPrefix=oai_dc', 'idDoesNotExist'],
        ['verb=GetRecord&identifier=not%20a%20uri&metadataPrefix=oai_dc', 'idDoesNotExist'],
        [`verb=GetRecord&identifier=${ID('draft-thing')}&metadataPrefix=oai_dc`, 'idDoesNotExist'],
        ['verb=ListIdentifiers&metadataPrefix=oai_dc&until=1990-01-01', 'noRecordsMatch'],
      ];
      for (const [q, code] of cases) {
        for (const post of [false, true]) {
          const { error, request, doc } = await oai(q, { post });
          assert.equal(error, code, `${post ? 'POST' : 'GET'} ${q}`);
          assert.ok(textOf(first(doc, 'error')).length > 0, 'the error says why');
          if (code === 'badVerb' || code === 'badArgument')
            assert.deepEqual(request.attribs, {}, `no echoed arguments after ${code}: ${q}`);
          else assert.ok(request.attribs.verb, `the request is echoed after ${code}`);
        }
      }
      const wrongType = await t!.app.request('/oai', {
        method: 'POST',
        body: '{"verb":"Identify"}',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(wrongType.status, 200);
      assert.equal(first(parseXml(await wrongType.text()), 'error')!.attribs.code, 'badArgument');
    });

    test('markup and control characters in titles are escaped or dropped: the XML stays valid', async (ctx) => {
      if (skipped(ctx)) return;
      for (const prefix of ['oai_dc', 'mods']) {
        const { xml, doc } = await oai(`verb=GetRecord&identifier=${ID('xss')}&metadataPrefix=${prefix}`);
        assert.ok(!xml.includes('<script>'), 'no raw markup');
        const title = prefix === 'oai_dc' ? textOf(first(doc, 'dc:title')) : textOf(first(doc, 'title'));
        assert.equal(
          title,
          '<script>alert(1)</script> & "quotes" ',
          'the text itself survives; the control character is dropped',
        );
      }
      const { doc } = await oai('verb=ListSets');
      assert.ok(all(doc, 'set').length > 0);
    });
  });
}

for (const backend of BACKENDS)
  describe(`OAI-PMH on 10,000 records (${backend})`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: ORIGIN });
      if (!t) return;
      // One statement: records 1 second apart, a few sharing a datestamp (the keyset's id tie-break matters).
      await t!.db.query(`insert into publications (slug, kind, title, status, published_at, updated_at)
      select 'bulk-' || i, case when i % 3 = 0 then 'book' else 'report' end, jsonb_build_object('en', 'Bulk ' || i),
        case when i % 97 = 0 then 'withdrawn' else 'published' end, now(), timestamptz '2020-01-01' + (i / 4) * interval '1 second'
      from generate_series(1, 10000) as s(i)`);
    });
    after(async () => t?.close());

    test('a full harvest pages by keyset: every record exactly once, the last page as fast as the first', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const app = t!.app;
      const seen = new Set<string>();
      let q = 'verb=ListIdentifiers&metadataPrefix=oai_dc';
      const times: number[] = [];
      for (;;) {
        const started = performance.now();
        const doc = parseXml(await (await app.request(`/oai?${q}`)).text());
        times.push(performance.now() - started);
        for (const id of all(doc, 'identifier').map(textOf)) seen.add(id);
        const token = textOf(first(doc, 'resumptionToken'));
        if (!token) break;
        q = `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`;
      }
      assert.equal(seen.size, 10_000);
      assert.equal(times.length, 20, '500 identifiers a page');
      const firstPages = (times[1]! + times[2]!) / 2;
      const lastPages = (times.at(-1)! + times.at(-2)!) / 2;
      assert.ok(
        lastPages < firstPages * 3 + 50,
        `late pages (${lastPages.toFixed(0)} ms) cost what early ones do (${firstPages.toFixed(0)} ms)`,
      );
    });

    test('ListRecords pages deep in the list are answered through the index, never OFFSET', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      // The plan of the very statement of a page after the 9,000th record walks publications_oai.
      const page = oaiHeadersQuery({}, { position: '2020-01-01T00:37:30Z', id: 9000 }, 101);
      const plan = (await t!.db.query<{ 'QUERY PLAN': string }>(`explain ${page.text}`, page.params))
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      assert.match(plan, /Index Scan using publications_oai.*\n\s*Index Cond: \(ROW\(updated_at, id\) > /);
      const source = await import('node:fs').then((fs) =>
        fs.readFileSync(new URL('../src/store/oai.ts', import.meta.url), 'utf8'),
      );
      assert.doesNotMatch(source, /\boffset\s+(\$\{|\$\d|\d)/i, 'the OAI queries never use OFFSET');
      let doc = parseXml(await (await t!.app.request('/oai?verb=ListRecords&metadataPrefix=oai_dc')).text());
      assert.equal(all(doc, 'record').length, 100);
      assert.equal(first(doc, 'resumptionToken')!.attribs.completeListSize, '10000');
      for (let i = 0; i < 3; i++) {
        const token = textOf(first(doc, 'resumptionToken'));
        doc = parseXml(
          await (await t!.app.request(`/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`)).text(),
        );
      }
      assert.equal(first(doc, 'resumptionToken')!.attribs.cursor, '300');
      assert.ok(all(doc, 'header').some((h) => h.attribs.status === 'deleted') || all(doc, 'record').length === 100);
    });
  });

for (const backend of BACKENDS)
  describe(`OAI-PMH identifiers and page sizes are configured, never taken from the request (${backend})`, () => {
    let t: TestApp | null;
    before(async () => {
      // No PUBLIC_URL: the base URL follows the request, the identifiers must not.
      t = await openTestApp(backend, {
        OAI_REPOSITORY_ID: 'library.example.org',
        OAI_PAGE_SIZE: '2',
        OAI_HEADERS_PAGE_SIZE: '3',
      });
      if (!t) return;
      for (const i of [1, 2, 3, 4]) await makePublication(t.db, { slug: `record-${i}`, title: { en: `Record ${i}` } });
      await makePublication(t.db, {
        slug: 'astana-2017',
        kind: 'report',
        title: { en: 'Migrant Vulnerabilities', ru: 'Уязвимость мигрантов' },
        original_language: 'en',
        languages: ['en'],
        place: { en: 'Astana', ru: 'Астана' },
        organisations: [{ name: 'International Organization for Migration', role: 'publisher' }],
      });
      await makePublication(t.db, {
        slug: 'ainura',
        kind: 'childrens-book',
        title: { en: 'Ainura’s Dream', ru: 'Мечта Айнуры' },
        languages: ['ky', 'ru'],
        original_language: 'ky',
      });
    });
    after(async () => t?.close());

    test('the same identifiers whatever the Host; OAI_REPOSITORY_ID in Identify', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const ids = async (host: string) => {
        const doc = parseXml(
          await (
            await t!.app.request(`http://${host}/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:report`)
          ).text(),
        );
        return texts(doc, 'identifier');
      };
      const a = await ids('kitap.example.org');
      assert.deepEqual(
        a,
        ['record-1', 'record-2', 'record-3'].map((x) => `oai:library.example.org:${x}`),
      );
      assert.deepEqual(await ids('moved.example.net'), a);
      const identify = parseXml(await (await t!.app.request('http://moved.example.net/oai?verb=Identify')).text());
      assert.equal(textOf(first(identify, 'repositoryIdentifier')), 'library.example.org');
      const record = await t!.app.request(
        'http://other.example/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:library.example.org:astana-2017',
      );
      assert.doesNotMatch(await record.text(), /idDoesNotExist/, 'an identifier resolves on any Host');
    });

    test('OAI_PAGE_SIZE and OAI_HEADERS_PAGE_SIZE set the pages', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const records = parseXml(await (await t!.app.request('/oai?verb=ListRecords&metadataPrefix=oai_dc')).text());
      assert.equal(all(records, 'record').length, 2);
      assert.ok(textOf(first(records, 'resumptionToken')));
      const headers = parseXml(await (await t!.app.request('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc')).text());
      assert.equal(all(headers, 'header').length, 3);
    });

    test('MODS carries the place of publication per language and the Kyrgyz original; it validates', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const xml = await (
        await t!.app.request('/oai?verb=GetRecord&metadataPrefix=mods&identifier=oai:library.example.org:astana-2017')
      ).text();
      const doc = parseXml(xml);
      assert.deepEqual(
        all(doc, 'placeTerm').map((e) => `${e.attribs['xml:lang']} ${textOf(e)}`),
        ['en Astana', 'ru Астана'],
      );
      const ky = parseXml(
        await (
          await t!.app.request('/oai?verb=GetRecord&metadataPrefix=mods&identifier=oai:library.example.org:ainura')
        ).text(),
      );
      assert.deepEqual(
        all(ky, 'language').map((e) => `${e.attribs.usage ?? ''} ${textOf(e)}`.trim()),
        ['primary ky', 'ru'],
      );
      const dc = parseXml(
        await (
          await t!.app.request('/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:library.example.org:ainura')
        ).text(),
      );
      assert.deepEqual(texts(dc, 'dc:language'), ['ky', 'ru']);
      const unavailable = validationUnavailable();
      if (unavailable) return ctx.diagnostic(unavailable);
      for (const body of [xml, await (await t!.app.request('/oai?verb=ListRecords&metadataPrefix=mods')).text()]) {
        const v = validateOai(body);
        assert.ok(v.ok, v.message);
      }
    });
  });

for (const backend of BACKENDS)
  describe(`OAI-PMH after a publication is renamed (${backend})`, () => {
    let t: TestApp | null;
    const ids = async (query: string) => {
      const xml = await (await t!.app.request(`/oai?${query}`)).text();
      if (!noSchemas) {
        const v = validateOai(xml);
        assert.ok(v.ok, `${query}: ${v.message}\n${xml.slice(0, 1500)}`);
      }
      const doc = parseXml(xml);
      return all(doc, 'header').map((h) => `${textOf(first(h, 'identifier'))}${h.attribs.status ? ' deleted' : ''}`);
    };
    const idOf = async (slug: string) =>
      (await t!.db.one<{ id: number }>('select id from publications where slug = $1', [slug]))!.id;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: ORIGIN });
      if (!t) return;
      await makePublication(t.db, { slug: 'old-name-2017', title: { en: 'Renamed' }, topics: ['labour-migration'] });
      await makePublication(t.db, { slug: 'other-2018', kind: 'book', title: { en: 'Other' } });
      await makePublication(t.db, { slug: 'draft-name', status: 'draft', title: { en: 'A draft' } });
      await t.db.query(
        `update publications set updated_at = '2020-01-01', published_at = case when published_at is not null then timestamptz '2020-01-01' end`,
      );
    });
    after(async () => t?.close());

    test('the old identifier becomes a deleted record, in the sets of the publication; a draft renamed leaves none', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = '2021-01-01T00:00:00Z';
      assert.equal(await changeSlug(t.db, await idOf('old-name-2017'), 'new-name-2017'), true);
      assert.equal(await changeSlug(t.db, await idOf('draft-name'), 'draft-renamed'), true);
      assert.deepEqual((await ids('verb=ListIdentifiers&metadataPrefix=oai_dc')).sort(), [
        `${ID('new-name-2017')}`,
        `${ID('old-name-2017')} deleted`,
        `${ID('other-2018')}`,
      ]);
      // An incremental harvest since before the rename learns both: the new record, and that the old one is gone.
      assert.deepEqual((await ids(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${before}`)).sort(), [
        `${ID('new-name-2017')}`,
        `${ID('old-name-2017')} deleted`,
      ]);
      assert.deepEqual(await ids('verb=ListIdentifiers&metadataPrefix=oai_dc&set=topic:labour-migration'), [
        `${ID('old-name-2017')} deleted`,
        `${ID('new-name-2017')}`,
      ]);
      assert.deepEqual(await ids('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:book'), [ID('other-2018')]);
      const old = await (
        await t.app.request(`/oai?verb=GetRecord&metadataPrefix=mods&identifier=${ID('old-name-2017')}`)
      ).text();
      assert.equal(first(parseXml(old), 'header')!.attribs.status, 'deleted');
      assert.equal(first(parseXml(old), 'metadata'), undefined);
      const draft = await (
        await t.app.request(`/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${ID('draft-name')}`)
      ).text();
      assert.equal(first(parseXml(draft), 'error')!.attribs.code, 'idDoesNotExist', 'a draft never had a record');
      // ListRecords has the same three records.
      const records = await ids('verb=ListRecords&metadataPrefix=oai_dc');
      assert.equal(records.length, 3);
    });

    test('a slug taken over by another publication names that one alone', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      assert.equal(await changeSlug(t.db, await idOf('other-2018'), 'old-name-2017'), true);
      assert.deepEqual((await ids('verb=ListIdentifiers&metadataPrefix=oai_dc')).sort(), [
        `${ID('new-name-2017')}`,
        `${ID('old-name-2017')}`,
        `${ID('other-2018')} deleted`,
      ]);
      const got = await (
        await t.app.request(`/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${ID('old-name-2017')}`)
      ).text();
      assert.equal(first(parseXml(got), 'header')!.attribs.status, undefined);
      assert.equal(textOf(first(parseXml(got), 'dc:title')), 'Other');
    });
  });
