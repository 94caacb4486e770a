// Links in the reader's language: English paths are unprefixed, the others start with /ru or /kk.
import type { UiLang } from '../i18n/i18n.ts';

export function href(lang: UiLang, path: string): string {
  return lang === 'en' ? path : path === '/' ? `/${lang}` : `/${lang}${path}`;
}

/** A query string from the non-empty values, for filter and paging links. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
