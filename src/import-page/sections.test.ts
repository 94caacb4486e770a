// A long page read in sections gives the records one pass would, with the page's own line numbers.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importPage } from './import-page.ts';
import { pageFromText } from './lines.ts';
import { cutPieces, importSections, importText } from './sections.ts';

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
