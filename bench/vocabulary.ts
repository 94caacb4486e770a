// Word pools for the synthetic catalogue: migration themes and places in four languages, and the
// entity pools publications draw from. Invented data, shaped like the real catalogue.

type Words = { en: string; ru: string; kk: string; ky: string };

/** Themes a title is built around. */
export const THEMES: Words[] = [
  { en: 'Labour Migration', ru: 'Трудовая миграция', kk: 'Еңбек көші-қоны', ky: 'Эмгек миграциясы' },
  {
    en: 'Remittances and Household Welfare',
    ru: 'Денежные переводы и благосостояние домохозяйств',
    kk: 'Ақша аударымдары және үй шаруашылығы',
    ky: 'Акча которуулар жана үй чарбалары',
  },
  {
    en: 'Return and Reintegration',
    ru: 'Возвращение и реинтеграция',
    kk: 'Оралу және реинтеграция',
    ky: 'Кайтуу жана реинтеграция',
  },
  { en: 'Border Management', ru: 'Управление границами', kk: 'Шекараны басқару', ky: 'Чек араны башкаруу' },
  {
    en: 'Counter-Trafficking',
    ru: 'Противодействие торговле людьми',
    kk: 'Адам саудасына қарсы іс-қимыл',
    ky: 'Адам сатууга каршы аракет',
  },
  {
    en: 'Migrants’ Access to Health Care',
    ru: 'Доступ мигрантов к здравоохранению',
    kk: 'Мигранттардың денсаулық сақтауға қолжетімділігі',
    ky: 'Мигранттардын саламаттыкты сактоого жетүүсү',
  },
  {
    en: 'Diaspora Engagement',
    ru: 'Взаимодействие с диаспорой',
    kk: 'Диаспорамен өзара іс-қимыл',
    ky: 'Диаспора менен кызматташуу',
  },
  {
    en: 'Climate Change and Mobility',
    ru: 'Изменение климата и мобильность',
    kk: 'Климаттың өзгеруі және көші-қон',
    ky: 'Климаттын өзгөрүшү жана миграция',
  },
  { en: 'Internal Migration', ru: 'Внутренняя миграция', kk: 'Ішкі көші-қон', ky: 'Ички миграция' },
  {
    en: 'Rights of Migrant Workers',
    ru: 'Права трудящихся-мигрантов',
    kk: 'Еңбекші мигранттардың құқықтары',
    ky: 'Эмгек мигранттарынын укуктары',
  },
  { en: 'Migration Governance', ru: 'Управление миграцией', kk: 'Көші-қонды басқару', ky: 'Миграцияны башкаруу' },
  {
    en: 'Children Left Behind',
    ru: 'Дети мигрантов, оставшиеся на родине',
    kk: 'Елде қалған мигранттардың балалары',
    ky: 'Мекенде калган мигранттардын балдары',
  },
  { en: 'Women in Migration', ru: 'Женщины в миграции', kk: 'Көші-қондағы әйелдер', ky: 'Миграциядагы аялдар' },
  {
    en: 'Pre-Departure Orientation',
    ru: 'Подготовка перед выездом',
    kk: 'Сапар алдындағы дайындық',
    ky: 'Жолго чыгуу алдындагы даярдык',
  },
  {
    en: 'Migration Data and Statistics',
    ru: 'Миграционные данные и статистика',
    kk: 'Көші-қон деректері мен статистикасы',
    ky: 'Миграция маалыматтары жана статистика',
  },
  { en: 'Stateless Persons', ru: 'Лица без гражданства', kk: 'Азаматтығы жоқ адамдар', ky: 'Жарандыгы жок адамдар' },
];

/** Places a title is about. */
export const PLACES: Words[] = [
  { en: 'Central Asia', ru: 'Центральной Азии', kk: 'Орталық Азиядағы', ky: 'Борбордук Азиядагы' },
  { en: 'Kazakhstan', ru: 'Казахстане', kk: 'Қазақстандағы', ky: 'Казакстандагы' },
  {
    en: 'the Kyrgyz Republic',
    ru: 'Кыргызской Республике',
    kk: 'Қырғыз Республикасындағы',
    ky: 'Кыргыз Республикасындагы',
  },
  { en: 'Tajikistan', ru: 'Таджикистане', kk: 'Тәжікстандағы', ky: 'Тажикстандагы' },
  { en: 'Uzbekistan', ru: 'Узбекистане', kk: 'Өзбекстандағы', ky: 'Өзбекстандагы' },
  { en: 'Turkmenistan', ru: 'Туркменистане', kk: 'Түрікменстандағы', ky: 'Түркмөнстандагы' },
  {
    en: 'the Russian Federation',
    ru: 'Российской Федерации',
    kk: 'Ресей Федерациясындағы',
    ky: 'Россия Федерациясындагы',
  },
  { en: 'the Fergana Valley', ru: 'Ферганской долине', kk: 'Ферғана алқабындағы', ky: 'Фергана өрөөнүндөгү' },
  { en: 'Almaty and Astana', ru: 'Алматы и Астане', kk: 'Алматы мен Астанадағы', ky: 'Алматы жана Астанадагы' },
  { en: 'Osh and Batken', ru: 'Оше и Баткене', kk: 'Ош пен Баткендегі', ky: 'Ош жана Баткендеги' },
];

/** What a title says the document is. */
export const FORMS: Words[] = [
  { en: 'A Baseline Study', ru: 'базовое исследование', kk: 'бастапқы зерттеу', ky: 'баштапкы изилдөө' },
  { en: 'Assessment Report', ru: 'оценочный доклад', kk: 'бағалау баяндамасы', ky: 'баалоо баяндамасы' },
  {
    en: 'A Handbook for Practitioners',
    ru: 'пособие для специалистов',
    kk: 'мамандарға арналған нұсқаулық',
    ky: 'адистер үчүн колдонмо',
  },
  { en: 'Policy Brief', ru: 'аналитическая записка', kk: 'талдамалық жазба', ky: 'аналитикалык жазма' },
  { en: 'Survey Findings', ru: 'результаты опроса', kk: 'сауалнама нәтижелері', ky: 'сурамжылоонун жыйынтыктары' },
  { en: 'Lessons Learned', ru: 'извлечённые уроки', kk: 'алынған сабақтар', ky: 'алынган сабактар' },
  { en: 'Training Manual', ru: 'учебное пособие', kk: 'оқу құралы', ky: 'окуу куралы' },
  { en: 'Situation Analysis', ru: 'анализ ситуации', kk: 'жағдайды талдау', ky: 'абалды талдоо' },
];

/** About 500 authors: given × family names, Latin with Latin and Cyrillic with Cyrillic. */
export const PEOPLE: string[] = [
  [
    [
      'Aigerim',
      'Nurlan',
      'Madina',
      'Bakyt',
      'Olga',
      'Timur',
      'Gulnara',
      'Erlan',
      'Anna',
      'Rustam',
      'Zarina',
      'Daniyar',
      'Elena',
      'Farrukh',
      'Saltanat',
      'Marat',
      'Svetlana',
      'Azamat',
      'Dilnoza',
      'Sergei',
    ],
    [
      'Abdrakhmanova',
      'Sultanov',
      'Ivanova',
      'Nazarbekov',
      'Petrova',
      'Karimov',
      'Omarova',
      'Tokayev',
      'Smirnova',
      'Rakhimov',
      'Dzhaksybekova',
      'Usmonov',
      'Kuznetsova',
      'Alimov',
      'Beisenova',
      'Yusupov',
      'Brown',
      'Müller',
      'Dubois',
      'Rossi',
    ],
  ],
  [
    ['Айгүл', 'Нурбек', 'Жанна', 'Асель', 'Бекжан', 'Гүлмира', 'Ерлан', 'Динара', 'Талгат', 'Әсем'],
    [
      'Жумабаева',
      'Осмонов',
      'Садыкова',
      'Ермеков',
      'Исаков',
      'Токтогулова',
      'Сейтказиев',
      'Бекова',
      'Асанов',
      'Кадырова',
    ],
  ],
].flatMap(([first, last]) => first!.flatMap((f) => last!.map((l) => `${f} ${l}`)));

/** About 40 organisations; the first few publish, the rest fund or partner. */
export const ORGANISATIONS: Array<{ name: string; abbreviation?: string }> = [
  ['International Organization for Migration', 'IOM'],
  ['United Nations Development Programme', 'UNDP'],
  ['International Labour Organization', 'ILO'],
  ['United Nations Children’s Fund', 'UNICEF'],
  ['Office of the UN High Commissioner for Refugees', 'UNHCR'],
  ['UN Women'],
  ['Organization for Security and Co-operation in Europe', 'OSCE'],
  ['World Bank'],
  ['Asian Development Bank', 'ADB'],
  ['European Union', 'EU'],
  ['United States Agency for International Development', 'USAID'],
  ['Swiss Agency for Development and Cooperation', 'SDC'],
  ['Deutsche Gesellschaft für Internationale Zusammenarbeit', 'GIZ'],
  ['UK Foreign, Commonwealth & Development Office', 'FCDO'],
  ['Government of Japan'],
  ['Norwegian Ministry of Foreign Affairs'],
  ['Swedish International Development Cooperation Agency', 'Sida'],
  ['Ministry of Labour and Social Protection of Kazakhstan'],
  ['State Migration Service of the Kyrgyz Republic'],
  ['Ministry of Labour, Migration and Employment of Tajikistan'],
  ['Agency for External Labour Migration of Uzbekistan'],
  ['Eurasian Economic Commission', 'EEC'],
  ['Central Asian Regional Migration Program', 'CARMP'],
  ['Red Crescent Society of Kazakhstan'],
  ['Red Crescent Society of Kyrgyzstan'],
  ['Legal Clinic Adilet'],
  ['Sana Sezim'],
  ['Insan-Leilek'],
  ['Fund Tugan Zher'],
  ['Eurasian Research Institute'],
  ['Nazarbayev University'],
  ['American University of Central Asia', 'AUCA'],
  ['OSCE Academy Bishkek'],
  ['Союз кризисных центров Казахстана'],
  ['Общественный фонд «Мигрант»'],
  ['Центр поддержки трудящихся-мигрантов'],
  ['Caritas Kazakhstan'],
  ['Helvetas'],
  ['Save the Children'],
  ['Winrock International'],
].map(([name, abbreviation]) => (abbreviation ? { name: name!, abbreviation } : { name: name! }));

/** About 30 projects. */
export const PROJECTS: Array<{ name: string; abbreviation?: string }> = Array.from({ length: 30 }, (_, i) => {
  const t = THEMES[i % THEMES.length]!.en;
  return i % 3 === 0
    ? { name: `${t} Programme, phase ${1 + Math.floor(i / 16)}`, abbreviation: `P${i + 1}` }
    : { name: `${t} in Central Asia ${2000 + i}` };
});

/** About 40 topics with labels in three languages. */
export const TOPICS = [
  ...THEMES.map((w) => ({ label: { en: w.en, ru: w.ru, kk: w.kk } })),
  ...[
    'gender',
    'youth',
    'education',
    'employment',
    'social protection',
    'legal aid',
    'consular services',
    'integration',
    'xenophobia',
    'covid-19',
    'disability',
    'older persons',
    'skills recognition',
    'recruitment',
    'border communities',
    'refugees',
    'asylum',
    'citizenship',
    'family reunification',
    'seasonal work',
    'agriculture',
    'construction',
    'digital remittances',
    'housing',
  ].map((t) => ({ label: { en: t } })),
].map((t) => ({
  slug: t.label.en
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, ''),
  label: t.label,
}));

export const COUNTRIES = ['KZ', 'KG', 'TJ', 'UZ', 'TM', 'RU', 'AF', 'AZ', 'TR', 'KR'];
