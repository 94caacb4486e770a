// Names of organisations, people, projects and topics in the reader's language: the one place that knows
// how a person's name is ordered in each language and what a citation needs of it. No I/O.
import type { LocalizedText } from './publication.ts';

/** The languages staff give entity names in. */
export const NAME_LANGUAGES = ['en', 'ru', 'kk', 'ky'] as const;
export type NameLanguage = (typeof NAME_LANGUAGES)[number];

/** A person's name in parts, each part per language; a part may be missing (no patronymic, one name only). */
export interface PersonNameParts {
  given: LocalizedText;
  family: LocalizedText;
  patronymic: LocalizedText;
}

/**
 * How a full name is written in each language. English: "Aigerim Bekova" (a patronymic only stands in for a
 * missing family name). Russian, Kazakh and Kyrgyz, as in official lists and library catalogues of the region:
 * "Бекова Айгерим Нурлановна". Other content languages follow English.
 */
const FAMILY_FIRST = new Set(['ru', 'kk', 'ky']);

/** The full name in one language from that language's parts; null when the language has none. */
export function personDisplayName(parts: PersonNameParts, lang: string): string | null {
  const get = (m: LocalizedText) => (m as Record<string, string | undefined>)[lang]?.trim() || '';
  const given = get(parts.given),
    family = get(parts.family),
    patronymic = get(parts.patronymic);
  if (!given && !family) return null;
  const words = FAMILY_FIRST.has(lang) ? [family, given, patronymic] : [given, family ? '' : patronymic, family];
  return words.filter(Boolean).join(' ');
}

/** The full name in every language that has parts: what the store keeps as the person's `names`. */
export function personDisplayNames(parts: PersonNameParts): LocalizedText {
  const langs = new Set([...Object.keys(parts.given), ...Object.keys(parts.family)]);
  const out: Record<string, string> = {};
  for (const l of langs) {
    const n = personDisplayName(parts, l);
    if (n) out[l] = n;
  }
  return out as LocalizedText;
}

/** A value in the first of the languages that has one, else in any; null when empty. */
function pick(
  value: LocalizedText | null | undefined,
  langs: Array<string | null | undefined>,
): { text: string; lang: string } | null {
  const v = (value ?? {}) as Record<string, string | undefined>;
  for (const l of langs) if (l && v[l]) return { text: v[l]!, lang: l };
  const first = Object.entries(v).find(([, t]) => t);
  return first ? { text: first[1]!, lang: first[0] } : null;
}

/**
 * The name of an organisation, person, project or topic for a reader of `lang`: in that language, else the
 * `original` language given (a publication's), else English, else any. `lang` says which one it is, so a page
 * can mark a fallback with lang=. Every page, feed and citation reads entity names through this.
 */
export function entityName(
  entity: { name: LocalizedText },
  lang: string,
  original?: string,
): { text: string; lang: string } | null {
  return pick(entity.name, [lang, original, 'en']);
}

/** The abbreviation in the reader's language, else the default one; null when the entity has none. */
export function entityAbbreviation(
  entity: { abbreviation?: string | null; abbreviations?: LocalizedText | null },
  lang: string,
): string | null {
  return (
    (entity.abbreviations as Record<string, string | undefined> | null | undefined)?.[lang] ||
    entity.abbreviation ||
    null
  );
}

/**
 * A person as a citation names them, in the first of `langs` that has the parts: family name, and the given
 * name with the patronymic (so GOST's initials read "Бекова А. Н."); a person known by a single string only
 * (no parts) gets null and the caller splits that string as before.
 */
export function citationName(
  person: Partial<PersonNameParts>,
  langs: Array<string | null | undefined>,
): { family?: string; given?: string; lang: string } | null {
  const parts: PersonNameParts = {
    given: person.given ?? {},
    family: person.family ?? {},
    patronymic: person.patronymic ?? {},
  };
  const has = (l: string) =>
    Boolean((parts.family as Record<string, string>)[l] || (parts.given as Record<string, string>)[l]);
  const lang = [...langs, 'en', ...Object.keys(parts.family), ...Object.keys(parts.given)].find(
    (l): l is string => Boolean(l) && has(l!),
  );
  if (!lang) return null;
  const get = (m: LocalizedText) => (m as Record<string, string | undefined>)[lang]?.trim() || undefined;
  const given = [get(parts.given), get(parts.patronymic)].filter(Boolean).join(' ') || undefined;
  const family = get(parts.family);
  // One name only ("Aigerim Nurlanovna" has no family name): cite it whole, as a family name is cited.
  return family ? { family, given, lang } : { family: given, lang };
}
