// The forms of a request's page (issue 18): a staff note, and a reply mailed to the reader. Subjects are one
// line, since a mail header carries them; sizes are capped.
import { z } from 'zod';
import type { FieldError } from '../http/forms.ts';

export const NOTE_MAX = 10_000;
export const REPLY_MAX = 20_000;

export const noteForm = z.object({ note: z.string().trim().min(1).max(NOTE_MAX) });

export const replyForm = z.object({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((s) => !/[\r\n]/.test(s)),
  body: z.string().trim().min(1).max(REPLY_MAX),
  done: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});

/** The form's problems as field messages. */
export function formErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => {
    const field = String(i.path[0] ?? '');
    if (i.code === 'too_big') return { field, key: 'form.too_long', vars: { max: Number(i.maximum) } };
    if (i.code === 'too_small' || i.code === 'invalid_type') return { field, key: 'form.required' };
    return { field, key: 'form.invalid' };
  });
}

/** The text fields of a parsed multipart or urlencoded body (files and repeated fields ignored). */
export function textFields(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
