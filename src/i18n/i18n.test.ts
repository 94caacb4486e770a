import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUES, translator, UI_LANGUAGES } from './i18n.ts';
import { en } from './messages/en.ts';

const placeholders = (m: unknown) => [...new Set(JSON.stringify(m).match(/\{\w+\}/g) ?? [])].sort();

test('every language has every English key, the same placeholders, and its plural categories', () => {
  for (const lang of UI_LANGUAGES) {
    const cat = CATALOGUES[lang];
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const [key, value] of Object.entries(en)) {
      assert.ok(key in cat, `${lang} lacks "${key}"`);
      assert.deepEqual(placeholders(cat[key]), placeholders(value), `${lang} "${key}" placeholders`);
      if (typeof value !== 'string') {
        for (const c of categories)
          assert.ok((cat[key] as Record<string, string>)[c], `${lang} "${key}" lacks plural "${c}"`);
      }
    }
    for (const key of Object.keys(cat)) assert.ok(key in en, `${lang} has "${key}", which English lacks`);
  }
});

test('plurals follow Intl.PluralRules', () => {
  const ru = translator('ru');
  assert.equal(ru.t('browse.count', { count: 1 }), '1 публикация');
  assert.equal(ru.t('browse.count', { count: 3 }), '3 публикации');
  assert.equal(ru.t('browse.count', { count: 5 }), '5 публикаций');
  assert.equal(ru.t('browse.count', { count: 21 }), '21 публикация');
  assert.equal(translator('en').t('browse.count', { count: 1 }), '1 publication');
  assert.equal(translator('en').t('browse.count', { count: 1234 }), '1,234 publications');
});

test('a value shows in the reader’s language, else the original, else English, else any', () => {
  const kk = translator('kk');
  assert.deepEqual(kk.pick({ en: 'Glossary', kk: 'Глоссарий' }, 'en'), { text: 'Глоссарий', lang: 'kk' });
  assert.deepEqual(kk.pick({ en: 'Glossary', ru: 'Глоссарий' }, 'ru'), { text: 'Глоссарий', lang: 'ru' });
  assert.deepEqual(kk.pick({ ky: 'Сөздүк', en: 'Glossary' }, 'uz'), { text: 'Glossary', lang: 'en' });
  assert.deepEqual(kk.pick({ ky: 'Сөздүк' }), { text: 'Сөздүк', lang: 'ky' });
  assert.equal(kk.pick({}), null);
});
