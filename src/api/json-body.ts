// Request bodies of the API's writes: JSON only (415 otherwise), readable (400), within MAX_BODY_BYTES (413, by
// the app's body limit), without control characters (400, as for forms: src/http/input-check.ts), and valid for
// the route's zod schema (422 naming every invalid field). And the version a client read, for "changed meanwhile".
import type { z } from 'zod';
import type { Ctx } from '../http/context.ts';
import { HttpError } from '../http/errors.tsx';
import { hasControlCharacters } from '../http/input-check.ts';

/** The media types a write takes: JSON, and JSON Merge Patch (RFC 7396) for PATCH. */
const JSON_TYPES = new Set(['application/json', 'application/merge-patch+json']);

/** The body as parsed JSON, before any schema. */
export async function readJson(c: Ctx): Promise<unknown> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(type))
    throw new HttpError(415, 'unsupported_media_type', 'error.json_required', { type: type || '—' });
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, 'bad_json', 'error.bad_json', { message: (err as Error).message });
  }
  if (hasControlCharacters(body)) throw new HttpError(400, 'control_characters', 'error.control_characters');
  return body;
}

/** The body checked by a schema: 422 with the first problem in the message and all of them in details. */
export function checkBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({
    path: i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : '(body)'),
    message: i.code === 'unrecognized_keys' ? `unknown field${i.keys.length > 1 ? 's' : ''}` : i.message,
  }));
  throw new HttpError(422, 'invalid', 'error.invalid_body', details[0], details);
}

/**
 * The version the client read: the ETag sent in If-Match (RFC 9110; "*" for any), else the body's "version".
 * null when neither is sent.
 */
export function versionSent(c: Ctx, bodyVersion?: string): string | null {
  const header = c.req.header('If-Match')?.trim();
  if (header) return header === '*' ? '*' : header.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  return bodyVersion ?? null;
}

/** As versionSent, but a write that changes a record's fields or status must send one: 428 otherwise (RFC 6585). */
export function requireVersion(c: Ctx, bodyVersion?: string): string {
  const v = versionSent(c, bodyVersion);
  if (v === null) throw new HttpError(428, 'version_required', 'error.version_required');
  return v;
}

/** Throws 409 when the client read another version than `current` (nothing is written). */
export function checkVersion(sent: string | null, current: string): void {
  if (sent !== null && sent !== '*' && sent !== current)
    throw new HttpError(409, 'conflict', 'error.version_conflict', { sent, current });
}

/** The strong ETag of a version, and the header on the answer. */
export const etag = (version: string) => `"${version}"`;
export function setVersion(c: Ctx, version: string): void {
  c.header('ETag', etag(version));
}
