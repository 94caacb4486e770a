// Kitap's own RIS, BibTeX and CSL-JSON exports (the Cite box's downloads) imported back with `kitap import`:
// what a reference manager carries out of Kitap comes back as the same record — people as people, an
// organisation that wrote the report as one organisation, the publisher, ISBN, DOI, languages, pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ImportRecord } from '../src/import-page/record.ts';
import { makePublication, openTestApp, runKitap, type TestApp } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-roundtrip-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('Kitap exports imported back', () => {
  let app: TestApp;
  const slugs: string[] = [];
  before(async () => {
    app = (await openTestApp('pglite'))!;
    slugs.push(
      await makePublication(app.db, {
        kind: 'report',
        title: { en: 'Migration Governance in Central Asia' },
        year: 2019,
        pages: 72,
        languages: ['en', 'ru'],
        people: [
          { name: 'Aigerim Sultanova', role: 'author' },
          { name: 'Ivan Petrov', role: 'author' },
        ],
        organisations: [
          { name: 'International Organization for Migration', role: 'author' },
          { name: 'International Organization for Migration', role: 'publisher' },
        ],
        identifiers: [{ scheme: 'doi', value: '10.5555/kitap.2019.1' }],
      }),
      await makePublication(app.db, {
        kind: 'handbook',
        title: { ru: 'Справочник трудового мигранта' },
        original_language: 'ru',
        year: 2021,
        pages: 40,
        languages: ['ru'],
        organisations: [{ name: 'OSCE Programme Office in Bishkek', role: 'publisher' }],
        identifiers: [{ scheme: 'isbn', value: '978-9967-00-111-2' }],
      }),
    );
  });
  after(() => app.close());

  const expectations = (records: ImportRecord[]) => {
    assert.equal(records.length, 2);
    const [report, handbook] = records as [ImportRecord, ImportRecord];
    assert.equal(report.title, 'Migration Governance in Central Asia');
    assert.equal(report.year, 2019);
    assert.equal(report.kind, 'report');
    assert.equal(report.pages, 72);
    assert.deepEqual(
      report.authors.filter((a) => !a.organisation).map((a) => a.name),
      ['Aigerim Sultanova', 'Ivan Petrov'],
    );
    assert.deepEqual(
      report.publishers.map((p) => p.name),
      ['International Organization for Migration'],
    );
    assert.ok(
      !report.authors.some((a) => /Migration,|Organization for$/.test(a.name)),
      'never split into given/family',
    );
    assert.ok(
      report.identifiers?.some((i) => i.scheme === 'doi' && i.value === '10.5555/kitap.2019.1'),
      JSON.stringify(report.identifiers),
    );
    assert.equal(handbook.title, 'Справочник трудового мигранта');
    assert.equal(handbook.kind, 'handbook');
    assert.deepEqual(handbook.languages, ['ru']);
    assert.equal(handbook.year, 2021);
    assert.deepEqual(
      handbook.publishers.map((p) => p.name),
      ['OSCE Programme Office in Bishkek'],
    );
    // Kitap cites the publisher as the corporate author when no one else wrote it: it comes back once, as publisher.
    assert.deepEqual(handbook.authors, []);
    assert.ok(
      handbook.identifiers?.some((i) => i.scheme === 'isbn'),
      JSON.stringify(handbook.identifiers),
    );
  };

  for (const [format, ext, join] of [
    ['ris', 'ris', (parts: string[]) => parts.join('\r\n')],
    ['bibtex', 'bib', (parts: string[]) => parts.join('\n\n')],
    ['csl-json', 'json', (parts: string[]) => JSON.stringify(parts.flatMap((p) => JSON.parse(p) as unknown[]))],
  ] as const) {
    test(`${format}: the export of two publications comes back as the same two records`, async () => {
      const parts: string[] = [];
      for (const slug of slugs) {
        const res = await app.get(`/publications/${slug}/cite?format=${format}`);
        assert.equal(res.status, 200);
        parts.push(await res.text());
      }
      const file = path.join(tmp, `export.${ext}`);
      fs.writeFileSync(file, join(parts));
      const r = await runKitap(['import', file, '--dry-run', '--json'], {
        env: { DATA_DIR: path.join(tmp, 'unused') },
      });
      assert.equal(r.code, 0, r.stderr);
      expectations(JSON.parse(r.stdout) as ImportRecord[]);
    });
  }
});
