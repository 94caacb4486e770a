// The place of publication: from imprint lines, the end of a title line, citations and labelled fields,
// in English, Russian, Kazakh and Kyrgyz; a country, a month or a season is no place.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imprintLine, parseTitleLine } from './header.ts';
import { importPage } from './import-page.ts';
import { parseCitation } from './items.ts';
import { pageFromText } from './lines.ts';

test('imprint lines', () => {
  const cases: Array<[string, { place: string; publisher: string | null; year: number } | null]> = [
    ['Bishkek, 2016', { place: 'Bishkek', publisher: null, year: 2016 }],
    ['Бишкек, 2016', { place: 'Бишкек', publisher: null, year: 2016 }],
    ['Алматы: МОМ, 2018', { place: 'Алматы', publisher: 'МОМ', year: 2018 }],
    ['Астана 2017 г.', { place: 'Астана', publisher: null, year: 2017 }],
    [
      'Geneva: International Organization for Migration, 2019',
      {
        place: 'Geneva',
        publisher: 'International Organization for Migration',
        year: 2019,
      },
    ],
    ['Kazakhstan, 2016', null],
    ['March, 2019', null],
    ['Trends and Policy Options, 2019', null],
  ];
  for (const [line, want] of cases) assert.deepEqual(imprintLine(line), want, line);
});

test('the end of a title line and a citation', () => {
  assert.equal(parseTitleLine('Обзор миграции – Алматы, 2019').place, 'Алматы');
  assert.equal(parseTitleLine('Labour Migration Outlook – March, 2019').place, null);
  assert.equal(
    parseCitation('Nazarov, F. (2019). Return of migrant workers. Bishkek: OSCE Academy.')?.place,
    'Bishkek',
  );
  assert.equal(parseCitation('Nazarov, F. (2019). Return of migrant workers. Open Society Foundations.')?.place, null);
});

test('a page in Russian and Kyrgyz: imprint lines and a labelled field fill each publication’s own place', () => {
  const page = [
    'Публикации',
    '',
    'Трудовая миграция и денежные переводы в Центральной Азии',
    'Бишкек, 2016',
    'Количество страниц: 120',
    'Язык: русский',
    '',
    'Возвращение и реинтеграция трудовых мигрантов',
    'Место издания: Алматы',
    'Год издания: 2018',
    '',
    'Эмгек миграциясы боюнча колдонмо',
    'Басылып чыккан жери: Ош',
    'Жылы: 2020',
    '',
    'Здоровье мигрантов в Ферганской долине',
    'Год издания: 2019',
  ].join('\n');
  const { records } = importPage(pageFromText(page, 'text'));
  assert.deepEqual(
    records.map((r) => [r.title, r.place, r.year]),
    [
      ['Трудовая миграция и денежные переводы в Центральной Азии', 'Бишкек', 2016],
      ['Возвращение и реинтеграция трудовых мигрантов', 'Алматы', 2018],
      ['Эмгек миграциясы боюнча колдонмо', 'Ош', 2020],
      ['Здоровье мигрантов в Ферганской долине', null, 2019],
    ],
  );
});
