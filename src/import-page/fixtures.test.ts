// Every layout the importer knows, on small pages written for the purpose (test/fixtures/import-page).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importPage } from './import-page.ts';
import { pageFromText, readPage } from './lines.ts';
import type { ImportRecord } from './record.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/import-page');
const load = (name: string) => importPage(readPage(path.join(fixtures, name)));
const byKey = (records: ImportRecord[], key: string): ImportRecord => {
  const r = records.find((x) => x.key === key);
  assert.ok(r, `no ${key} in ${records.map((x) => x.key).join(', ')}`);
  return r;
};

describe('text page with every layout (layouts.txt)', () => {
  const { records, report, accounting } = load('layouts.txt');
  const outlook = 'labour-migration-outlook-for-central-asia-2019';
  const remittances = 'remittances-and-families-left-behind-2020';

  test('splits the page into its publications', () => {
    assert.deepEqual(
      records.map((r) => r.key),
      [
        outlook,
        `${outlook}-executive-summary`,
        remittances,
        'summary-of-the-report-remittances-and-families-left-behind',
        'safe-travel-abroad-2018',
        'glossary-on-border-management-2016',
        'iom-in-tajikistan-publishes-study-on-remittances-and-families',
        'aida-goes-to-school',
        'a-guide-for-returning-migrants',
        'border-officers-and-human-rights-2015',
        'workbook-on-interviewing-victims',
      ],
    );
  });

  test('"Title – Subtitle – Place, Year" with author, publisher and lost ligatures; its repeat is merged', () => {
    const r = byKey(records, outlook);
    assert.equal(r.title, 'Labour Migration Outlook for Central Asia');
    assert.equal(r.subtitle, 'Trends and Policy Options');
    assert.equal(r.year, 2019);
    assert.equal(r.place, 'Bishkek');
    assert.equal(r.pages, 88);
    assert.deepEqual(r.languages, ['en', 'ky']);
    assert.deepEqual(r.authors, [{ name: 'Aigerim Sadykova', role: 'author', affiliation: 'Independent Researcher' }]);
    assert.deepEqual(r.publishers, [{ name: 'International Organization for Migration', abbreviation: 'IOM' }]);
    assert.deepEqual(r.funders, [{ name: 'European Union', abbreviation: 'EU' }]);
    assert.deepEqual(
      r.ligature_repairs.map((x) => x.to),
      ['effort', 'identified', 'benefits'],
    );
    assert.match(r.description, /joint effort of experts/);
    assert.deepEqual(r.duplicate_lines, [[13, 27]]);
    assert.deepEqual(r.countries, ['KG', 'TJ']);
  });

  test('title and subtitle on separate lines, kind marker line, fields on consecutive lines', () => {
    const r = byKey(records, `${outlook}-executive-summary`);
    assert.equal(r.kind, 'executive-summary');
    assert.equal(r.subtitle, 'Trends and Policy Options');
    assert.deepEqual(r.languages, ['ru', 'en']);
    assert.deepEqual(r.relations, [{ type: 'executiveSummaryOf', target: outlook }]);
  });

  test('a block that runs two items together, and a language remark', () => {
    const summary = byKey(records, 'summary-of-the-report-remittances-and-families-left-behind');
    assert.equal(summary.kind, 'summary');
    assert.deepEqual(summary.relations, [{ type: 'summaryOf', target: remittances }]);
    const r = byKey(records, 'safe-travel-abroad-2018');
    assert.equal(r.title, 'Safe Travel Abroad');
    assert.deepEqual(r.format, ['electronic']);
    assert.deepEqual(r.languages, ['kk', 'en', 'ru']);
    assert.deepEqual(byKey(records, remittances).languages, ['en', 'ru']);
    assert.deepEqual(byKey(records, remittances).funders, [{ name: 'Government of Japan' }]);
  });

  test('a heading in capitals is title-cased; languages in its title are read', () => {
    const r = byKey(records, 'glossary-on-border-management-2016');
    assert.equal(r.title, 'Glossary on Border Management');
    assert.equal(r.kind, 'glossary');
    assert.deepEqual(r.languages, ['ru', 'en']);
    assert.deepEqual(r.duplicate_lines, [[116, 126]]);
  });

  test('a news item announces the study it quotes instead of copying it', () => {
    const news = byKey(records, 'iom-in-tajikistan-publishes-study-on-remittances-and-families');
    assert.equal(news.kind, 'news');
    assert.deepEqual(news.relations, [{ type: 'announces', target: remittances }]);
    assert.deepEqual(news.funders, [{ name: 'UK Aid', abbreviation: 'UK Aid' }]);
    assert.deepEqual(news.project, { name: 'Safe Remittances for Families' });
    assert.equal(records.filter((r) => r.title.startsWith('Remittances and Families')).length, 1);
  });

  test('title + description without fields: authors with roles, languages from the text, sale and contact', () => {
    const book = byKey(records, 'aida-goes-to-school');
    assert.equal(book.kind, 'childrens-book');
    assert.deepEqual(book.authors, [
      { name: 'Dana Omarova', role: 'author' },
      { name: 'Timur Bekov', role: 'illustrator' },
    ]);
    assert.deepEqual(book.languages, ['kk', 'ru']);
    assert.deepEqual(book.funders, [{ name: 'Government of Norway' }]);
    const guide = byKey(records, 'a-guide-for-returning-migrants');
    assert.equal(guide.for_sale, true);
    assert.equal(guide.print_on_request, true);
    assert.equal(guide.contact_phone, '+996-312-000-111');
    assert.equal(guide.external_url, 'http://example.org/guide-returning-migrants');
  });

  test('title-only blocks, with or without a subtitle', () => {
    const a = byKey(records, 'border-officers-and-human-rights-2015');
    assert.equal(a.series, 'Training Curriculum');
    assert.equal(a.year, 2015);
    assert.equal(byKey(records, 'workbook-on-interviewing-victims').kind, 'workbook');
  });

  test('every line is accounted for', () => {
    const lines = readPage(path.join(fixtures, 'layouts.txt')).lines.filter((l) => l.text);
    for (const l of lines) assert.ok(accounting.has(l.index), `line ${l.no} lost`);
    assert.deepEqual(
      report.skipped.map((s) => s.line),
      [1, 10],
    );
  });
});

describe('the same kind of page saved as HTML (joomla.html)', () => {
  const { records, report } = load('joomla.html');

  test('headings, <strong> titles, <br> fields and PDF links', () => {
    assert.deepEqual(
      records.map((r) => r.key),
      [
        'migrant-workers-rights-in-kazakhstan-2018',
        'counter-trafficking-hotline-report-2017',
        'iom-in-kazakhstan-presents-study-on-migrant-health',
        'migrant-health-in-almaty',
      ],
    );
    const guide = records[0]!;
    assert.equal(guide.title, 'Migrant Workers’ Rights in Kazakhstan');
    assert.equal(guide.subtitle, 'A Practical Guide');
    assert.equal(guide.year, 2018);
    assert.equal(guide.place, 'Astana');
    assert.equal(guide.pages, 52);
    assert.deepEqual(guide.languages, ['kk', 'ru', 'en']);
    assert.deepEqual(guide.file_urls, ['/images/docs/publications/rights-guide-2018.pdf']);
    assert.equal(guide.has_download, true);
    assert.deepEqual(guide.funders, [
      { name: 'United States Agency for International Development', abbreviation: 'USAID' },
    ]);
    assert.deepEqual(guide.partners, [
      { name: 'Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan' },
    ]);
  });

  test('entities decoded, ligatures repaired, line numbers from the HTML source', () => {
    const report2017 = records[1]!;
    assert.equal(report2017.kind, 'report');
    assert.deepEqual(report2017.languages, ['en', 'ru']);
    assert.deepEqual(report2017.ligature_repairs, [{ from: 'e ort', to: 'effort', line: 20 }]);
    assert.deepEqual(report2017.source_lines, [19, 22]);
    const news = records[2]!;
    assert.equal(news.kind, 'news');
    assert.deepEqual(news.relations, [{ type: 'announces', target: 'migrant-health-in-almaty' }]);
    assert.equal(news.external_url, 'https://example.org/migrant-health');
  });

  test('scripts and styles are not text; navigation, footer and the spam-protected address are reported', () => {
    assert.ok(records.every((r) => !/not text|color: red|Home/.test(r.description)));
    assert.deepEqual(
      report.skipped.map((s) => [s.line, s.reason]),
      [
        [10, 'site navigation'],
        [10, 'site navigation'],
        [12, 'the page heading, not a publication'],
        [30, 'an e-mail address the old page hid behind spam protection: nothing to keep'],
        [33, 'site footer'],
      ],
    );
  });
});

describe('layout rules on small pages', () => {
  const run = (text: string) => importPage(pageFromText(text, 'text')).records;

  test('a "Pillar 1:" subheading inside a description does not start a publication', () => {
    const r = run(
      'Framework for Cooperation\n\nIt is defined as follows:\n\nPillar 1: Better Services\n\nSupport for migrants.\n\nNumber of pages: 10\n\nDOWNLOAD\n',
    );
    assert.equal(r.length, 1);
    assert.match(r[0]!.description, /Pillar 1: Better Services/);
  });

  test('a description that restates the title with a date gives the year', () => {
    const r = run(
      'Trafficking in Persons in the Region\n\nTrafficking in Persons in the Region (November, 2001): The study looks at the routes used.\n',
    );
    assert.equal(r[0]!.year, 2001);
    assert.equal(r[0]!.description, 'The study looks at the routes used.');
  });

  test('a Phase II that follows up Phase I, and an analysis that validates it', () => {
    const r = run(
      [
        'Return Migration Assessment 2015',
        '',
        'Field Survey of Returnees',
        '',
        'Number of pages: 90',
        '',
        'DOWNLOAD',
        '',
        '',
        'Return Migration Assessment – 2016',
        '',
        'The Regional Assessment 2016 (Phase II) “Return Migration Assessment” follows up on a study published in 2015 – “Field Survey of Returnees” (Phase I).',
        '',
        'Number of pages: 70',
        '',
        'DOWNLOAD',
        '',
        '',
        'Risk Analysis of Return – 2017',
        '',
        'The aim of this analysis is to validate the findings of the 2016 Return Migration Assessment.',
        '',
        'DOWNLOAD',
        '',
      ].join('\n'),
    );
    const keys = r.map((x) => x.key);
    assert.deepEqual(keys, [
      'field-survey-of-returnees-2015',
      'return-migration-assessment-2016',
      'risk-analysis-of-return-2017',
    ]);
    assert.equal(r[0]!.series, 'Return Migration Assessment, Phase I');
    assert.deepEqual(r[1]!.relations, [{ type: 'followsUp', target: 'field-survey-of-returnees-2015' }]);
    assert.deepEqual(r[2]!.relations, [{ type: 'validates', target: 'return-migration-assessment-2016' }]);
  });
});
