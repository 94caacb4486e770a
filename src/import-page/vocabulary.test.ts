// Topic words with a * ending any word of a phrase ("трудов* мигра*"): Russian and Kazakh inflect every word.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importPage } from './import-page.ts';
import { pageFromText } from './lines.ts';
import { countTopics, phraseMatcher } from './vocabulary.ts';

test('a * ends any word of a phrase, not only the last', () => {
  const match = phraseMatcher(['трудов* мигра*', 'еңбек* көші-қон*', 'права мигрантов']);
  const found = (text: string): string[] => match(text).map((m) => m.text);
  assert.deepEqual(found('Трудовая миграция и положение трудовых мигрантов в России'), [
    'Трудовая миграция',
    'трудовых мигрантов',
  ]);
  assert.deepEqual(found('Еңбекші көші-қонының салдары'), ['Еңбекші көші-қонының']);
  // A word without * must end where the phrase says; a * word must still start with its stem.
  assert.deepEqual(found('правами мигрантов; трудоустройство мигрантов; трудовой рынок'), []);
  assert.deepEqual(found('права мигрантов'), ['права мигрантов']);
});

test('topics of Russian and Kazakh titles and descriptions', () => {
  const topics = (text: string): string[] => [...countTopics(text).keys()];
  assert.ok(topics('Трудовые мигранты из Кыргызстана на рынке труда России').includes('labour-migration'));
  assert.ok(topics('Обзор возвратной миграции в Таджикистан').includes('return-migration'));
  assert.ok(topics('Противодействие незаконной миграции и торговле людьми').includes('irregular-migration'));
  assert.ok(topics('Қазақстандағы еңбек көші-қонының әлеуметтік салдары').includes('labour-migration'));
  assert.ok(topics('Орталық Азиядағы мигранттардың құқықтарын қорғау').includes('migrants-rights'));
  assert.ok(topics('Адам саудасына қарсы іс-қимыл').includes('trafficking-in-persons'));
  assert.deepEqual(topics('Годовой отчёт о деятельности офиса'), []);
});

test('an imported Russian and Kazakh page gets its topics from inflected phrases', () => {
  const page = [
    'Публикации',
    '',
    'Трудовая миграция в Центральной Азии: положение трудовых мигрантов',
    'Год издания: 2019',
    'Язык: русский',
    '',
    'Еңбек көші-қонының әлеуметтік салдары',
    'Шыққан жылы: 2021',
    'Тілі: қазақ',
  ].join('\n');
  const { records } = importPage(pageFromText(page, 'text'));
  assert.deepEqual(
    records.map((r) => [r.year, r.topics.includes('labour-migration')]),
    [
      [2019, true],
      [2021, true],
    ],
  );
});
