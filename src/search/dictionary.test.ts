import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dictionary, dictionaryOf, entryTranslations } from './dictionary.ts';

// Articles as Debian's dictd files have them: Müller's (indented, homographs, senses, labels) and FreeDict's.
const MUELLER = `00-database-info
   This is a test.
founder
   _I  [ˈfaʊndə] _n. основатель, учредитель
   _II [ˈfaʊndə] _n. плавильщик; литейщик
acoustic
   [əˈku:stɪk] _a.
   1) акустический, звуковой; acoustic mine акустическая мина
   2) _анат. слуховой; acoustic duct наружный слуховой проход
die
   _I  [daɪ]
      1. _n.
         1) (_pl. dice) игральная кость; to play with loaded dice жульничать
         2) штамп, пуансон; штемпель; матрица
   _II [daɪ] _v. умирать, скончаться
Aral Sea
   Аральское море
`;
const FREEDICT = `Angola /æŋgoulə/
Ангола
April /eiprəl/
апрель
`;

test('an article gives its first one-word translations, per homograph and sense', () => {
  assert.deepEqual(entryTranslations('   _I  [x] _n. основатель, учредитель\n   _II [x] _n. плавильщик; литейщик'), [
    'основатель',
    'учредитель',
    'плавильщик',
    'литейщик',
  ]);
  assert.deepEqual(
    entryTranslations(
      '   [x] _a.\n   1) акустический, звуковой; acoustic mine акустическая мина\n   2) _анат. слуховой',
    ),
    ['акустический', 'звуковой', 'слуховой'],
  );
});

test('English to Russian and back, word forms included; phrases are left out', () => {
  const d = dictionaryOf([MUELLER, FREEDICT]);
  assert.equal(d.size, 5);
  assert.deepEqual(d.translate('founders'), ['основатель', 'учредитель', 'плавильщик', 'литейщик']);
  assert.ok(d.translate('die').includes('умирать'), d.translate('die').join(', '));
  assert.deepEqual(d.translate('angola'), ['ангола']);
  assert.deepEqual(d.translate('основателя'), ['founder'], 'a Russian word form finds its lemma');
  assert.deepEqual(d.translate('apрель'), [], 'mixed scripts are no word');
  assert.deepEqual(d.translate('aral'), [], 'a phrase headword is not read');
  assert.equal(dictionaryOf([]).size, 0);
  assert.deepEqual(dictionaryOf([]).translate('founder'), [], 'without dictionaries: no translations, no error');
});

test('the installed dictionaries, when there are any', (ctx) => {
  const d = dictionary();
  if (!d.size) return ctx.skip('no English-Russian dictionary installed (mueller7-dict, dict-freedict-eng-rus)');
  assert.ok(d.size > 30000, `${d.size} headwords`);
  assert.ok(d.translate('migration').includes('миграция'));
  assert.ok(d.translate('школы').includes('school'));
});
