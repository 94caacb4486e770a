import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repairCp1251Mojibake } from './mojibake.ts';

test('re-decodes Cyrillic read as Windows-1252 or Latin-1', () => {
  const cases: Array<[string, string]> = [
    ['Ïðåäèñëîâèå', 'Предисловие'],
    ['Ïðèâåò, ìèð! Ýòî òåñò ¸æèêà.', 'Привет, мир! Это тест ёжика.'],
    ['Ãëàâà 1. Ââåäåíèå (ñ. 12) – ñì. «Èòîãè»', 'Глава 1. Введение (с. 12) – см. «Итоги»'],
    ['Report 2024: Ìèãðàöèÿ è ðàçâèòèå', 'Report 2024: Миграция и развитие'],
  ];
  for (const [input, expected] of cases)
    assert.deepEqual(repairCp1251Mojibake(input), { text: expected, repaired: true }, input);
});

test('leaves real Latin-script text alone', () => {
  for (const text of ['Café déjà été à Paris', 'Straße über Größe', 'Ærø og Øster', 'plain ascii', 'Предисловие', '']) {
    assert.deepEqual(repairCp1251Mojibake(text), { text, repaired: false }, text);
  }
});
