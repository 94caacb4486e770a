// One check for every request's text before any handler reads it (issue 21): control characters (NUL and
// the like, which PostgreSQL's text cannot hold and no reader types) in the path, the query or a form are
// refused with 400 and a translated message, and a form body that cannot be read (broken multipart) is a
// 400 too, not a 500. Readers' order and contact forms are not refused outright: the handler shows the
// form again with what was typed, minus those characters (`inputRefused`), and charges no rate limit.
import type { MiddlewareHandler } from 'hono';
import { isUploadRequest } from './upload-paths.ts';
import { isUiLang, LANG_PREFIX, LANG_PREFIX_SOURCE, translator } from '../i18n/i18n.ts';
import type { AppEnv, Ctx } from './context.ts';
import { HttpError } from './errors.tsx';

/** C0 controls but tab, line feed and carriage return, DEL, and the C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** In a path even tab and line breaks are refused: no slug or name holds them. */
const PATH_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Paths whose form is shown again rather than refused: the readers' requests. */
const KEEPS_FORM = new RegExp(`^${LANG_PREFIX_SOURCE}/publications/[^/]+/(?:order|contact)/?$`);

const refused = new WeakSet<Ctx>();

/** Whether the request's form had control characters, which this check removed (readers' forms only). */
export const inputRefused = (c: Ctx): boolean => refused.has(c);

/** Whether any key or string inside a parsed JSON value holds a control character (the API's JSON bodies). */
export function hasControlCharacters(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL.test(value);
  if (Array.isArray(value)) return value.some(hasControlCharacters);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => CONTROL.test(k) || hasControlCharacters(v));
  return false;
}

/** The text without control characters (tab and line breaks stay). */
export const withoutControlCharacters = (s: string): string => s.replace(CONTROL_ALL, '');

/** The error, in the language of the page asked for (the page routes have not set it yet). */
function refusal(c: Ctx, code: 'control_characters' | 'bad_form'): HttpError {
  const lang = LANG_PREFIX.exec(c.req.path)?.[1];
  c.set('tr', translator(isUiLang(lang) ? lang : 'en'));
  return new HttpError(400, code, code === 'bad_form' ? 'error.bad_form' : 'error.control_characters');
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const checkInput: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  if (PATH_CONTROL.test(decoded(url.pathname))) throw refusal(c, 'control_characters');
  for (const [k, v] of url.searchParams) if (CONTROL.test(k) || CONTROL.test(v)) throw refusal(c, 'control_characters');
  const type = c.req.header('Content-Type') ?? '';
  const form = /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type);
  if (c.req.method !== 'POST' || !form || isUploadRequest(c.req.method, c.req.path)) return next();
  let data: FormData;
  try {
    // A copy: the handler (and a route's own body limit) still read the request as it came.
    data = await c.req.raw.clone().formData();
  } catch {
    throw refusal(c, 'bad_form');
  }
  const entries = [...data.entries()];
  if (!entries.some(([k, v]) => CONTROL.test(k) || (typeof v === 'string' ? CONTROL.test(v) : CONTROL.test(v.name))))
    return next();
  if (!KEEPS_FORM.test(c.req.path)) throw refusal(c, 'control_characters');
  // Sent again in the form's own encoding (a multipart body would turn line feeds into CRLF).
  const pairs = entries.flatMap(([k, v]) =>
    typeof v === 'string' ? [[withoutControlCharacters(k), withoutControlCharacters(v)] as [string, string]] : [],
  );
  const clean = type.toLowerCase().startsWith('multipart/')
    ? pairs.reduce((f, [k, v]) => (f.append(k, v), f), new FormData())
    : new URLSearchParams(pairs);
  const headers = new Headers(c.req.raw.headers);
  headers.delete('content-type');
  headers.delete('content-length');
  c.req.raw = new Request(c.req.raw.url, { method: 'POST', headers, body: clean });
  refused.add(c);
  return next();
};
