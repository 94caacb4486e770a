// The readers' request forms: "Order print copies" and "Contact us". Sizes are capped, names and
// addresses are single lines where mail headers could carry them, and a honeypot catches robots.
import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import type { RequestKind } from '../store/requests.ts';

/** A field people do not see and robots fill in: a request with it is dropped (and looks accepted). */
export const HONEYPOT = 'website';

const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\r\n]/.test(s));
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

const common = {
  name: line(200).pipe(z.string().min(1)),
  organisation: line(300)
    .optional()
    .transform((v) => v || null),
  email: z.string().trim().max(254).pipe(z.email()),
};

export const requestSchemas = {
  order: z.object({
    ...common,
    quantity: z
      .string()
      .trim()
      .regex(/^\d{1,4}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(1000)),
    postal_address: z.string().trim().min(1).max(1000),
    message: optional(5000),
  }),
  contact: z
    .object({
      ...common,
      message: z.string().trim().min(1).max(5000),
    })
    .transform((v) => ({ ...v, quantity: null, postal_address: null })),
} as const;

export type RequestValues = Record<
  'name' | 'organisation' | 'email' | 'quantity' | 'postal_address' | 'message',
  string
>;
export const REQUEST_FIELDS: Record<RequestKind, Array<keyof RequestValues>> = {
  order: ['name', 'organisation', 'email', 'quantity', 'postal_address', 'message'],
  contact: ['name', 'organisation', 'email', 'message'],
};

/** The message for a field that failed, in translation keys. */
export function requestFieldError(field: string, code: string): MessageKey {
  if (code === 'too_big') return 'request.too_long';
  if (field === 'email') return 'form.invalid_email';
  if (field === 'quantity') return 'request.bad_quantity';
  if (code === 'too_small' || code === 'invalid_type') return 'form.required';
  return 'form.invalid';
}
