// The metadata sent with an uploaded file, by the staff forms and by programs (the API): one schema for both.
import { z } from 'zod';
import { CONTENT_LANGUAGES } from '../domain/publication.ts';
import type { FieldError } from '../http/forms.ts';

/** A file's language, embargo date and the file it replaces; absent (or an empty form field) means none. */
export const uploadMeta = z.object({
  language: z
    .enum(CONTENT_LANGUAGES)
    .optional()
    .describe('The file’s language; when not given, detected from the text of a PDF'),
  embargo_until: z.iso.date().optional().describe('Readers may download the file from this day (YYYY-MM-DD)'),
  replaces: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional()
    .describe('The id of the file this one is a new version of'),
});
export type UploadMetaInput = z.infer<typeof uploadMeta>;

/** A form's fields with the empty ones left out: an empty select or date field means "none". */
export function filledFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '' && v !== undefined));
}

/** The schema's complaints as the form's messages, one per field. */
export function uploadFieldErrors(err: z.ZodError): FieldError[] {
  return err.issues.map((issue) => {
    const field = String(issue.path[0] ?? 'file');
    return { field, key: field === 'embargo_until' ? 'form.invalid_date' : 'form.invalid' };
  });
}
