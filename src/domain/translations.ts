// Which of a publication's written-in-several-languages fields exist in which language (issue 18, item 4).
// Staff translate into the interface languages; a field "lacks" a language when it is written in another one
// but not in that one (a record with no subtitle at all is not missing a Russian subtitle).
import { NAME_LANGUAGES, type NameLanguage } from './names.ts';
import type { LocalizedText, PublicationInput } from './publication.ts';

/** The translatable fields of a publication, in the order the forms show them. */
export const TRANSLATED_FIELDS = ['title', 'subtitle', 'abstract', 'place'] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

/** The languages a translation is tracked in: the interface languages, as for entity names. */
export const TRANSLATION_LANGUAGES = NAME_LANGUAGES;
export type TranslationLanguage = NameLanguage;

/** Whether a field's value is there in a language (an empty or blank value is not). */
export const hasLanguage = (value: LocalizedText, lang: string) => Boolean(value[lang as keyof LocalizedText]?.trim());

/** Whether the field is written in some language but not in this one. */
export const lacks = (value: LocalizedText, lang: string) => Object.keys(value).length > 0 && !hasLanguage(value, lang);

/** For each translated field: the tracked languages it lacks (empty when complete or when the field is unused). */
export function missingTranslations(
  p: Pick<PublicationInput, TranslatedField>,
): Record<TranslatedField, TranslationLanguage[]> {
  return Object.fromEntries(
    TRANSLATED_FIELDS.map((f) => [f, TRANSLATION_LANGUAGES.filter((l) => lacks(p[f], l))]),
  ) as Record<TranslatedField, TranslationLanguage[]>;
}
