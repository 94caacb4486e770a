import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cleanPages,
  fixCharacters,
  isGarbled,
  joinHyphenated,
  pagesPhrase,
  tidyWhitespace,
  withoutRunningLines,
} from './clean.ts';

test('fixCharacters spells out ligatures and leaves no control character', () => {
  const cases: Array<[string, string]> = [
    ['the \ufb01eld is e\ufb03cient', 'the field is efficient'],
    // Type3 fonts in TeX's T1 encoding: fi = U+001C, ffi = U+001E, quotes at U+0010/U+0011.
    ['a signi\u001cer; it will su\u001ece', 'a signifier; it will suffice'],
    ['\u0010excusatory function\u0011 of signi\u001ccation', '“excusatory function” of signification'],
    // Not an English word: the T1 table decides ("Auflage", fl = U+001D).
    ['0. Au\u001dage', '0. Auflage'],
    ['stray\u0002 controls\u0007 go\u007f', 'stray controls go'],
    ['Предисловие', 'Предисловие'],
    ['line\r\nbreaks\rnormalised', 'line\nbreaks\nnormalised'],
  ];
  for (const [input, expected] of cases) {
    const fixed = fixCharacters(input).text;
    assert.equal(fixed, expected, JSON.stringify(input));
    assert.doesNotMatch(fixed, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  }
  assert.equal(fixCharacters('a signi\u001cer').ligatureRepairs, 1);
});

test('isGarbled flags pages made of control characters, not pages with a few', () => {
  assert.equal(isGarbled('\u0002\u0003\u0004\u0005\u0003 \u0006\u0004\u0007\b \u000e\u000f \u0010\u0011 1'), true);
  assert.equal(
    isGarbled('Overview of the model. A signi\u001cer and su\u001ece here, in a long enough page of text.'),
    false,
  );
  assert.equal(isGarbled(''), false);
});

test('joinHyphenated rejoins words split at a line end', () => {
  const cases: Array<[string[], string]> = [
    [['the rela-', 'tionship of people'], 'the relationship of people'],
    [['Work-', 'ers of the World'], 'Workers of the World'],
    [['госу-', 'дарственной'], 'государственной'],
    [['soft\u00ad', 'hyphen'], 'softhyphen'],
    [['COVID-', '19 cases'], 'COVID-\n19 cases'], // a number is not the rest of a word
    [['Kazakh-', 'English dictionary'], 'Kazakh-\nEnglish dictionary'], // a capital starts a new word
    [['a dash -', 'then more'], 'a dash -\nthen more'],
  ];
  for (const [lines, expected] of cases) assert.equal(joinHyphenated(lines), expected, lines.join('|'));
  assert.equal(joinHyphenated(['a well-', 'known fact'], new Set(['well-known'])), 'a well-known fact');
});

test('withoutRunningLines drops repeated headers and page numbers, keeping the first', () => {
  const page = (n: number, body: string) => [`Annual Report ${2020}`, body, `Page ${n} of 4`, `${n}`];
  const pages = [page(1, 'Intro text'), page(2, 'More text'), page(3, 'Even more'), page(4, 'The end')];
  const { pages: cleaned, removed } = withoutRunningLines(pages);
  assert.deepEqual(cleaned[0], page(1, 'Intro text'));
  assert.deepEqual(cleaned.slice(1), [['More text'], ['Even more'], ['The end']]);
  assert.ok(removed.includes('Annual Report 2020'));
});

test('withoutRunningLines keeps table dates, repeated whole pages and short documents', () => {
  const table = ['Acme', 'Bolt', 'Cora', 'Dune'].map((name, i) => [
    `0${i + 1}/01/2015`,
    `${name} Inc. Layoff`,
    '07/17/2015',
  ]);
  assert.deepEqual(withoutRunningLines(table).pages, table);
  const same = [1, 2, 3, 4].map(() => ['The same page', 'again and again']);
  assert.deepEqual(withoutRunningLines(same).pages, same);
  const two = [
    ['Header', 'one'],
    ['Header', 'two'],
  ];
  assert.deepEqual(withoutRunningLines(two).pages, two);
});

test('tidyWhitespace and pagesPhrase', () => {
  assert.equal(tidyWhitespace('  a \t b\u00a0c \n\n\n\n d  '), 'a b c\n\nd');
  assert.equal(pagesPhrase([3]), 'page 3');
  assert.equal(pagesPhrase([2, 3, 4, 7, 9, 10]), 'pages 2–4, 7, 9–10');
});

test('cleanPages reports pages without text, garbled pages and repairs', () => {
  const english = 'The regional office published a report on labour migration and remittances in the region.';
  const raw = [
    [english, 'A signi\u001cer of change.'],
    [],
    ['\u0002\u0003\u0004\u0005\u0003\u0006\u0004\u0007\b\u000e\u000f\u0010\u0011\u0012'],
    [
      '\u00cf\u00f0\u00e5\u00e4\u00e8\u00f1\u00eb\u00ee\u00e2\u00e8\u00e5 \u00ea \u00e8\u00e7\u00e4\u00e0\u00ed\u00e8\u00fe',
    ],
  ];
  const cleaned = cleanPages(raw);
  assert.equal(cleaned.pages[0], `${english}\nA signifier of change.`);
  assert.equal(cleaned.pages[3], 'Предисловие к изданию');
  assert.deepEqual(cleaned.pagesWithoutText, [2, 3]);
  const codes = cleaned.warnings.map((w) => w.code);
  assert.deepEqual(codes, ['no-text-layer', 'garbled-text', 'mojibake-repaired', 'ligatures-repaired']);
  assert.deepEqual(cleaned.warnings[1].pages, [3]);
});

test('cleanPages repairs lost ligatures in English only, and not in contractions', () => {
  const english = [
    'The regional o ce of the organisation published its annual report on labour migration.',
    'You’re right that we’ve seen the e ort of the team, and the report describes it in detail.',
    'Remittances sent home by migrant workers grew again, and families spend them on education.',
  ];
  const cleaned = cleanPages([english]);
  assert.equal(cleaned.language, 'en');
  assert.equal(cleaned.pages[0], english.join('\n').replace('o ce', 'office').replace('e ort', 'effort'));
  const german = ['Die Auflage des Berichts über Arbeitsmigration und Rücküberweisungen erscheint jährlich im Herbst.'];
  assert.equal(cleanPages([german]).pages[0], german[0]);
});
