// Addresses people type, mapped to the one address of each page (answered with 301 by src/app.ts):
// trailing slashes, upper-case slugs, /en (English has no prefix), /kz (Kazakh is /kk), /search.
import { UI_LANGUAGES } from '../i18n/i18n.ts';

// Language codes people type for ours: the country code for Kazakh, the language's own for English.
const LANGUAGE_ALIASES: Record<string, string> = { en: '', kz: 'kk', kg: 'ky' };
const SLUGGED = /^\/(publications|organisations|people|projects|topics)\/([^/]+)(.*)$/;

/** The canonical form of a GET path, or null when it already is canonical. */
export function canonicalPath(path: string): string | null {
  let rest = path;
  let prefix = '';
  const first = /^\/([A-Za-z]{2})(?=\/|$)/.exec(rest);
  if (first) {
    const code = first[1]!.toLowerCase();
    const alias = LANGUAGE_ALIASES[code];
    const known = (UI_LANGUAGES as readonly string[]).includes(code) && code !== 'en';
    if (known || (alias !== undefined && (alias === '' || (UI_LANGUAGES as readonly string[]).includes(alias)))) {
      prefix = known ? `/${code}` : alias ? `/${alias}` : '';
      rest = rest.slice(3);
    }
  }
  if (rest.length > 1) rest = rest.replace(/\/+$/, '');
  if (rest === '/search' || rest.startsWith('/search/')) rest = '/publications';
  const slugged = SLUGGED.exec(rest);
  // Only the slug is folded: a file's name after it keeps its case.
  if (slugged) rest = `/${slugged[1]}/${slugged[2]!.toLowerCase()}${slugged[3]}`;
  const canonical = prefix + (rest === '/' && prefix ? '' : rest) || '/';
  return canonical === path ? null : canonical;
}
