// A long page read in sections gives the records one pass would, with the page's own line numbers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importPage } from './import-page.ts';
import { pageFromText } from './lines.ts';
import { formatReport, ReportSpool } from './report.ts';
import { cutPieces, cutText, importSections, importText, longPageNote } from './sections.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/import-page/layouts');
const cards = fs.readFileSync(path.join(dir, 'cards-ru.txt'), 'utf8').replace(/^Публикации\n\n/, '');

test('sections: the same records as one pass, line numbers of the whole page, keys unique', () => {
  // Twelve copies of the cards, each with its own titles, parted by two blank lines.
  const text =
    Array.from({ length: 12 }, (_, i) =>
      cards.trimEnd().replace(/^((?:Доклад|Руководство|Оценка) [^\n]*)$/gmu, `$1 ${i + 1}`),
    ).join('\n\n\n') + '\n';
  const whole = importPage(pageFromText(text, 'text'));
  const parts = importText(text, 'text', 600);
  assert.equal(whole.records.length, 36);
  assert.deepEqual(
    parts.records.map((r) => [r.key, r.title, r.year, r.source_lines]),
    whole.records.map((r) => [r.key, r.title, r.year, r.source_lines]),
  );
  const lines = text.split('\n');
  for (const r of parts.records) assert.equal(lines[r.source_lines[0] - 1], r.title, `line ${r.source_lines[0]}`);
  assert.equal(parts.report.lines.nonEmpty, whole.report.lines.nonEmpty);
  assert.equal(parts.report.lines.inRecords, whole.report.lines.inRecords);
  assert.match(parts.report.ambiguities[0]!.note, /read in \d+ sections/);
  // The same publication in two sections keeps two records with different keys.
  const twice = importText(`${cards}\n\n\n${cards}`, 'text', 200);
  assert.equal(new Set(twice.records.map((r) => r.key)).size, twice.records.length);
});

test('a page that arrives in pieces (a long file): cut at blank lines, nothing lost, the records of one pass', () => {
  const text =
    Array.from({ length: 12 }, (_, i) =>
      cards.trimEnd().replace(/^((?:Доклад|Руководство|Оценка) [^\n]*)$/gmu, `$1 ${i + 1}`),
    ).join('\n\n\n') + '\n';
  const pieces = Array.from({ length: Math.ceil(text.length / 97) }, (_, i) => text.slice(i * 97, i * 97 + 97));
  const sections = [...cutPieces(pieces, 600)];
  assert.ok(sections.length > 3, `${sections.length} sections`);
  assert.equal(sections.join(''), text);
  for (const s of sections.slice(0, -1)) assert.match(s, /\n[ \t]*\n[ \t]*\n$/, 'cut after blank lines');
  const whole = importPage(pageFromText(text, 'text'));
  const records = [...importSections(sections)].flatMap((r) => r.records);
  assert.deepEqual(
    records.map((r) => [r.key, r.title, r.year, r.source_lines]),
    whole.records.map((r) => [r.key, r.title, r.year, r.source_lines]),
  );
});

test('a long page’s report, spooled section by section, says what the whole page’s report says', async () => {
  // Cards with lost ligatures, site chrome and a stray line, twelve times over, each with its own titles.
  const copy = (i: number) =>
    [
      'Главная > Публикации',
      '',
      cards.trimEnd().replace(/^((?:Доклад|Руководство|Оценка) [^\n]*)$/gmu, `$1 ${i + 1}`),
      '',
      'Показано 1–10 из 87',
      '',
      `An e ort of partner organisations to identi y bene ts ${i}`,
    ].join('\n');
  const text = `${Array.from({ length: 12 }, (_, i) => copy(i)).join('\n\n\n')}\n`;
  const whole = importText(text, 'text', 600);
  const sink = () => {
    let out = '';
    return {
      stream: new Writable({
        write(chunk: Buffer | string, _e, done) {
          out += String(chunk);
          done();
        },
      }),
      text: () => out,
    };
  };
  const spooled = async (sample: number) => {
    const spool = new ReportSpool(sample);
    let n = 0;
    for (const r of importSections(cutText(text, 600))) {
      n++;
      spool.add(r.report, r.records);
    }
    const out = sink();
    await spool.write(out.stream, 'page.txt', [longPageNote(n, 600)]);
    return out.text();
  };
  const expected = formatReport('page.txt', whole.records, whole.report);
  assert.ok(whole.report.skipped.length >= 24 && whole.report.repairs.length >= 12, expected);
  assert.equal(await spooled(Number.POSITIVE_INFINITY), expected);
  // With a sample of two records per remark, the rest are counted; everything else is the same.
  const short = await spooled(2);
  const toCheck = (s: string) => s.slice(s.indexOf('\nTo check'));
  assert.equal(short.slice(0, short.indexOf('\nTo check')), expected.slice(0, expected.indexOf('\nTo check')));
  const many = toCheck(expected)
    .split('\n')
    .filter((l) => /\((\d+)\): /.test(l) && Number(/\((\d+)\): /.exec(l)![1]) > 2);
  assert.ok(many.length > 0, toCheck(expected));
  for (const l of many) {
    const [, note, count, keys] = /^ {2}(.*) \((\d+)\): (.*)$/.exec(l)!;
    const first = keys!.split(', ').slice(0, 2).join(', ');
    assert.ok(
      toCheck(short).includes(`  ${note} (${count}): ${first}, … (${Number(count) - 2} more)\n`),
      `${l}\n${toCheck(short)}`,
    );
  }
});
