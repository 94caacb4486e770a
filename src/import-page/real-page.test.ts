// The organisation's real old page (../shared/seeds/publications-page.txt): facts field by field.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importPage, type ImportResult } from './import-page.ts';
import { readPage } from './lines.ts';
import type { ImportRecord } from './record.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGE = path.resolve(root, '../shared/seeds/publications-page.txt');
const absent = fs.existsSync(PAGE) ? false : `skipped: ${PAGE} is absent (../shared is not beside the repository)`;

let result: ImportResult | null = null;
const page = (): ImportResult => (result ??= importPage(readPage(PAGE)));
const rec = (key: string): ImportRecord => {
  const r = page().records.find((x) => x.key === key);
  assert.ok(
    r,
    `no record ${key}; keys: ${page()
      .records.map((x) => x.key)
      .join(', ')}`,
  );
  return r;
};
const names = (xs: Array<{ name: string }>): string[] => xs.map((x) => x.name);

const IOM = 'International Organization for Migration';
const USAID = 'United States Agency for International Development';
const LIBRARY = 'Library of the First President of the Republic of Kazakhstan (Nazarbayev Center)';
const HRC = 'Human Rights Commission under the President of the Republic of Kazakhstan';
const MV2017 = 'migrant-vulnerabilities-and-integration-needs-in-central-2017';
const MV2016 = 'migrant-vulnerabilities-and-integration-needs-in-central-2016';

// One row per publication: the facts a cataloguer reads off the page.
const facts: Array<[string, Partial<ImportRecord>]> = [
  [
    MV2017,
    {
      title: 'Migrant Vulnerabilities and Integration Needs in Central Asia',
      year: 2017,
      kind: 'report',
      pages: 40,
      format: ['pdf'],
      languages: ['en'],
      has_download: true,
      countries: ['KZ', 'KG', 'TJ'],
      project: { name: 'Dignity and Rights', abbreviation: 'DAR' },
      series: 'Regional Field Assessment in Central Asia, Phase II',
    },
  ],
  [
    'understanding-migrant-vulnerabilities-2017',
    {
      title: 'Understanding migrant vulnerabilities',
      kind: 'conference-proceedings',
      year: 2017,
      pages: 180,
      series: 'International Dialogue on Migration',
      languages: ['en'],
      has_download: true,
    },
  ],
  [
    'risk-analysis-on-return-migration-and-challenges-in-central-2017',
    {
      title: 'Risk Analysis on Return Migration and Challenges in Central Asia',
      subtitle: null,
      kind: 'report',
      year: 2017,
      pages: 64,
      languages: ['en'],
      countries: ['KZ', 'KG', 'TJ', 'UZ'],
      project: { name: 'Dignity and Rights', abbreviation: 'DAR' },
    },
  ],
  [
    'migrants-right-to-health-in-central-asia-2017',
    {
      title: 'Migrants’ Right to Health in Central Asia',
      subtitle: 'Challenges and Opportunities',
      year: 2017,
      pages: 164,
      format: ['pdf'],
      languages: ['en'],
      countries: ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
    },
  ],
  [
    'guidelines-to-protect-migrants-in-countries-experiencing-conflict-or',
    {
      title: 'Guidelines to Protect Migrants in Countries Experiencing Conflict or Natural Disaster',
      kind: 'guidelines',
      year: null,
      external_url: 'http://micicinitiative.iom.int',
      has_download: true,
      format: ['electronic'],
      project: { name: 'Migrants in Countries in Crisis Initiative', abbreviation: 'MICIC' },
      countries: [],
    },
  ],
  [
    MV2016,
    {
      subtitle: 'Root Causes, Social and Economic Impact of Return Migration',
      kind: 'report',
      year: 2016,
      pages: 260,
      series: 'Regional Field Assessment in Central Asia, Phase I',
      countries: ['KZ', 'KG', 'TJ', 'UZ', 'RU'],
    },
  ],
  [
    `${MV2016}-executive-summary`,
    {
      kind: 'executive-summary',
      year: 2016,
      pages: 36,
      series: 'Regional Field Assessment in Central Asia',
      project: { name: 'Dignity and Rights', abbreviation: 'DAR' },
    },
  ],
  [
    'labour-exploitation-trafficking-and-migrant-health-2015-summary',
    {
      title: 'Labour Exploitation, Trafficking and Migrant Health',
      subtitle: 'Summary of IOM Statistics 2011-2015',
      year: 2015,
      pages: 19,
    },
  ],
  [
    'labour-exploitation-trafficking-and-migrant-health-2015',
    {
      subtitle: 'Multi-country Findings on the Health Risks and Consequences of Migrant and Trafficked Workers',
      kind: 'report',
      year: 2015,
      pages: 184,
    },
  ],
  [
    '2015-iom-showcase-projects-2015',
    {
      title: '2015 IOM Showcase Projects',
      subtitle:
        'Fostering Labour Mobility and Human Development in South-Eastern Europe, Easter Europe and Central Asia',
      year: 2015,
      pages: 66,
    },
  ],
  [
    'the-partnership-framework-for-development-kazakhstan-2016-2015',
    {
      title: 'The Partnership Framework for Development Kazakhstan, 2016-2020',
      kind: 'framework',
      year: 2015,
      pages: 179,
      languages: ['kk', 'en', 'ru'],
      countries: ['KZ'],
    },
  ],
  [
    'special-report-on-current-issues-affecting-human-rights-2015',
    {
      kind: 'report',
      year: 2015,
      pages: 144,
      languages: ['kk', 'ru', 'en'],
      funders: [{ name: 'IOM Development Fund', abbreviation: 'IDF' }],
      countries: ['KZ'],
    },
  ],
  [
    'summary-of-the-report-mapping-on-irregular-migration-in-central-asia',
    { kind: 'summary', year: null, pages: null, has_download: true },
  ],
  [
    'mapping-on-irregular-migration-in-central-asia-2014',
    {
      title: 'Mapping on Irregular Migration in Central Asia',
      kind: 'report',
      year: 2014,
      pages: 142,
      languages: ['en', 'ru'],
    },
  ],
  [
    'handbook-on-migration-terminology-2011',
    { title: 'Handbook on Migration Terminology', kind: 'handbook', year: 2011, pages: 166, languages: ['ru', 'en'] },
  ],
  [
    'glossary-on-migration-2011',
    { title: 'Glossary on Migration', kind: 'glossary', year: 2011, pages: 118, languages: ['en'] },
  ],
  [
    'united-nations-country-team-in-kazakhstan-2014',
    { kind: 'brochure', year: 2014, pages: 5, languages: ['kk', 'en', 'ru'], countries: ['KZ'] },
  ],
  [
    'handbook-on-human-trafficking-definition-identification-of-2014',
    {
      kind: 'handbook',
      year: 2014,
      pages: 19,
      languages: ['ru', 'en'],
      funders: [{ name: USAID, abbreviation: 'USAID' }],
      project: { name: 'Central Asia Counter-Trafficking Project' },
    },
  ],
  [
    'compendium-of-the-international-and-national-documents-on-2010',
    {
      kind: 'compendium',
      year: 2010,
      pages: 174,
      languages: ['ru', 'kk'],
      funders: [
        { name: 'United States Bureau of International Narcotics and Law Enforcement Affairs', abbreviation: 'INL' },
      ],
      project: {
        name: 'Capacity building of Judges and Prosecutors on Combating Trafficking in Persons in the Republic of Kazakhstan',
      },
    },
  ],
  [
    'special-report-on-situation-with-migrants-rights-in-the-2013',
    {
      kind: 'report',
      year: 2013,
      pages: 150,
      format: ['electronic'],
      languages: ['en', 'kk'],
      funders: [{ name: 'IOM Development Fund', abbreviation: 'IDF' }],
      partners: [{ name: IOM, abbreviation: 'IOM' }],
    },
  ],
  [
    'iom-in-kazakhstan-publishes-study-on-access-of-migrant-workers-to',
    {
      kind: 'news',
      funders: [{ name: 'UK Aid', abbreviation: 'UK Aid' }],
      partners: [{ name: 'UN Women' }, { name: 'World Bank' }],
      project: { name: 'Central Asia Regional Migration Programme' },
      countries: ['KZ', 'KG', 'TJ'],
    },
  ],
  [
    'posters-on-the-main-rights-and-obligation-of-foreigners-in-the',
    {
      title: 'Posters on the main rights and obligation of foreigners in the Republic of Kazakhstan',
      kind: 'poster',
      has_download: true,
      partners: [{ name: 'Ministry of Internal Affairs of the Republic of Kazakhstan' }],
    },
  ],
  [
    'access-of-migrant-workers-from-kyrgyzstan-and-tajikistan-to-social',
    {
      kind: 'study',
      year: null,
      funders: [{ name: 'UK Aid', abbreviation: 'UK Aid' }],
      project: { name: 'Central Asia Regional Migration Programme' },
      countries: ['KZ', 'KG', 'TJ'],
      has_download: true,
    },
  ],
  [
    'handbook-on-establishing-effective-labour-migration-policies-in',
    {
      kind: 'handbook',
      publishers: [
        { name: 'Organization for Security and Co-operation in Europe', abbreviation: 'OSCE' },
        { name: IOM, abbreviation: 'IOM' },
        { name: 'International Labour Office', abbreviation: 'ILO' },
      ],
    },
  ],
  [
    'manual-on-care-rehabilitation-recovery-and-reintegration-of-victims-of',
    { kind: 'manual', has_download: false, countries: ['KG'] },
  ],
  [
    'ainuras-dream',
    {
      title: "Ainura's Dream",
      kind: 'childrens-book',
      languages: ['ky', 'ru'],
      funders: [{ name: 'Government of Norway' }],
      countries: ['KG'],
      has_download: false,
    },
  ],
  [
    'role-of-ngos-in-counter-trafficking-in-the-kyrgyz-republic',
    { funders: [{ name: IOM, abbreviation: 'IOM' }], countries: ['KG'] },
  ],
  [
    'two-kyrgyz-women',
    {
      kind: 'book',
      for_sale: true,
      print_on_request: true,
      contact_phone: '+7-7172-790-345/46/47/48',
      external_url: 'http://www.free-ebooks.net/ebook/Two-Kyrgyz-Women',
      has_download: false,
      publishers: [{ name: IOM, abbreviation: 'IOM' }],
      countries: ['KG'],
    },
  ],
  [
    'fertile-fields',
    { title: 'Fertile Fields', subtitle: 'Trafficking in Persons in Central Asia', kind: 'report', year: null },
  ],
  [
    'analysis-of-institutional-and-legal-frameworks-and-overview-2003',
    { kind: 'report', year: 2003, subtitle: 'Research Report November 2003' },
  ],
  ['trafficking-in-women-and-children-in-the-kyrgyz-republic-2000', { kind: 'study', year: 2000, countries: ['KG'] }],
  [
    'internal-migration-in-the-kyrgyz-republic',
    { title: 'Internal Migration in the Kyrgyz Republic', year: null, pages: null, description: '', countries: ['KG'] },
  ],
  [
    'workbook-on-trafficking-crimes-solving',
    { title: 'Workbook on trafficking crimes solving', kind: 'workbook', description: '' },
  ],
];

describe('the real publications page', { skip: absent }, () => {
  test('finds every publication once: 33 records, unique keys', () => {
    assert.equal(page().records.length, 33);
    assert.equal(new Set(page().records.map((r) => r.key)).size, 33);
    assert.deepEqual(
      page().records.map((r) => r.key),
      facts.map(([k]) => k),
    );
  });

  for (const [key, expected] of facts) {
    test(`facts of ${key}`, () => {
      const r = rec(key);
      for (const [field, value] of Object.entries(expected))
        assert.deepEqual(r[field as keyof ImportRecord], value, `${key}.${field}`);
    });
  }

  test('people and organisations of the 2017 assessment', () => {
    const r = rec(MV2017);
    assert.deepEqual(r.authors, [
      { name: 'Piotr Kazmierkiewicz', role: 'author', affiliation: 'IOM International Expert' },
      {
        name: 'Dejan Keserovic',
        role: 'contributor',
        affiliation:
          'Sub-regional Coordinator for Central Asia and Chief of Missionin Kazakhstan, Kyrgyzstan, Turkmenistan and Uzbekistan',
      },
    ]);
    assert.deepEqual(names(r.publishers), [IOM]);
    assert.deepEqual(names(r.funders), [USAID]);
    assert.deepEqual(names(r.partners), [LIBRARY]);
  });

  test('authors with roles, contacts and corporate authors', () => {
    assert.deepEqual(rec('ainuras-dream').authors, [
      { name: 'Marinka Franulovic', role: 'author' },
      { name: 'Doriana Berkovic', role: 'illustrator' },
    ]);
    assert.equal(rec('ainuras-dream').description.startsWith('When a young Kyrgyz woman'), true);
    assert.deepEqual(rec('the-partnership-framework-for-development-kazakhstan-2016-2015').authors, [
      {
        name: 'Tatiana Hadjiemmanuel',
        role: 'contact',
        affiliation:
          'Deputy Coordinator for Central Asia / Senior Programme Coordinator, IOM Kazakhstan / Sub-regional coordination office for Central Asia',
      },
    ]);
    for (const key of [
      'special-report-on-current-issues-affecting-human-rights-2015',
      'special-report-on-situation-with-migrants-rights-in-the-2013',
    ]) {
      assert.deepEqual(rec(key).authors, [{ name: HRC, role: 'author', organisation: true }], key);
    }
    assert.deepEqual(rec('role-of-ngos-in-counter-trafficking-in-the-kyrgyz-republic').authors, [
      { name: 'Regional Center on Migration and Refugees', role: 'author', organisation: true },
    ]);
  });

  test('funders are normalised however the page writes them', () => {
    // "supported by the UK AID" and "supported by UK Government" are the same funder.
    assert.deepEqual(
      rec('iom-in-kazakhstan-publishes-study-on-access-of-migrant-workers-to').funders,
      rec('access-of-migrant-workers-from-kyrgyzstan-and-tajikistan-to-social').funders,
    );
    // "the United States Bureau of … (INL) of the US Embassy …" is one funder.
    assert.equal(rec('compendium-of-the-international-and-national-documents-on-2010').funders.length, 1);
  });

  test('the duplicate listing of the 2017 assessment is merged, keeping the richest fields', () => {
    const r = rec(MV2017);
    assert.deepEqual(r.source_lines, [3, 30]);
    assert.deepEqual(r.duplicate_lines, [[82, 98]]);
    assert.equal(r.subtitle, 'Assessing Migrants’ and Community Needs and Managing Risks');
    assert.equal(r.pages, 40); // only the second listing gives the fields
    assert.equal(r.authors[0]!.name, 'Piotr Kazmierkiewicz'); // only the first gives the author
    assert.match(r.description, /seeks to establish the precise needs of vulnerable migrants/); // text of both listings
    assert.match(r.description, /is the fruit of a collaborative effort/);
    assert.deepEqual(rec('handbook-on-migration-terminology-2011').duplicate_lines, [[487, 497]]);
    assert.deepEqual(rec('glossary-on-migration-2011').duplicate_lines, [[500, 500]]);
    assert.equal(page().report.merged.length, 3);
    // Same title and year but different subtitles and pages: two publications, not a duplicate.
    assert.notEqual(
      rec('labour-exploitation-trafficking-and-migrant-health-2015').key,
      rec('labour-exploitation-trafficking-and-migrant-health-2015-summary').key,
    );
  });

  test('relations: follow-up, validation, executive summary, summary, announcement', () => {
    assert.deepEqual(rec(MV2017).relations, [{ type: 'followsUp', target: MV2016 }]);
    assert.deepEqual(rec('risk-analysis-on-return-migration-and-challenges-in-central-2017').relations, [
      { type: 'validates', target: MV2017 },
    ]);
    assert.deepEqual(rec(`${MV2016}-executive-summary`).relations, [{ type: 'executiveSummaryOf', target: MV2016 }]);
    assert.deepEqual(rec('summary-of-the-report-mapping-on-irregular-migration-in-central-asia').relations, [
      { type: 'summaryOf', target: 'mapping-on-irregular-migration-in-central-asia-2014' },
    ]);
    assert.deepEqual(rec('iom-in-kazakhstan-publishes-study-on-access-of-migrant-workers-to').relations, [
      { type: 'announces', target: 'access-of-migrant-workers-from-kyrgyzstan-and-tajikistan-to-social' },
    ]);
    // The announced study exists once; the news item is not a second copy of it.
    assert.equal(
      page().records.filter((r) => /access of migrant workers/i.test(r.title) && r.kind !== 'news').length,
      1,
    );
  });

  test('ligatures are repaired and every repair is listed', () => {
    const r = rec(MV2017);
    assert.deepEqual(r.ligature_repairs, [
      { from: 'eld', to: 'field', line: 5 },
      { from: 'e ort', to: 'effort', line: 5 },
      { from: 'bene ts', to: 'benefits', line: 7 },
      { from: 'identi ed', to: 'identified', line: 19 },
      { from: 'e orts', to: 'efforts', line: 23 },
    ]);
    assert.match(r.description, /The regional field assessment “Migrant/);
    assert.doesNotMatch(r.description, /\be ort|bene ts|identi ed|Kazakh- stan/);
    assert.equal(page().report.repairs.filter((x) => x.kind === 'ligature').length, 5);
  });

  test('no line is lost: each non-empty line is in a record or skipped with its reason', () => {
    const lines = readPage(PAGE).lines.filter((l) => l.text);
    const { accounting, report } = page();
    for (const l of lines)
      assert.ok(accounting.has(l.index), `line ${l.no} "${l.text.slice(0, 40)}" is in no record and not reported`);
    assert.deepEqual(
      report.skipped.map((s) => s.line),
      [1, 14, 456],
    );
    assert.equal(report.lines.inRecords + report.lines.skipped, lines.length);
    // Every line of a record's block is inside its source_lines or duplicate_lines.
    for (const l of lines) {
      const a = accounting.get(l.index)!;
      if (!('key' in a)) continue;
      const r = rec(a.key);
      const ranges = [r.source_lines, ...r.duplicate_lines];
      assert.ok(
        ranges.some(([f, t]) => l.no >= f && l.no <= t),
        `line ${l.no} outside ${a.key}'s ranges`,
      );
    }
  });
});
