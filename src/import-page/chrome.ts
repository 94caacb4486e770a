// Site chrome around a publications list: menus, breadcrumbs, pagination, footers, banners and
// sharing buttons, in English, Russian and Kazakh. Each such line is reported as not used, with the
// reason, instead of becoming a publication or part of one.

/** Words of a site's menu; a line made only of these (and separators) is navigation. */
const MENU_WORDS = new Set([
  'home',
  'about',
  'about us',
  'who we are',
  'what we do',
  'news',
  'media',
  'press',
  'events',
  'contact',
  'contacts',
  'contact us',
  'publications',
  'resources',
  'library',
  'reports',
  'research',
  'projects',
  'programmes',
  'programs',
  'careers',
  'jobs',
  'vacancies',
  'search',
  'menu',
  'login',
  'log in',
  'sign in',
  'register',
  'donate',
  'faq',
  'sitemap',
  'site map',
  'en',
  'ru',
  'kk',
  'ky',
  'english',
  'русский',
  'қазақша',
  'кыргызча',
  'главная',
  'о нас',
  'новости',
  'контакты',
  'публикации',
  'проекты',
  'мероприятия',
  'поиск',
  'меню',
  'вакансии',
  'ресурсы',
  'библиотека',
  'басты бет',
  'біз туралы',
  'жаңалықтар',
  'байланыс',
  'жарияланымдар',
  'жобалар',
  'іздеу',
  'іс-шаралар',
  'мәзір',
  'бос орындар',
  'facebook',
  'twitter',
  'x',
  'linkedin',
  'youtube',
  'instagram',
  'telegram',
  'vk',
  'print',
  'share',
  'email',
  'e-mail',
  'rss',
  'печать',
  'поделиться',
  'басып шығару',
  'бөлісу',
]);

const RULES: Array<[RegExp, string]> = [
  [/^(?:you are here|вы здесь|вы находитесь здесь|сіз осындасыз|сіз мұндасыз)\s*:?/iu, 'site navigation (breadcrumbs)'],
  [/^(?:home|главная|басты бет|башкы бет)\s*[>»/›→]\s*\S/iu, 'site navigation (breadcrumbs)'],
  [
    /^(?:last updated|last modified|updated on|page updated|последнее обновление|обновлено|дата обновления|соңғы жаңарту|жаңартылған)\b.{0,60}$/iu,
    'page metadata (last updated)',
  ],
  [
    /^(?:showing|displaying|results?|показано|показаны|отображено|результаты|көрсетілген)\s+\d+\s*(?:[–—-]|to|по|до)\s*\d+\s+(?:of|из|ішінен|барлығы)\s+\d+/iu,
    'pagination',
  ],
  [/^(?:page|страница|стр\.|бет)\s+\d+\s+(?:of|из|\/|ішінен)\s+\d+$/iu, 'pagination'],
  [
    /^(?:[«‹<]+\s*)?(?:(?:first|prev(?:ious)?|назад|предыдущая|первая|алдыңғы|бірінші)\s*)?(?:(?:\d{1,4}|…|\.\.\.)\s*){2,}(?:(?:next|last|далее|следующая|последняя|вперед|вперёд|келесі|соңғы)\s*)?(?:[»›>]+)?$/iu,
    'pagination',
  ],
  [
    /^(?:[«‹<]+\s*)?(?:first|prev(?:ious)?|next|last|older|newer|load more|show more|назад|вперед|вперёд|далее|показать ещё|показать еще|загрузить ещё|келесі|алдыңғы|тағы көрсету)(?:\s+(?:page|entries|posts|publications|страница|публикации))?\s*[»›>]*$/iu,
    'pagination',
  ],
  [/^(?:©|\(c\)|copyright\b)|all rights reserved|все права защищены|барлық құқықтар қорғалған/iu, 'site footer'],
  [
    /^(?:privacy policy|terms of use|terms and conditions|cookie policy|disclaimer|политика конфиденциальности|условия использования|құпиялылық саясаты)\b/iu,
    'site footer',
  ],
  [
    /^(?:follow us|subscribe|sign up for our newsletter|подписывайтесь|подпишитесь|подписаться на рассылку|бізге жазылыңыз|жазылу)\b/iu,
    'site footer',
  ],
  [
    /\b(?:uses cookies|use cookies|использует (?:файлы )?cookie|cookie файлдарын)\b|^(?:accept(?: all)?(?: cookies)?|принять|қабылдау)$/iu,
    'cookie banner',
  ],
  [
    /^(?:skip to (?:main )?content|skip navigation|перейти к (?:основному )?содержанию|перейти к содержимому|негізгі мазмұнға өту)$/iu,
    'site navigation',
  ],
  [/^(?:share|share this|поделиться|бөлісу)\s*:/iu, 'sharing buttons'],
  [/^(?:filter by|sort by|фильтр|сортировать по|сұрыптау)\b.{0,80}$/iu, 'list filters'],
];

/** Why a line is site chrome rather than part of a publication, or null. */
export function chromeReason(text: string): string | null {
  const t = text.trim();
  if (!t || t.length > 160) return null;
  for (const [re, reason] of RULES) {
    // "2018 2019 2020" are years (a heading or a filter), not page numbers.
    if (re.test(t) && !(reason === 'pagination' && /(?:19|20)\d{2}/.test(t) && !/\D\d{1,3}\b/.test(` ${t}`)))
      return reason;
  }
  const items = t
    .split(/\s*[|•·/›»>]\s*|\s{2,}/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  // "Home | About us | Publications | Contact": at least two menu words and nothing else.
  if (items.length >= 2 && items.every((i) => MENU_WORDS.has(i))) return 'site navigation';
  if (
    items.length === 1 &&
    MENU_WORDS.has(items[0]!) &&
    !/^(?:publications|публикации|жарияланымдар|library|resources|reports|research)$/i.test(items[0]!)
  )
    return 'site navigation';
  // "Home About us News Contacts": menu words written one after another.
  return menuRun(t) ? 'site navigation' : null;
}

/** A line made of three or more menu words with nothing between them. */
function menuRun(t: string): boolean {
  const words = t.toLowerCase().split(/\s+/);
  let n = 0;
  for (let i = 0; i < words.length; ) {
    const two = `${words[i]} ${words[i + 1] ?? ''}`;
    const three = `${two} ${words[i + 2] ?? ''}`;
    if (MENU_WORDS.has(three)) i += 3;
    else if (MENU_WORDS.has(two)) i += 2;
    else if (MENU_WORDS.has(words[i]!)) i += 1;
    else return false;
    n++;
  }
  return n >= 3;
}
