// Citations at /publications/{slug}/cite on PGlite and PostgreSQL: every format, read back with
// citation-js's own BibTeX, RIS and CSL-JSON parsers; corporate authors whole; Cyrillic intact; GOST in Russian.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Cite from 'citation-js';
import { splitPersonName } from '../src/cite/creators.ts';
import { CITATION_FORMATS } from '../src/cite/format.ts';
import { BACKENDS, makePublication, openTestApp, type TestApp } from './helpers.ts';

const ORIGIN = 'https://kitap.example.org';
const IOM = 'International Organization for Migration';

test('person names split into family and given; one word stays a family name', () => {
  const cases: Array<[string, { family: string; given?: string }]> = [
    ['Aigerim Sultanova', { family: 'Sultanova', given: 'Aigerim' }],
    ['Sultanova, Aigerim', { family: 'Sultanova', given: 'Aigerim' }],
    ['Stephanie Rucker-Andrews', { family: 'Rucker-Andrews', given: 'Stephanie' }],
    ['Jean Paul Sartre', { family: 'Sartre', given: 'Jean Paul' }],
    ['Aristotle', { family: 'Aristotle' }],
  ];
  for (const [name, parts] of cases) assert.deepEqual(splitPersonName(name), parts, name);
});

for (const backend of BACKENDS) {
  describe(`citations on ${backend}`, () => {
    let t: TestApp | null;
    before(async () => {
      t = await openTestApp(backend, { PUBLIC_URL: ORIGIN });
      if (!t) return;
      // A corporate author only (the publisher, no person) and a Cyrillic title.
      await makePublication(t.db, {
        slug: 'glossary-2011',
        kind: 'glossary',
        year: 2011,
        pages: 96,
        original_language: 'ru',
        languages: ['ru'],
        title: { ru: 'Глоссарий по миграции', en: 'Glossary on Migration' },
        organisations: [{ name: IOM, abbreviation: 'IOM', role: 'publisher' }],
        topics: ['terminology'],
        identifiers: [{ scheme: 'isbn', value: '978-9965-00-000-1' }],
      });
      await makePublication(t.db, {
        slug: 'labour-report-2017',
        kind: 'report',
        published_on: '2017-05-04',
        year: 2017,
        languages: ['en', 'ru'],
        title: { en: 'Labour Migration in Central Asia', ru: 'Трудовая миграция в Центральной Азии' },
        subtitle: { en: 'Assessing needs' },
        people: [
          { name: 'Aigerim Sultanova', role: 'author' },
          { name: 'Livia Vedrasco', role: 'editor' },
        ],
        organisations: [
          { name: 'Regional Center on Migration and Refugees', role: 'author' },
          { name: IOM, role: 'publisher' },
        ],
        series: 'Regional Field Assessment',
        identifiers: [{ scheme: 'doi', value: '10.1234/labour.2017' }],
      });
      await makePublication(t.db, {
        slug: 'undated',
        kind: 'poster',
        year: null,
        title: { en: '<script>alert(1)</script> & "quotes"' },
        organisations: [{ name: IOM, role: 'publisher' }],
      });
      await makePublication(t.db, { slug: 'draft-thing', status: 'draft', title: { en: 'Draft' } });
      await makePublication(t.db, { slug: 'gone-2010', status: 'withdrawn', title: { en: 'Gone' } });
    });
    after(async () => t?.close());

    const cite = async (path: string) => {
      const r = await t!.get(path);
      return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
    };
    const skipped = (ctx: { skip: (m: string) => void }) => {
      if (!t) {
        ctx.skip('PostgreSQL not reachable');
        return true;
      }
      return false;
    };

    test('BibTeX reads back: the corporate author is one name, the Cyrillic title intact', async (ctx) => {
      if (skipped(ctx)) return;
      const { status, type, body } = await cite('/publications/glossary-2011/cite?format=bibtex');
      assert.equal(status, 200);
      assert.match(type, /^application\/x-bibtex; charset=utf-8/);
      assert.match(body, /^@book\{glossary-2011,/);
      const [entry] = new Cite(body).data;
      assert.equal(entry!.title, 'Глоссарий по миграции');
      assert.deepEqual(entry!.author, [{ family: IOM }], 'a braced corporate name: never "Migration, I. O."');
      assert.equal(entry!.publisher, IOM);
      assert.equal(entry!.ISBN, '978-9965-00-000-1');
      const report = new Cite((await cite('/publications/labour-report-2017/cite?format=bibtex')).body).data[0]!;
      assert.deepEqual(report.author, [
        { family: 'Sultanova', given: 'Aigerim' },
        { family: 'Regional Center on Migration and Refugees' },
      ]);
      assert.equal(report.DOI, '10.1234/labour.2017');
      assert.deepEqual(report.issued, { 'date-parts': [[2017, 5, 4]] }, 'the whole date, through biblatex date');
    });

    test('RIS reads back with the corporate author as a literal name', async (ctx) => {
      if (skipped(ctx)) return;
      const { status, type, body } = await cite('/publications/glossary-2011/cite?format=ris');
      assert.equal(status, 200);
      assert.match(type, /^application\/x-research-info-systems/);
      const [entry] = new Cite(body).data;
      assert.equal(entry!.type, 'book');
      assert.equal(entry!.title, 'Глоссарий по миграции');
      assert.deepEqual(entry!.author, [{ literal: IOM }]);
      assert.equal(Number(entry!['number-of-pages']), 96);
      const report = new Cite((await cite('/publications/labour-report-2017/cite?format=ris')).body).data[0]!;
      assert.deepEqual(report.author, [
        { family: 'Sultanova', given: 'Aigerim' },
        { literal: 'Regional Center on Migration and Refugees' },
      ]);
      assert.equal(report.DOI, '10.1234/labour.2017');
    });

    test('CSL-JSON is the item itself, and citation-js accepts it', async (ctx) => {
      if (skipped(ctx)) return;
      const { type, body } = await cite('/publications/labour-report-2017/cite?format=csl-json');
      assert.match(type, /^application\/vnd\.citationstyles\.csl\+json/);
      const [item] = JSON.parse(body) as Array<Record<string, unknown>>;
      assert.equal(item!.title, 'Labour Migration in Central Asia: Assessing needs');
      assert.deepEqual(item!.author, [
        { family: 'Sultanova', given: 'Aigerim' },
        { literal: 'Regional Center on Migration and Refugees' },
      ]);
      assert.deepEqual(item!.issued, { 'date-parts': [[2017, 5, 4]] });
      assert.equal(item!.URL, `${ORIGIN}/publications/labour-report-2017`);
      assert.equal(new Cite(body).data[0]!.title, item!.title);
      const ru = JSON.parse((await cite('/ru/publications/labour-report-2017/cite?format=csl-json')).body)[0];
      assert.equal(ru.title, 'Трудовая миграция в Центральной Азии', 'a Russian reader cites the Russian edition');
      assert.equal(ru.language, 'ru');
    });

    test('APA, Chicago and Harvard: the organisation stays whole, in the reader’s language', async (ctx) => {
      if (skipped(ctx)) return;
      const expected: Record<string, string> = {
        apa: `${IOM}. (2011). Глоссарий по миграции.`,
        chicago: `${IOM}. 2011. Глоссарий по миграции.`,
        harvard: `${IOM} (2011) Глоссарий по миграции.`,
      };
      for (const [format, start] of Object.entries(expected)) {
        const { status, type, body } = await cite(`/publications/glossary-2011/cite?format=${format}`);
        assert.equal(status, 200, format);
        assert.match(type, /^text\/plain; charset=utf-8/);
        assert.ok(body.startsWith(start), `${format}: ${body}`);
        assert.doesNotMatch(body, /Migration, I\.|I\. O\. M\./, `${format} never splits the organisation`);
      }
      assert.ok(
        !(await cite('/publications/glossary-2011/cite?format=apa')).body.includes(`Глоссарий по миграции. ${IOM}`),
        'APA leaves out a publisher that is the author',
      );
      assert.match((await cite('/publications/undated/cite?format=apa')).body, /\(n\.d\.\)/);
      assert.match(
        (await cite('/ru/publications/undated/cite?format=apa')).body,
        /\(n\.d\.\)/,
        'an English reference keeps English terms on the Russian interface',
      );
      assert.match(
        (await cite('/publications/labour-report-2017/cite?format=apa')).body,
        /^Sultanova, A\.,? & Regional Center on Migration and Refugees\. \(2017\)\. Labour migration in Central Asia: Assessing needs/,
        'APA: sentence case',
      );
      assert.match(
        (await cite('/ru/publications/labour-report-2017/cite?format=apa')).body,
        /Трудовая миграция в Центральной Азии/,
        'the Russian edition on the Russian interface',
      );
    });

    test('GOST R 7.0.100 in the publication’s language: the corporate name whole, place unknown marked, pages as "с.", URL and access date', async (ctx) => {
      if (skipped(ctx)) return;
      const today = new Date().toISOString().slice(0, 10).split('-').reverse().join('.');
      for (const prefix of ['/ru', '/kk', '']) {
        const { status, body } = await cite(`${prefix}/publications/glossary-2011/cite?format=gost`);
        assert.equal(status, 200);
        assert.equal(
          body.trim(),
          `Глоссарий по миграции. – [Б. м.] : ${IOM}, 2011. – 96 с. – ISBN 978-9965-00-000-1. – URL: ${ORIGIN}/publications/glossary-2011 (дата обращения: ${today}). – Текст : электронный.`,
          prefix || '/',
        );
      }
      const report = (await cite('/ru/publications/labour-report-2017/cite?format=gost')).body;
      assert.match(
        report,
        /^Sultanova, A\. Трудовая миграция в Центральной Азии \/ A\. Sultanova, Regional Center on Migration and Refugees ; под редакцией L\. Vedrasco\. – \[Б\. м\.\] : International Organization for Migration, 2017\. – \(Regional Field Assessment\)\./,
      );
    });

    test('markup in a title is plain text in every format', async (ctx) => {
      if (skipped(ctx)) return;
      for (const format of CITATION_FORMATS) {
        const { status, body } = await cite(`/publications/undated/cite?format=${format}`);
        assert.equal(status, 200, format);
        // Chicago title-cases English titles ("</Script>"); the text is otherwise kept as it is.
        assert.ok(
          body.toLowerCase().includes('<script>alert(1)</script>'),
          `${format} keeps the title's text: ${body}`,
        );
      }
      const r = await t!.get('/publications/undated/cite?format=apa');
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', 'and no browser sniffs it into HTML');
    });

    test('an unknown or missing format is a 400 naming every format; drafts 404, withdrawn 410', async (ctx) => {
      if (skipped(ctx)) return;
      for (const q of ['?format=mla', '?format=', '', '?format=%3Cb%3E']) {
        const { status, body } = await cite(`/publications/glossary-2011/cite${q}`);
        assert.equal(status, 400, q);
        for (const f of CITATION_FORMATS) assert.ok(body.includes(f), `the 400 lists ${f}`);
        assert.ok(!body.includes('<b>'), 'the bad value is escaped');
      }
      assert.match((await cite('/ru/publications/glossary-2011/cite?format=mla')).body, /Неизвестный формат ссылки/);
      assert.equal((await cite('/publications/draft-thing/cite?format=apa')).status, 404);
      assert.equal((await cite('/publications/no-such/cite?format=apa')).status, 404);
      assert.equal((await cite('/publications/gone-2010/cite?format=apa')).status, 410);
    });

    test('the item page has a Cite box: the citation as selectable text, a copy button only with its script', async (ctx) => {
      if (skipped(ctx)) return;
      const html = await (await t!.get('/publications/glossary-2011')).text();
      assert.match(
        html,
        /<textarea id="cite-text" readonly=""[^>]*>International Organization for Migration\. \(2011\)/,
      );
      assert.match(html, /<button type="button" data-copy="cite-text"[^>]*hidden=""/);
      const script = html.match(/<script src="(\/static\/cite\.[0-9a-f]+\.js)"/)![1]!;
      const js = await t!.get(script);
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type')!, /javascript/);
      assert.match(js.headers.get('cache-control')!, /immutable/);
      const ru = await (await t!.get('/ru/publications/glossary-2011')).text();
      assert.match(ru, /ГОСТ Р 7\.0\.100/);
      assert.match(ru, /href="\/ru\/publications\/glossary-2011\/cite\?format=bibtex"/);
    });
  });
}
