import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cyrillicToLatin, latinToCyrillic, skeleton, skeletonCandidates } from './translit.ts';

test('Latin to Russian Cyrillic, as Russian text spells the names', () => {
  const cases: Array<[string, string]> = [
    ['Kyrgyzstan', 'кыргызстан'],
    ['Kazakhstan', 'казахстан'],
    ['Tajikistan', 'таджикистан'],
    ['Almaty', 'алматы'],
    ['Bishkek', 'бишкек'],
    ['Sultanova', 'султанова'],
    ['migratsiya', 'миграция'],
    ['Aybek', 'айбек'],
    ['Dmitriy', 'дмитрий'],
    ['Yerlan', 'ерлан'],
    ['Shchukin', 'щукин'],
    ['Zhanna', 'жанна'],
    ['Uzbekistan', 'узбекистан'],
    ['Chüy', 'чуй'],
  ];
  for (const [lat, cyr] of cases) assert.equal(latinToCyrillic(lat), cyr, lat);
});

test('Russian and Kazakh Cyrillic to Latin', () => {
  const cases: Array<[string, string]> = [
    ['Кыргызстан', 'Kyrgyzstan'],
    ['Казахстан', 'Kazakhstan'],
    ['Щукин', 'Shchukin'],
    ['трудовая миграция', 'trudovaya migratsiya'],
    ['Қазақстан', 'Kazakstan'],
    ['көші-қон', 'koshi-kon'],
    ['Әйгерім', 'Aygerim'],
    ['Жаңаөзен', 'Zhangaozen'],
    ['объект', 'obekt'],
  ];
  for (const [cyr, lat] of cases) assert.equal(cyrillicToLatin(cyr), lat, cyr);
});

test('the skeleton makes spellings of one name in either script equal', () => {
  const groups = [
    ['Kazakhstan', 'Казахстан', 'Қазақстан', 'Qazaqstan', 'KAZAKHSTAN'],
    ['Kyrgyzstan', 'Кыргызстан', 'Қырғызстан', 'Kirghizstan'],
    ['Tajikistan', 'Таджикистан', 'Tadzhikistan'],
    ['Ainura', 'Айнура'],
    ['Aigerim', 'Айгерим', 'Әйгерім'],
    ['Nazarbayev', 'Назарбаев'],
    ['Yevgeniy', 'Евгений', 'Evgeny'],
    ['Aliya', 'Алия'],
    ['Zhanna', 'Жанна'],
    ['Berkovic', 'Беркович', 'Berković'],
    ['Franulovic', 'Франулович'],
    ['Shymkent', 'Шымкент'],
    ['Vedrasco', 'Ведраско'],
    ['Hadjiemmanuel', 'Хаджиэммануэль'],
  ];
  for (const g of groups) {
    const keys = new Set(g.map(skeleton));
    assert.equal(keys.size, 1, `${g.join(', ')} → ${[...keys].join(', ')}`);
  }
  assert.notEqual(skeleton('Kazakhstan'), skeleton('Kyrgyzstan'));
  assert.equal(skeleton('Kazakhstan'), 'kazakstan');
});

test('Russian typed in every common romanisation has the key of its Cyrillic spelling among its candidates', () => {
  // GOST 7.79-B, ISO 9, BGN/PCGN, Library of Congress, passport (2014), informal.
  const words: Record<string, string[]> = {
    объявление: ['ob``yavlenie', 'obʺâvlenie', 'ob"yavleniye', 'obʺiavlenie', 'obyavlenie', 'objavlenie'],
    щука: ['shhuka', 'ŝuka', 'shchuka', 'schuka'],
    жизнь: ['zhizn`', 'žizn', "zhizn'", 'zhizn'],
    цена: ['czena', 'cena', 'tsena'],
    хлеб: ['xleb', 'hleb', 'khleb'],
    район: ['rajon', 'rayon', 'raion'],
    этаж: ['e`tazh', 'ètaž', 'etazh', 'ėtazh'],
    юрист: ['yurist', 'ûrist', 'iurist', 'jurist'],
    семья: ["sem'ya", 'semya', 'semja', 'semia', 'sem`ya'],
    миграция: ['migraciya', 'migratsiya', 'migracija', 'migratsiia', 'migraciâ'],
    подъезд: ['pod``ezd', 'podʺezd', 'podyezd', 'podezd'],
  };
  for (const [cyrillic, latins] of Object.entries(words)) {
    for (const latin of latins)
      assert.ok(
        skeletonCandidates(latin).includes(skeleton(cyrillic)),
        `${latin} → ${skeletonCandidates(latin).join(', ')}; ${cyrillic} → ${skeleton(cyrillic)}`,
      );
  }
});

test('Kazakh typed in the 2021 alphabet, the 2017 and 2018 variants and informally has the key of its Cyrillic spelling', () => {
  const words: Record<string, string[]> = {
    Қазақстан: ['Qazaqstan', 'Kazakstan', 'Kazakhstan'],
    ауыл: ['auyl', 'aýyl', 'awyl'],
    өңір: ['öñır', 'óńir', "o'n'ir", 'onir'],
    шешім: ['şeşım', 'sheshim', "s'es'im"],
    жұмыс: ['jūmys', 'jumys', 'zhumys'],
    еңбек: ['eñbek', 'eńbek', "en'bek", 'enbek', 'engbek'],
    ғылым: ['ğylym', 'ǵylym', "g'ylym", 'gylym'],
    үкімет: ['ükımet', 'úkimet', "u'kimet", 'ukimet'],
  };
  for (const [cyrillic, latins] of Object.entries(words)) {
    for (const latin of latins)
      assert.ok(
        skeletonCandidates(latin).includes(skeleton(cyrillic)),
        `${latin} → ${skeletonCandidates(latin).join(', ')}; ${cyrillic} → ${skeleton(cyrillic)}`,
      );
  }
});
