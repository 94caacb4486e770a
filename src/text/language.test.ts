import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectLanguage, detectLanguages, foldCyrillicLookalikes } from './language.ts';

const texts: Record<string, string> = {
  en: 'The regional office supports governments in managing labour migration. Migrants send remittances home, and the report describes how families use them for education, health and housing.',
  ru: 'Региональное бюро поддерживает правительства в управлении трудовой миграцией. Мигранты отправляют денежные переводы домой, и доклад описывает, как семьи используют их для образования и здоровья.',
  kk: 'Өңірлік кеңсе үкіметтерге еңбек көші-қонын басқаруға көмектеседі. Көшіп-қонушылар үйлеріне ақша аударады, ал баяндамада отбасылардың оны білім алуға, денсаулыққа және тұрғын үйге қалай жұмсайтыны сипатталады.',
  ky: 'Аймактык кеңсе өкмөттөргө эмгек миграциясын башкарууга жардам берет. Мигранттар үйлөрүнө акча которушат, ал эми баяндамада үй-бүлөлөр аны билим алууга, ден соолукка жана турак жайга кантип жумшаары сүрөттөлөт.',
  uz: 'Mintaqaviy idora hukumatlarga mehnat migratsiyasini boshqarishda yordam beradi. Migrantlar uylariga pul o‘tkazmalarini yuboradilar va hisobotda oilalar ulardan ta’lim, sog‘liq va uy-joy uchun qanday foydalanishi tasvirlangan.',
  tg: 'Дафтари минтақавӣ ба ҳукуматҳо дар идоракунии муҳоҷирати меҳнатӣ кӯмак мерасонад. Муҳоҷирон ба хонаҳояшон пул мефиристанд ва дар гузориш тасвир шудааст, ки оилаҳо онро барои таҳсил, саломатӣ ва манзил чӣ гуна истифода мебаранд.',
};

test('detects our languages', () => {
  for (const [code, text] of Object.entries(texts)) assert.equal(detectLanguage(text), code, code);
});

test('answers null when unsure or for other languages', () => {
  const cases: Array<[string, string]> = [
    ['too short', 'РЕСПУБЛИКАСЫ'],
    ['no letters', '12 345 678 — 2024/2025'],
    ['empty', ''],
    [
      'German',
      'Das Regionalbüro unterstützt Regierungen bei der Steuerung der Arbeitsmigration. Migranten schicken Geld nach Hause, und der Bericht beschreibt, wie Familien es für Bildung und Gesundheit verwenden.',
    ],
  ];
  for (const [name, text] of cases) assert.equal(detectLanguage(text), null, name);
});

test('answers another language when it is a candidate', () => {
  const german =
    'Das Regionalbüro unterstützt Regierungen bei der Steuerung der Arbeitsmigration. Migranten schicken Geld nach Hause, und der Bericht beschreibt, wie Familien es für Bildung und Gesundheit verwenden.';
  assert.equal(detectLanguage(german, ['de', 'en']), 'de');
});

test('foldCyrillicLookalikes folds legacy Kazakh letters', () => {
  assert.equal(foldCyrillicLookalikes('ӛлең Ӛзен бiр тiрi, Wi-Fi'), 'өлең Өзен бір тірі, Wi-Fi');
});

test('short Russian labels are Russian; one Turkic word stays undecided', () => {
  assert.equal(detectLanguage('Номер полиса'), 'ru');
  assert.equal(detectLanguage('Разраб. Пров. Т.контр. Н.контр. Утв. Лит. Масса Масштаб Лист Листов'), 'ru');
  assert.equal(detectLanguage('РЕСПУБЛИКАСЫ'), null);
  assert.equal(detectLanguage('Өңірлік кеңсе'), null, 'Kazakh letters: not Russian, too short for more');
});

test('the main language and the others present', () => {
  const bibliography = [
    `${texts.ru} Список литературы приводится на языке оригинала.`,
    '1. Иванов И. И. Трудовая миграция в Центральной Азии. Москва: Наука, 2015. 240 с.',
    '2. Smith J. Labour migration and remittances in Central Asia. London: Routledge, 2016. The book describes how families use the money.',
    `3. ${texts.en}`,
    `4. ${texts.ru}`,
  ].join('\n');
  assert.deepEqual(detectLanguages(bibliography), { main: 'ru', others: ['en'] });
  assert.deepEqual(detectLanguages(texts.kk), { main: 'kk', others: [] });
  assert.deepEqual(detectLanguages(`${texts.en} ${texts.en}`), { main: 'en', others: [] });
  assert.deepEqual(detectLanguages(''), { main: null, others: [] });
});
