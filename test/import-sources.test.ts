// `kitap import` as an office runs it: spreadsheets (CSV in Russian, XLSX in Kazakh, Windows-1251, BOM) and
// reference files (Zotero's RIS and BibTeX with corporate authors, CSL-JSON), written as drafts on both
// databases, imported again without duplicates, and bad files refused with nothing written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { openDb, type Db } from '../src/db/db.ts';
import type { ImportRecord } from '../src/import-page/record.ts';
import { publicationBySlug, publicationCount } from '../src/store/publications.ts';
import { BACKENDS, type Backend, createPgDatabase, postgresAvailable, runKitap } from './helpers.ts';

const fixture = (name: string): string => path.resolve('test/fixtures/import-sources', name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-import-sources-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A fresh, empty catalogue of the given kind: the environment for the command line, and a way to look inside. */
async function catalogue(
  backend: Backend,
): Promise<{ env: Record<string, string>; open: () => Promise<Db>; drop: () => Promise<void> } | null> {
  const dir = fs.mkdtempSync(path.join(tmp, 'data-'));
  if (backend === 'pglite')
    return {
      env: { DATA_DIR: dir },
      open: () => openDb({ pgliteDir: path.join(dir, 'pglite') }),
      drop: async () => {},
    };
  if (!(await postgresAvailable())) return null;
  const pg = await createPgDatabase();
  return { env: { DATA_DIR: dir, DATABASE_URL: pg.url }, open: () => openDb({ databaseUrl: pg.url }), drop: pg.drop };
}

async function dryRun(file: string, ...args: string[]): Promise<{ records: ImportRecord[]; stderr: string }> {
  const r = await runKitap(['import', file, '--dry-run', '--json', ...args], {
    env: { DATA_DIR: path.join(tmp, 'unused') },
  });
  assert.equal(r.code, 0, r.stderr);
  return { records: JSON.parse(r.stdout) as ImportRecord[], stderr: r.stderr };
}

const names = (r: ImportRecord) => r.authors.map((a) => `${a.name}${a.organisation ? ' (org)' : ''}`);

describe('kitap import: spreadsheets', () => {
  test('a CSV with Russian headers: the mapping guessed and shown, every row accounted for', async () => {
    const { records, stderr } = await dryRun(fixture('publications-ru.csv'));
    assert.match(stderr, /Read as CSV, UTF-8, fields separated by ";"/);
    assert.match(stderr, /2 "Название" → title \(from the header\)/);
    assert.match(stderr, /3 "Название \(каз\)" → title_kk/);
    assert.match(stderr, /4 "Год издания" → year/);
    assert.match(stderr, /1 "№" → \(not used\)/);
    assert.match(stderr, /line 4: "3 \| 2018 \| Иванов И\.И\..*" — no title in this row/);
    assert.equal(records.length, 3);
    const [first, second, third] = records as [ImportRecord, ImportRecord, ImportRecord];
    assert.equal(first.title, 'Трудовая миграция из Центральной Азии: обзор 2019 года');
    assert.deepEqual(first.other_titles, { kk: 'Орталық Азиядан еңбек көші-қоны: 2019 жылға шолу' });
    assert.equal(first.year, 2019);
    assert.equal(first.kind, 'report');
    assert.deepEqual(first.languages, ['ru', 'kk']);
    assert.deepEqual(names(first), ['Султанова А.', 'Петров И.И.']);
    assert.deepEqual(first.publishers, [{ name: 'Международная организация по миграции' }]);
    assert.deepEqual(first.funders, [{ name: 'Европейский союз' }]);
    assert.deepEqual(first.identifiers, [{ scheme: 'isbn', value: '978-601-7985-12-3' }]);
    assert.deepEqual(first.file_urls, ['https://example.org/files/labour-migration-2019.pdf']);
    assert.equal(first.pages, 84);
    assert.deepEqual(first.countries, ['KZ']);
    assert.match(first.description, /"денежные переводы"/, 'a doubled quote inside a quoted field');
    assert.equal(second.kind, 'manual');
    assert.deepEqual(second.source_lines, [3, 3]);
    // A date in a year column, names in one cell parted by a comma, a link that is not a file.
    assert.equal(third.year, 2017);
    assert.deepEqual(names(third), ['Aigerim Sultanova', 'Ivan Petrov']);
    assert.deepEqual(third.file_urls, ['https://example.org/migrant-children'], 'a link in the PDF column');
    assert.equal(third.kind, 'study');
  });

  test('--map changes the mapping; a sheet without a title column is refused', async () => {
    const { records, stderr } = await dryRun(
      fixture('publications-ru.csv'),
      '--map',
      'Примечание=abstract',
      '--map',
      '8=ignore',
    );
    assert.match(stderr, /16 "Примечание" → abstract \(as asked\)/);
    assert.match(stderr, /8 "Аннотация" → \(not used\) \(as asked\)/);
    assert.equal(records[0]!.description, 'проверено');
    const noTitle = await runKitap(
      ['import', fixture('publications-ru.csv'), '--dry-run', '--map', 'Название=ignore', '--map', '3=-'],
      {
        env: { DATA_DIR: path.join(tmp, 'unused') },
      },
    );
    assert.equal(noTitle.code, 1);
    assert.match(noTitle.stderr, /no column is a title: .*--map COLUMN=title/);
    const badField = await runKitap(['import', fixture('publications-ru.csv'), '--map', 'Год=when']);
    assert.equal(badField.code, 2);
    assert.match(badField.stderr, /"when" is not a field/);
  });

  test('an XLSX workbook with Kazakh headers, a date cell and an organisation as author', async () => {
    const { records, stderr } = await dryRun(fixture('publications-kk.xlsx'));
    assert.match(stderr, /Read as XLSX, sheet "Жарияланымдар"/);
    assert.match(stderr, /1 "Атауы" → title/);
    assert.match(stderr, /2 "Атауы \(орысша\)" → title_ru/);
    assert.match(stderr, /3 "Жылы" → year/);
    assert.equal(records.length, 3);
    const [a, b, c] = records as [ImportRecord, ImportRecord, ImportRecord];
    assert.equal(a.year, 2020, 'an Excel date cell');
    assert.equal(a.kind, 'report', '"Есеп"');
    assert.deepEqual(a.languages, ['kk', 'ru']);
    assert.deepEqual(a.other_titles, { ru: 'Миграция в Казахстане: обзор 2020 года' });
    assert.deepEqual(names(b), ['Халықаралық көші-қон ұйымы (org)']);
    assert.deepEqual(b.file_urls, ['https://example.org/kz/guide.pdf']);
    assert.deepEqual(names(c), ['John Smith']);
  });

  test('Windows-1251 is converted and said so; a byte-order mark is dropped', async () => {
    const cp = await dryRun(fixture('windows-1251.csv'));
    assert.match(cp.stderr, /Windows-1251 \(converted to UTF-8\)/);
    assert.deepEqual(
      cp.records.map((r) => r.title),
      ['Трудовые мигранты в России: права и обязанности', 'Справочник мигранта'],
    );
    const bom = await dryRun(fixture('bom.csv'));
    assert.match(bom.stderr, /1 "Title" → title/, 'the BOM is not part of the first header');
    assert.equal(bom.records[0]!.title, 'Remittances and Development in Kyrgyzstan, 2010–2020');
    assert.deepEqual(names(bom.records[0]!), ['John Smith', 'Jane Doe']);
    assert.deepEqual(bom.records[0]!.identifiers, [{ scheme: 'doi', value: '10.1596/978-1-4648-1234-5' }]);
  });
});

describe('kitap import: reference files', () => {
  test('Zotero RIS: a corporate author stays one organisation, types map to kinds, the PDF link is kept', async () => {
    const { records, stderr } = await dryRun(fixture('zotero-library.ris'));
    assert.match(stderr, /Read as RIS/);
    const [mgi, handbook, article] = records as [ImportRecord, ImportRecord, ImportRecord];
    assert.deepEqual(names(mgi), ['International Organization for Migration (org)']);
    assert.equal(mgi.kind, 'report');
    assert.deepEqual(mgi.file_urls, ['https://example.org/files/mgi-kazakhstan.pdf']);
    assert.deepEqual(mgi.countries, ['KZ'], 'a country keyword is a country');
    assert.deepEqual(mgi.source_lines, [1, 15]);
    assert.equal(handbook.kind, 'handbook', 'a BOOK titled "Handbook …"');
    assert.deepEqual(handbook.authors, [{ name: 'Aigerim Sultanova', role: 'editor' }]);
    assert.equal(article.kind, 'other');
    assert.match(stderr, /type "article-journal" has no kind of its own in Kitap: filed as other/);
    assert.deepEqual(article.identifiers, [{ scheme: 'doi', value: '10.1080/02634937.2017.1234567' }]);
  });

  test('BibTeX: {{braced}} organisations and a bare acronym are organisations; people are split right', async () => {
    const { records } = await dryRun(fixture('library.bib'));
    const [emp, children, hdr] = records as [ImportRecord, ImportRecord, ImportRecord];
    assert.deepEqual(names(emp), ['International Organization for Migration (org)']);
    assert.deepEqual(emp.languages, ['ru']);
    assert.ok(emp.topics.includes('labour-migration'));
    assert.deepEqual(names(children), ['Aigerim Sultanova', 'Ivan Petrov']);
    assert.equal(children.pages, 148);
    assert.deepEqual(names(hdr), ['UNDP (org)']);
    assert.equal(hdr.kind, 'report', '@misc titled "… Report …"');
  });

  test('CSL-JSON: literal names are organisations; pamphlet is a brochure', async () => {
    const { records } = await dryRun(fixture('references.json'));
    assert.deepEqual(names(records[0]!), ['OSCE Programme Office in Bishkek (org)']);
    assert.equal(records[0]!.pages, 64);
    assert.equal(records[1]!.kind, 'brochure');
    assert.deepEqual(records[1]!.languages, ['ky']);
  });
});

describe('kitap import: bad input is refused and nothing is written', () => {
  const bad: Array<[string, string | Buffer, string[], RegExp]> = [
    ['empty.csv', '', [], /empty\.csv is empty/],
    [
      'image.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0]),
      [],
      /looks like a binary file/,
    ],
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), [], /old Excel 97–2003 \.xls/],
    ['fake.xlsx', 'Title,Year\nA,2020\n', [], /not an XLSX workbook/],
    ['notes.txt', 'Just some words\nwith no structure\n', [], /not a spreadsheet or reference file/],
    ['list.csv', 'Author,Comment\nSmith,good\n', [], /no column is a title/],
    ['library.ris', 'Title,Year\nA,2020\n', ['--format', 'ris'], /no RIS reference found|not readable as RIS/],
    ['broken.json', '[{"title": "A", ', [], /not valid JSON/],
    [
      'long-name.csv',
      `Title,Authors\nA report,${'x'.repeat(400)}\n`,
      [],
      /a-report \(line 2\): people\.0\.name: Too big/,
    ],
  ];
  for (const [name, content, args, message] of bad) {
    test(`${name}: ${message.source}`, async () => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, content);
      const dir = fs.mkdtempSync(path.join(tmp, 'bad-'));
      const r = await runKitap(['import', file, ...args], { env: { DATA_DIR: dir } });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Nothing was written\./);
      assert.ok(!fs.existsSync(path.join(dir, 'pglite')), 'no database was even opened');
    });
  }
});

for (const backend of BACKENDS) {
  describe(`kitap import writes drafts once (${backend})`, () => {
    test('a spreadsheet imported twice creates nothing new; a changed row is reported, then updated', async (t) => {
      const c = await catalogue(backend);
      if (!c) return t.skip('PostgreSQL not reachable');
      try {
        const sheet = path.join(tmp, `${backend}-publications.csv`);
        fs.copyFileSync(fixture('publications-ru.csv'), sheet);
        const first = await runKitap(['import', sheet], { env: c.env });
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stdout, /3 created, 0 unchanged, 0 changed/);
        const again = await runKitap(['import', sheet], { env: c.env });
        assert.match(again.stdout, /0 created, 3 unchanged, 0 changed/);
        // The office corrects a page count and the title of the row with id 1.
        fs.writeFileSync(
          sheet,
          fs.readFileSync(sheet, 'utf8').replace(';84;', ';86;').replace('обзор 2019 года;', 'обзор за 2019 год;'),
        );
        const changed = await runKitap(['import', sheet], { env: c.env });
        assert.match(changed.stdout, /0 created, 2 unchanged, 1 changed \(not updated: use --update\)/);
        assert.match(
          changed.stderr,
          /differs: title \(ru\) "Трудовая миграция из Центральной Азии: обзор 2019 года" → "Трудовая миграция из Центральной Азии: обзор за 2019 год"; pages 84 → 86/,
        );
        const updated = await runKitap(['import', sheet, '--update'], { env: c.env });
        assert.match(updated.stdout, /0 created, 2 unchanged, 1 changed \(updated\)/);
        const db = await c.open();
        try {
          assert.equal(await publicationCount(db), 3);
          const p = await publicationBySlug(db, 'trudovaia-migratsiia-iz-tsentralnoi-azii-obzor-2019-2019');
          assert.ok(p, 'found by its first slug: the row id, not the title, identifies it');
          assert.equal(p.status, 'draft');
          assert.equal(p.pages, 86);
          assert.equal(
            (p.title as Record<string, string>).ru,
            'Трудовая миграция из Центральной Азии: обзор за 2019 год',
          );
          assert.equal((p.title as Record<string, string>).kk, 'Орталық Азиядан еңбек көші-қоны: 2019 жылға шолу');
          assert.deepEqual(p.identifiers, [{ scheme: 'isbn', value: '978-601-7985-12-3' }]);
          assert.deepEqual(
            p.organisations.map((o) => o.role),
            ['publisher', 'funder'],
          );
          assert.match(JSON.stringify(p.organisations), /Международная организация по миграции.*Европейский союз/);
        } finally {
          await db.close();
        }
      } finally {
        await c.drop();
      }
    });

    test('reference files: corporate authors become organisations, DOI and ISBN find the record again', async (t) => {
      const c = await catalogue(backend);
      if (!c) return t.skip('PostgreSQL not reachable');
      try {
        const ris = await runKitap(['import', fixture('zotero-library.ris')], { env: c.env });
        assert.match(ris.stdout, /3 created/, ris.stderr);
        const bib = await runKitap(['import', fixture('library.bib')], { env: c.env });
        assert.match(bib.stdout, /3 created/, bib.stderr);
        // The same library exported again, as CSL-JSON with other ids: found by DOI and ISBN.
        const csl = path.join(tmp, `${backend}-again.json`);
        fs.writeFileSync(
          csl,
          JSON.stringify([
            {
              id: 'x1',
              type: 'book',
              title: 'Children Left Behind: A Study of Migrant Families',
              ISBN: '9789967123456',
              issued: { 'date-parts': [[2016]] },
            },
            {
              id: 'x2',
              type: 'article-journal',
              title: 'Remittances and household spending in Tajikistan',
              DOI: 'https://doi.org/10.1080/02634937.2017.1234567',
              issued: { 'date-parts': [[2017]] },
            },
          ]),
        );
        const again = await runKitap(['import', csl], { env: c.env });
        assert.equal(again.code, 0, again.stderr);
        assert.match(again.stdout, /^0 created, 0 unchanged, 2 changed/);
        const db = await c.open();
        try {
          assert.equal(await publicationCount(db), 6);
          const mgi = await publicationBySlug(db, 'migration-governance-snapshot-republic-of-kazakhstan-2018');
          assert.ok(mgi);
          assert.deepEqual(
            mgi.organisations.map((o) => o.role),
            ['author', 'publisher'],
          );
          assert.equal(mgi.people.length, 0, 'the corporate author is no person');
        } finally {
          await db.close();
        }
      } finally {
        await c.drop();
      }
    });
  });
}

describe('proposeFromFile: what the admin Import page calls with an upload', () => {
  test('a spreadsheet gives records, the report and the mapping; the mapping passed back changes the records', async () => {
    const { proposeFromFile } = await import('../src/import-sources/index.ts');
    const bytes = fs.readFileSync(fixture('publications-ru.csv'));
    const first = await proposeFromFile('Публикации.csv', bytes);
    assert.equal(first.format, 'csv');
    assert.equal(first.records.length, 3);
    assert.deepEqual(
      first.report.skipped.map((s) => [s.line, s.reason]),
      [[4, 'no title in this row']],
    );
    const note = first.mapping!.find((m) => m.header === 'Примечание')!;
    assert.deepEqual([note.column, note.field, note.by, note.sample], [16, null, 'none', 'проверено']);
    const again = await proposeFromFile('Публикации.csv', bytes, { map: [{ column: '16', field: 'series' }] });
    assert.equal(again.records[0]!.series, 'проверено');
    assert.equal(again.mapping!.find((m) => m.column === 16)!.by, 'user');
  });

  test('a reference file by its content (no extension); bad bytes are an InputError naming the file', async () => {
    const { proposeFromFile } = await import('../src/import-sources/index.ts');
    const { InputError } = await import('../src/import-page/lines.ts');
    const ris = await proposeFromFile('export', fs.readFileSync(fixture('zotero-library.ris')));
    assert.equal(ris.format, 'ris');
    assert.equal(ris.records.length, 3);
    await assert.rejects(
      proposeFromFile('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])),
      (e: Error) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /^photo\.jpg: /);
        return true;
      },
    );
  });
});
