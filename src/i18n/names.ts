// Names of languages and countries as the office writes them in each interface language. The browser's
// and ICU's lists say "Киргизия" and "киргизский"; the office and the countries themselves say
// "Кыргызстан" and "кыргызский". Codes not listed here fall back to Intl.DisplayNames.
import type { UiLang } from './i18n.ts';

type Names = Record<string, Record<UiLang, string>>;

const LANGUAGES: Names = {
  en: { en: 'English', ru: 'английский', kk: 'ағылшын тілі', ky: 'англис тили' },
  ru: { en: 'Russian', ru: 'русский', kk: 'орыс тілі', ky: 'орус тили' },
  kk: { en: 'Kazakh', ru: 'казахский', kk: 'қазақ тілі', ky: 'казак тили' },
  ky: { en: 'Kyrgyz', ru: 'кыргызский', kk: 'қырғыз тілі', ky: 'кыргыз тили' },
  uz: { en: 'Uzbek', ru: 'узбекский', kk: 'өзбек тілі', ky: 'өзбек тили' },
  tg: { en: 'Tajik', ru: 'таджикский', kk: 'тәжік тілі', ky: 'тажик тили' },
  tk: { en: 'Turkmen', ru: 'туркменский', kk: 'түрікмен тілі', ky: 'түркмөн тили' },
};

const COUNTRIES: Names = {
  KZ: { en: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан', ky: 'Казакстан' },
  KG: { en: 'Kyrgyzstan', ru: 'Кыргызстан', kk: 'Қырғызстан', ky: 'Кыргызстан' },
  TJ: { en: 'Tajikistan', ru: 'Таджикистан', kk: 'Тәжікстан', ky: 'Тажикстан' },
  TM: { en: 'Turkmenistan', ru: 'Туркменистан', kk: 'Түрікменстан', ky: 'Түркмөнстан' },
  UZ: { en: 'Uzbekistan', ru: 'Узбекистан', kk: 'Өзбекстан', ky: 'Өзбекстан' },
  RU: { en: 'Russia', ru: 'Россия', kk: 'Ресей', ky: 'Россия' },
  AF: { en: 'Afghanistan', ru: 'Афганистан', kk: 'Ауғанстан', ky: 'Афганистан' },
  CN: { en: 'China', ru: 'Китай', kk: 'Қытай', ky: 'Кытай' },
  TR: { en: 'Türkiye', ru: 'Турция', kk: 'Түркия', ky: 'Түркия' },
  AZ: { en: 'Azerbaijan', ru: 'Азербайджан', kk: 'Әзірбайжан', ky: 'Азербайжан' },
  MN: { en: 'Mongolia', ru: 'Монголия', kk: 'Моңғолия', ky: 'Монголия' },
  UA: { en: 'Ukraine', ru: 'Украина', kk: 'Украина', ky: 'Украина' },
  BY: { en: 'Belarus', ru: 'Беларусь', kk: 'Беларусь', ky: 'Беларусь' },
  AE: {
    en: 'United Arab Emirates',
    ru: 'Объединённые Арабские Эмираты',
    kk: 'Біріккен Араб Әмірліктері',
    ky: 'Бириккен Араб Эмираттары',
  },
  KR: { en: 'South Korea', ru: 'Республика Корея', kk: 'Корея Республикасы', ky: 'Корея Республикасы' },
};

function named(table: Names, code: string, lang: UiLang, type: 'language' | 'region'): string {
  const own = table[code]?.[lang];
  if (own) return own;
  try {
    return displayNames(lang, type).of(code) ?? code;
  } catch {
    return code;
  }
}

const displays = new Map<string, Intl.DisplayNames>();
function displayNames(lang: UiLang, type: 'language' | 'region'): Intl.DisplayNames {
  const key = `${lang} ${type}`;
  let d = displays.get(key);
  if (!d) displays.set(key, (d = new Intl.DisplayNames([lang], { type })));
  return d;
}

/** A language's name in the reader's language ("кыргызский" for ky in Russian). */
export const languageName = (lang: UiLang, code: string): string => named(LANGUAGES, code, lang, 'language');

/** A country's name in the reader's language ("Кыргызстан" for KG in Russian), from its ISO 3166-1 code. */
export const countryName = (lang: UiLang, code: string): string => named(COUNTRIES, code.toUpperCase(), lang, 'region');
