import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatQuery, MAX_TERMS, parseQuery } from './query.ts';

test('words, phrases, exclusions and OR', () => {
  const cases: Array<[string, Array<[string, boolean, boolean, boolean]>]> = [
    [
      'labour migration',
      [
        ['labour', false, false, false],
        ['migration', false, false, false],
      ],
    ],
    [
      '"trafficking in persons" Kyrgyzstan',
      [
        ['trafficking in persons', true, false, false],
        ['Kyrgyzstan', false, false, false],
      ],
    ],
    [
      'migration -health',
      [
        ['migration', false, false, false],
        ['health', false, true, false],
      ],
    ],
    [
      'health OR здоровье',
      [
        ['health', false, false, false],
        ['здоровье', false, false, true],
      ],
    ],
    [
      '«торговля людьми» или  адам',
      [
        ['торговля людьми', true, false, false],
        ['адам', false, false, true],
      ],
    ],
    [
      'көші-қон, migrants’',
      [
        ['көші-қон', false, false, false],
        ['migrants', false, false, false],
      ],
    ],
    ['978-601-0000-00-0', [['978-601-0000-00-0', false, false, false]]],
    [
      'or migration',
      [
        ['or', false, false, false],
        ['migration', false, false, false],
      ],
    ],
    ['  ...  ', []],
    ['"unclosed phrase', [['unclosed phrase', true, false, false]]],
    ['- alone', [['alone', false, false, false]]],
  ];
  for (const [q, expected] of cases) {
    assert.deepEqual(
      parseQuery(q).map((t) => [t.text, t.phrase, t.negated, t.or]),
      expected,
      q,
    );
  }
});

test('long queries are cut, and terms write back', () => {
  assert.equal(parseQuery('a b c d e f g h i j k l m').length, MAX_TERMS);
  assert.equal(
    formatQuery(parseQuery('"labour migration" OR health -kazakhstan')),
    '"labour migration" OR health -kazakhstan',
  );
});
