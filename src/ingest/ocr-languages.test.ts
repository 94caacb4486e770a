import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ocrLanguages, scriptOfOsd, scriptOfText } from './ocr-languages.ts';

test('OCR languages come from the hints, narrowed by the script', () => {
  const cases: Array<[string[], 'Cyrillic' | 'Latin' | null, string[]]> = [
    [['kk', 'ru', 'en'], 'Cyrillic', ['kaz', 'rus', 'eng']],
    [['ru'], 'Cyrillic', ['rus']],
    [['en'], 'Cyrillic', ['rus', 'eng']], // an English publication with a Cyrillic scan
    [['ky', 'kk', 'ru', 'tg'], 'Cyrillic', ['kir', 'kaz']],
    [['ru', 'en'], 'Latin', ['eng']],
    [['uz', 'ru'], null, ['uzb_cyrl', 'rus']],
    [['tg', 'ru', 'en', 'kk'], null, ['tgk', 'rus', 'eng']],
    [[], null, ['rus', 'eng']],
    [['de'], null, ['rus', 'eng']],
  ];
  for (const [hints, script, expected] of cases)
    assert.deepEqual(ocrLanguages(hints, script), expected, `${hints.join(',')} ${script}`);
});

test('the script of a text sample, and of Tesseract OSD output', () => {
  assert.equal(scriptOfText('Мигранты отправляют денежные переводы домой, и доклад описывает семьи'), 'Cyrillic');
  assert.equal(scriptOfText('Migrants send money home, and the report describes how families use it'), 'Latin');
  assert.equal(scriptOfText('Page 1'), null);
  assert.equal(
    scriptOfOsd('Page number: 0\nOrientation in degrees: 0\nScript: Cyrillic\nScript confidence: 4.2\n'),
    'Cyrillic',
  );
  assert.equal(scriptOfOsd('Script: Han\n'), null);
});
