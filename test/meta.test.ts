// The item page's head on PGlite and PostgreSQL: Highwire Press citation_* tags, Dublin Core DC.* tags
// and schema.org JSON-LD, read with an HTML parser and JSON.parse (never by matching strings).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DomUtils } from 'htmlparser2';
import { UI_LANGUAGES } from '../src/i18n/i18n.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';
import { all, first, parseHtml, STANDARDS } from './oai-xml.ts';

const ORIGIN = 'https://kitap.example.org';
const IOM = 'International Organization for Migration';

/** The page's <head> as name → contents (in order), with each tag's lang, and its JSON-LD documents. */
async function head(t: TestApp, path: string) {
  const r = await t.get(path);
  assert.equal(r.status, 200, path);
  const doc = parseHtml(await r.text());
  const h = first(doc, 'head')!;
  const meta = new Map<string, Array<{ content: string; lang?: string }>>();
  for (const m of all(h, 'meta').filter((e) => e.attribs.name)) {
    meta.set(m.attribs.name!, [
      ...(meta.get(m.attribs.name!) ?? []),
      { content: m.attribs.content!, lang: m.attribs.lang },
    ]);
  }
  const values = (name: string) => (meta.get(name) ?? []).map((m) => m.content);
  const jsonLd = all(doc, 'script')
    .filter((s) => s.attribs.type === 'application/ld+json')
    .map((s) => JSON.parse(DomUtils.textContent(s)) as Record<string, unknown>);
  const links = all(h, 'link');
  return { meta, values, jsonLd, links, scripts: all(doc, 'script') };
}

for (const backend of BACKENDS) {
  describe(`item page metadata on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: ORIGIN });
      if (!t) return;
      await makePublication(t.db, {
        slug: 'labour-report-2017',
        kind: 'report',
        published_on: '2017-05-04',
        year: 2017,
        pages: 180,
        languages: ['en', 'ru'],
        download: true,
        title: { en: 'Labour Migration in Central Asia', ru: 'Трудовая миграция в Центральной Азии' },
        subtitle: { en: 'Assessing needs' },
        abstract: { en: 'An assessment.', ru: 'Оценка.' },
        people: [{ name: 'Aigerim Sultanova', role: 'author' }],
        organisations: [
          { name: 'Regional Center on Migration and Refugees', role: 'author' },
          { name: IOM, abbreviation: 'IOM', role: 'publisher' },
          { name: 'United States Agency for International Development', abbreviation: 'USAID', role: 'funder' },
        ],
        topics: ['labour-migration'],
        countries: ['KZ', 'KG'],
        series: 'Regional Field Assessment',
        identifiers: [
          { scheme: 'isbn', value: '978-601-0000-00-0' },
          { scheme: 'doi', value: '10.1234/labour' },
        ],
      });
      await makePublication(t.db, {
        slug: 'glossary-2011-ru',
        kind: 'glossary',
        year: 2011,
        pages: 96,
        original_language: 'ru',
        languages: ['ru'],
        title: { ru: 'Глоссарий по миграции' },
        organisations: [{ name: IOM, role: 'publisher' }],
        relations: [{ type: 'translationOf', target: 'labour-report-2017' }],
      });
      await makePublication(t.db, {
        slug: 'xss',
        kind: 'poster',
        title: { en: '</script><script>alert(1)</script> & "quotes"' },
        people: [{ name: '<img src=x>', role: 'author' }],
      });
      const id = (await t.db.one<{ id: number }>(`select id from publications where slug = 'labour-report-2017'`))!.id;
      await t.db.query(
        `insert into files (publication_id, sha256, original_name, media_type, size, is_sample) values
        ($1, $2, 'sample.pdf', 'application/pdf', 10, true), ($1, $3, 'Labour report.pdf', 'application/pdf', 1000, false)`,
        [id, 'a'.repeat(64), 'b'.repeat(64)],
      );
    });
    after(async () => t?.close());

    const skipped = (ctx: { skip: (m: string) => void }) => {
      if (!t) {
        ctx.skip('PostgreSQL not reachable');
        return true;
      }
      return false;
    };

    test('Highwire Press tags: title, authors (organisations whole), date, publisher, language, pages, PDF, keywords', async (ctx) => {
      if (skipped(ctx)) return;
      const { values } = await head(t!, '/publications/labour-report-2017');
      assert.deepEqual(values('citation_title'), ['Labour Migration in Central Asia: Assessing needs']);
      assert.deepEqual(
        values('citation_author'),
        ['Sultanova, Aigerim', 'Regional Center on Migration and Refugees,'],
        'an organisation with a final comma: Zotero keeps it whole',
      );
      assert.deepEqual(values('citation_publication_date'), ['2017/05/04']);
      assert.deepEqual(values('citation_publisher'), [IOM]);
      assert.deepEqual(values('citation_technical_report_institution'), [IOM]);
      assert.deepEqual(values('citation_language'), ['en', 'ru']);
      assert.deepEqual(values('citation_num_pages'), ['180']);
      assert.deepEqual(values('citation_keywords'), ['labour migration']);
      assert.deepEqual(values('citation_isbn'), ['978-601-0000-00-0']);
      assert.deepEqual(values('citation_doi'), ['10.1234/labour']);
      assert.deepEqual(values('citation_series_title'), ['Regional Field Assessment']);
      assert.deepEqual(
        values('citation_pdf_url'),
        [
          `${ORIGIN}/publications/labour-report-2017/files/${(await t!.db.one<{ id: number }>(`select id from files where original_name = 'Labour report.pdf'`))!.id}/Labour%20report.pdf`,
        ],
        'the full text, not the sample',
      );
      const glossary = await head(t!, '/publications/glossary-2011-ru');
      assert.deepEqual(
        glossary.values('citation_author'),
        [`${IOM},`],
        'with no author, the publisher as a corporate author, whole',
      );
      assert.deepEqual(glossary.values('citation_language'), ['ru']);
      assert.deepEqual(
        glossary.values('DC.type'),
        ['book', 'Text'],
        'Zotero reads the first DC.type as its item type: a glossary is a book',
      );
      assert.deepEqual(glossary.values('bibo.numPages'), ['96']);
      assert.deepEqual(glossary.values('citation_title'), ['Глоссарий по миграции']);
      assert.deepEqual(glossary.values('citation_publication_date'), ['2011']);
      assert.deepEqual(glossary.values('citation_pdf_url'), []);
    });

    test('Dublin Core tags, with the schema link and each title in its language', async (ctx) => {
      if (skipped(ctx)) return;
      const { meta, values, links } = await head(t!, '/publications/labour-report-2017');
      assert.ok(
        links.some((l) => l.attribs.rel === 'schema.DC' && l.attribs.href === 'http://purl.org/dc/elements/1.1/'),
      );
      assert.deepEqual(meta.get('DC.title'), [
        { content: 'Labour Migration in Central Asia', lang: 'en' },
        { content: 'Трудовая миграция в Центральной Азии', lang: 'ru' },
      ]);
      assert.deepEqual(values('DC.creator'), ['Sultanova, Aigerim', 'Regional Center on Migration and Refugees,']);
      assert.deepEqual(values('DC.publisher'), [IOM]);
      assert.deepEqual(values('DC.date'), ['2017-05-04']);
      assert.deepEqual(values('DC.type'), ['report', 'Text']);
      assert.deepEqual(values('DC.language'), ['en', 'ru']);
      assert.deepEqual(values('DC.format'), ['application/pdf']);
      assert.ok(values('DC.identifier').includes(`${ORIGIN}/publications/labour-report-2017`));
      assert.ok(values('DC.identifier').includes('https://doi.org/10.1234/labour'));
      assert.deepEqual(meta.get('DC.description'), [{ content: 'An assessment.', lang: 'en' }]);
      const ru = await head(t!, '/ru/publications/labour-report-2017');
      assert.deepEqual(
        ru.values('citation_title'),
        ['Трудовая миграция в Центральной Азии'],
        'the Russian page cites the Russian edition',
      );
      assert.deepEqual(ru.meta.get('DC.description'), [{ content: 'Оценка.', lang: 'ru' }]);
    });

    test('schema.org JSON-LD: type, inLanguage, authors and publisher as Person/Organization, funder, isPartOf', async (ctx) => {
      if (skipped(ctx)) return;
      const { jsonLd } = await head(t!, '/publications/labour-report-2017');
      assert.equal(jsonLd.length, 1);
      const d = jsonLd[0]!;
      assert.equal(d['@context'], 'https://schema.org');
      assert.equal(d['@type'], 'Report');
      assert.equal(d['@id'], `${ORIGIN}/publications/labour-report-2017`);
      assert.equal(d.name, 'Labour Migration in Central Asia: Assessing needs');
      assert.equal(d.alternateName, 'Трудовая миграция в Центральной Азии');
      assert.deepEqual(d.inLanguage, ['en', 'ru']);
      assert.equal(d.datePublished, '2017-05-04');
      assert.deepEqual(d.author, [
        { '@type': 'Person', name: 'Aigerim Sultanova', familyName: 'Sultanova', givenName: 'Aigerim' },
        { '@type': 'Organization', name: 'Regional Center on Migration and Refugees' },
      ]);
      assert.deepEqual(d.publisher, { '@type': 'Organization', name: IOM, alternateName: 'IOM' });
      assert.deepEqual(d.funder, {
        '@type': 'Organization',
        name: 'United States Agency for International Development',
        alternateName: 'USAID',
      });
      assert.deepEqual(d.isPartOf, { '@type': 'CreativeWorkSeries', name: 'Regional Field Assessment' });
      assert.deepEqual(d.workTranslation, {
        '@type': 'CreativeWork',
        name: 'Глоссарий по миграции',
        url: `${ORIGIN}/publications/glossary-2011-ru`,
      });
      assert.equal(d.sameAs, 'https://doi.org/10.1234/labour');
      assert.equal((d.encoding as { encodingFormat: string }).encodingFormat, 'application/pdf');
      assert.deepEqual(
        (d.spatialCoverage as Array<{ name: string }>).map((c) => c.name),
        ['Kazakhstan', 'Kyrgyzstan'],
      );
    });

    test('JSON-LD for a book translated from another work: Book, numberOfPages, translationOfWork', async (ctx) => {
      if (skipped(ctx)) return;
      const d = (await head(t!, '/publications/glossary-2011-ru')).jsonLd[0]!;
      assert.equal(d['@type'], 'Book');
      assert.equal(d.inLanguage, 'ru');
      assert.equal(d.numberOfPages, 96);
      assert.deepEqual(d.author, { '@type': 'Organization', name: IOM });
      assert.deepEqual(d.translationOfWork, {
        '@type': 'CreativeWork',
        name: 'Labour Migration in Central Asia',
        url: `${ORIGIN}/publications/labour-report-2017`,
      });
    });

    test('every page starts with <!DOCTYPE html> and names its canonical address and its language versions', async (ctx) => {
      if (skipped(ctx)) return;
      for (const [path, canonical] of [
        ['/publications/labour-report-2017', '/publications/labour-report-2017'],
        ['/ru/publications/labour-report-2017?utm_source=x', '/ru/publications/labour-report-2017'],
        ['/kk/publications', '/kk/publications'],
        ['/', '/'],
        ['/login', null],
        ['/no-such-page', null],
      ] as const) {
        const r = await t!.get(path);
        const html = await r.text();
        assert.match(html, /^<!DOCTYPE html><html lang="/, `${path}: no quirks mode`);
        if (!canonical) continue;
        const links = all(first(parseHtml(html), 'head')!, 'link');
        assert.deepEqual(
          links.filter((l) => l.attribs.rel === 'canonical').map((l) => l.attribs.href),
          [`${ORIGIN}${canonical}`],
          path,
        );
        const alternates = links
          .filter((l) => l.attribs.rel === 'alternate' && l.attribs.hreflang)
          .map((l) => `${l.attribs.hreflang} ${l.attribs.href}`);
        const bare = canonical.replace(/^\/(ru|kk|ky)(?=\/|$)/, '') || '/';
        const prefixed = (l: string) => (l === 'en' ? `${ORIGIN}${bare}` : `${ORIGIN}/${l}${bare === '/' ? '' : bare}`);
        assert.deepEqual(
          alternates,
          [...UI_LANGUAGES.map((l) => `${l} ${prefixed(l)}`), `x-default ${ORIGIN}${bare}`],
          path,
        );
      }
    });

    test('citation_pdf_url is a real PDF: 200, application/pdf, its first page showing the title', async (ctx) => {
      if (skipped(ctx)) return;
      const fixture = path.resolve(STANDARDS, '..', 'fixtures', 'pdfs', 'de-geotopo-117pages.pdf');
      if (!fs.existsSync(fixture)) {
        ctx.skip('../shared/fixtures/pdfs not present');
        return;
      }
      await makePublication(t!.db, {
        slug: 'geotopo',
        kind: 'manual',
        title: { en: 'Geometrie und Topologie' },
        download: true,
        organisations: [{ name: IOM, role: 'publisher' }],
      });
      const stored = await t!.deps.files.put(fs.readFileSync(fixture));
      const id = (await t!.db.one<{ id: number }>(`select id from publications where slug = 'geotopo'`))!.id;
      await t!.db.query(
        `insert into files (publication_id, sha256, original_name, media_type, size, is_sample) values
        ($1, $2, 'sample.pdf', 'application/pdf', 10, true), ($1, $3, 'GeoTopo.pdf', 'application/pdf', $4, false)`,
        [id, 'c'.repeat(64), stored.sha256, stored.size],
      );
      const pdfUrl = (await head(t!, '/publications/geotopo')).values('citation_pdf_url');
      assert.equal(pdfUrl.length, 1, 'one PDF, the full text, never the sample');
      const r = await t!.get(pdfUrl[0]!.slice(ORIGIN.length));
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type')!, /^application\/pdf/);
      const bytes = Buffer.from(await r.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      const tool = spawnSync('pdftotext', ['-l', '1', '-', '-'], { input: bytes, encoding: 'utf8' });
      if (tool.error) {
        ctx.diagnostic('pdftotext absent: first page not read');
        return;
      }
      assert.match(
        tool.stdout.replace(/\s+/g, ' '),
        /Geometrie und Topologie/,
        'Scholar checks the first page against citation_title',
      );
    });

    test('a title with </script> cannot break out of the JSON-LD block', async (ctx) => {
      if (skipped(ctx)) return;
      const { jsonLd, scripts, values } = await head(t!, '/publications/xss');
      assert.equal(
        jsonLd[0]!.name,
        '</script><script>alert(1)</script> & "quotes"',
        'JSON.parse gives the title back exactly',
      );
      assert.ok(
        scripts.every((s) => s.attribs.type === 'application/ld+json' || s.attribs.src),
        'no inline executable script',
      );
      assert.deepEqual(values('citation_title'), ['</script><script>alert(1)</script> & "quotes"']);
      assert.deepEqual(values('citation_author'), ['src=x>, <img'], 'an attribute value, as text');
    });
  });
}
