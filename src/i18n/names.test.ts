import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UI_LANGUAGES } from './i18n.ts';
import { countryName, languageName } from './names.ts';

test('countries and languages are named as the office writes them, in every interface language', () => {
  const cases: Array<[string, string, string]> = [
    ['ru', 'KG', 'Кыргызстан'],
    ['kk', 'KG', 'Қырғызстан'],
    ['ky', 'KG', 'Кыргызстан'],
    ['en', 'KG', 'Kyrgyzstan'],
    ['ru', 'kg', 'Кыргызстан'],
    ['kk', 'KZ', 'Қазақстан'],
    ['ky', 'KZ', 'Казакстан'],
  ];
  for (const [lang, code, want] of cases) assert.equal(countryName(lang as never, code), want, `${lang} ${code}`);
  assert.equal(languageName('ru', 'ky'), 'кыргызский');
  assert.equal(languageName('ky', 'ky'), 'кыргыз тили');
  assert.equal(languageName('kk', 'ru'), 'орыс тілі');
});

test('a code the tables lack falls back to the platform’s name, then to the code', () => {
  assert.equal(countryName('en', 'FR'), 'France');
  assert.equal(languageName('en', 'de'), 'German');
  for (const lang of UI_LANGUAGES) assert.ok(countryName(lang, 'ZZ').length > 0);
});
