// The reader's language: message look-up with Intl plural rules, and choosing among a value's languages.
import type { LocalizedText } from '../domain/publication.ts';
import { en, type Messages } from './messages/en.ts';
import { kk } from './messages/kk.ts';
import { ky } from './messages/ky.ts';
import { ru } from './messages/ru.ts';

export const UI_LANGUAGES = ['en', 'ru', 'kk', 'ky'] as const;
export type UiLang = (typeof UI_LANGUAGES)[number];

/** The interface languages whose pages live under /<code>/ (English has no prefix). */
export const PREFIXED_LANGUAGES = UI_LANGUAGES.filter((l) => l !== 'en');
/** Matches a path's language prefix ("/ru", "/kk/…"): the language is group 1. */
export const LANG_PREFIX = new RegExp(`^/(${PREFIXED_LANGUAGES.join('|')})(?=/|$)`);
/** The same as a fragment for other patterns: an optional "/ru", "/kk", … */
export const LANG_PREFIX_SOURCE = `(?:/(?:${PREFIXED_LANGUAGES.join('|')}))?`;
export type MessageKey = keyof Messages;
/** A message is a string with {placeholders}, or one string per plural category. */
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;

export const CATALOGUES: Record<UiLang, Record<string, Message>> = { en, ru, kk, ky };

export interface Translator {
  lang: UiLang;
  /** The message for key, with {name} placeholders filled; plural messages choose by vars.count. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** The value in the reader's language, else the original language, else any: with the language it is in. */
  pick(value: LocalizedText | null | undefined, original?: string): { text: string; lang: string } | null;
  number(n: number): string;
}

const cache = new Map<UiLang, Translator>();

export function isUiLang(s: string | undefined): s is UiLang {
  return (UI_LANGUAGES as readonly string[]).includes(s ?? '');
}

/** The translator for a language; built once per language. */
export function translator(lang: UiLang): Translator {
  const hit = cache.get(lang);
  if (hit) return hit;
  const messages = CATALOGUES[lang];
  const plurals = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const tr: Translator = {
    lang,
    t(key, vars) {
      const m = messages[key] ?? (en as Record<string, Message>)[key] ?? key;
      let s: string;
      if (typeof m === 'string') s = m;
      else {
        const n = Number(vars?.count ?? 0);
        s = m[plurals.select(n)] ?? m.other ?? '';
      }
      return vars
        ? s.replace(/\{(\w+)\}/g, (_, k: string) =>
            vars[k] === undefined ? `{${k}}` : typeof vars[k] === 'number' ? numbers.format(vars[k]) : String(vars[k]),
          )
        : s;
    },
    pick(value, original) {
      if (!value) return null;
      const v = value as Record<string, string>;
      for (const l of [lang, original, 'en']) if (l && v[l]) return { text: v[l], lang: l };
      const first = Object.entries(v)[0];
      return first ? { text: first[1], lang: first[0] } : null;
    },
    number: (n) => numbers.format(n),
  };
  cache.set(lang, tr);
  return tr;
}
