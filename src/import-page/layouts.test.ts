// Real-world list layouts (issue 12), one page each in test/fixtures/import-page/layouts with the records
// a person reading the page would write down (*.expected.json): the records and their fields, the lines
// reported as not used and why, and that no line is lost or given to a neighbouring publication.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importPage } from './import-page.ts';
import { InputError, pageFromText, readPage } from './lines.ts';
import type { ImportRecord } from './record.ts';
import { formatReport } from './report.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/import-page/layouts');
const pages = fs
  .readdirSync(dir)
  .filter((f) => !f.endsWith('.json'))
  .sort();

interface Expected {
  records: Array<Record<string, unknown> & { title: string; lines: [number, number] }>;
  unused: Array<[number, string]>;
}

/** The record's field as the expected file writes it (people and organisations by name). */
function field(r: ImportRecord, name: string): unknown {
  if (name === 'lines') return r.source_lines;
  if (name === 'authors' || name === 'publishers') return r[name].map((a) => a.name);
  return r[name as keyof ImportRecord];
}

test('the layout pages: at least ten, three or more in Russian or Kazakh, three or more in HTML', () => {
  assert.ok(pages.length >= 10, pages.join(', '));
  assert.ok(pages.filter((p) => p.endsWith('.html')).length >= 3);
  // Named -ru / -kk: pages written in Russian or Kazakh.
  assert.ok(pages.filter((p) => /-(?:ru|kk)\.\w+$/.test(p)).length >= 3);
});

for (const file of pages) {
  describe(`layout page ${file}`, () => {
    const expected = JSON.parse(
      fs.readFileSync(path.join(dir, file.replace(/\.\w+$/, '.expected.json')), 'utf8'),
    ) as Expected;
    const page = readPage(path.join(dir, file));
    const { records, report, accounting } = importPage(page);

    test('finds the publications, in page order', () => {
      assert.deepEqual(
        records.map((r) => r.title),
        expected.records.map((r) => r.title),
      );
    });

    test('fields of each publication', () => {
      for (const [i, e] of expected.records.entries()) {
        const r = records[i]!;
        for (const [name, value] of Object.entries(e)) assert.deepEqual(field(r, name), value, `${e.title}: ${name}`);
        // What the expected file leaves out is empty.
        for (const name of ['subtitle', 'pages', 'place'])
          if (!(name in e)) assert.equal(r[name as 'subtitle' | 'pages' | 'place'], null, `${e.title}: ${name}`);
        for (const name of ['languages', 'authors', 'publishers', 'file_urls'])
          if (!(name in e)) assert.deepEqual(field(r, name), [], `${e.title}: ${name}`);
      }
    });

    test('every line not used is reported with its reason', () => {
      assert.deepEqual(
        report.skipped.map((s) => [s.line, s.reason]),
        expected.unused,
      );
    });

    test('no line is lost or given to a neighbouring publication', () => {
      const nonEmpty = page.lines.filter((l) => l.text);
      for (const l of nonEmpty)
        assert.ok(accounting.has(l.index), `line ${l.no} "${l.text}" is in no record and not reported`);
      assert.equal(report.lines.inRecords + report.lines.skipped, nonEmpty.length);
      const byKey = new Map(records.map((r) => [r.key, r]));
      const own = new Map<string, string[]>();
      for (const l of nonEmpty) {
        const a = accounting.get(l.index)!;
        if (!('key' in a)) continue;
        const r = byKey.get(a.key)!;
        assert.ok(
          l.no >= r.source_lines[0] && l.no <= r.source_lines[1],
          `line ${l.no} outside ${r.key} ${r.source_lines}`,
        );
        own.set(a.key, [...(own.get(a.key) ?? []), l.text, ...l.links.map((k) => k.href)]);
      }
      // A year, file or author is written somewhere in the publication's own lines, not its neighbour's.
      for (const r of records) {
        const text = (own.get(r.key) ?? []).join('\n');
        if (r.year !== null) assert.match(text, new RegExp(String(r.year)), `${r.key}: year ${r.year}`);
        for (const u of r.file_urls) assert.ok(text.includes(u), `${r.key}: file ${u}`);
        for (const a of r.authors) assert.ok(text.includes(a.name.split(/[ ,]/)[0]!), `${r.key}: author ${a.name}`);
      }
      const sorted = records.map((r) => r.source_lines).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < sorted.length; i++)
        assert.ok(sorted[i]![0] > sorted[i - 1]![1], `records overlap: ${sorted[i - 1]} and ${sorted[i]}`);
    });

    test('each record and its filled fields carry a confidence', () => {
      for (const r of records) {
        assert.ok(r.confidence > 0 && r.confidence <= 1, `${r.key}: ${r.confidence}`);
        assert.ok(r.field_confidence.title! > 0);
        if (r.year !== null) assert.ok(r.field_confidence.year! > 0, `${r.key}: year confidence`);
        else assert.equal(r.field_confidence.year, undefined);
      }
    });
  });
}

describe('confidence', () => {
  const text =
    'Publications\n\nMigration Profile of Kazakhstan\n\nNumber of pages: 40\nYear of publication: 2016\n\nDOWNLOAD\n\n\n' +
    'The office also printed leaflets for the consulates in several languages and cities.\n\nNumber of pages: 2\n\nDOWNLOAD\n';
  const { records, report } = importPage(pageFromText(text, 'text'));

  test('a labelled year is surer than a title taken from the first sentence', () => {
    assert.equal(records.length, 2);
    assert.equal(records[0]!.field_confidence.year, 0.95);
    assert.ok(records[1]!.confidence < 0.5);
    assert.ok(records[0]!.confidence > records[1]!.confidence);
  });

  test('the report lists the uncertain records first, with the fields to check', () => {
    const out = formatReport('page.txt', records, report);
    const section = out.slice(out.indexOf('Uncertain records'));
    assert.match(
      section,
      /^Uncertain records, least certain first \(1\):\n {2}the-office-also-printed-leaflets[^\n]*: confidence 0\.30; title 0\.30/,
    );
    assert.ok(out.indexOf('Uncertain records') < out.indexOf('Not used'));
  });
});

test('a page of nothing but site chrome and running text has no publication: a clear error', () => {
  const text =
    'Home | About us | Publications | Contact\nYou are here: Home > Publications\n\nPublications\n\n' +
    'We are preparing our library. Please come back later.\n\nShowing 0–0 of 0\n© 2024 Migration Centre. All rights reserved.\n';
  assert.throws(
    () => importPage(pageFromText(text, 'text')),
    (err: unknown) => err instanceof InputError && /no publication found on the page/.test(err.message),
  );
});
