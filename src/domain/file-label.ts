// A file's label (issue 18): what it is, in each interface language ("Full report", "Краткое изложение"),
// shown to readers instead of its upload name. One line each; no I/O.
import { z } from 'zod';
import type { LocalizedText } from './publication.ts';

export const FILE_LABEL_LANGUAGES = ['en', 'ru', 'kk', 'ky'] as const;
export const FILE_LABEL_MAX = 200;

const one = z
  .string()
  .trim()
  .max(FILE_LABEL_MAX)
  .refine((s) => !/[\r\n]/.test(s), 'one line');

/** The form's label.en … label.ky fields → the stored map, empty languages left out. */
export const fileLabelFields = z
  .object(Object.fromEntries(FILE_LABEL_LANGUAGES.map((l) => [`label.${l}`, one.optional()])))
  .transform((v): LocalizedText => {
    const out: Record<string, string> = {};
    for (const l of FILE_LABEL_LANGUAGES) {
      const text = v[`label.${l}`];
      if (text) out[l] = text;
    }
    return out;
  });
