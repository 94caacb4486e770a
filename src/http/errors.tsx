// One error funnel: typed HTTP errors, rendered as a translated page or as {"error": {code, message}}.
import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { isDbUnavailable } from '../db/db.ts';
import { translator, type MessageKey } from '../i18n/i18n.ts';
import { ErrorPage } from '../views/error.tsx';
import { type AppEnv, pageMeta } from './context.ts';

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 428 | 429,
    readonly code: string,
    readonly key: MessageKey,
    readonly vars?: Record<string, string | number>,
    /** The API's answer lists these too: every invalid field of a request body, {path, message}. */
    readonly details?: Array<{ path: string; message: string }>,
  ) {
    super(code);
  }
}

export const notFound = () => new HttpError(404, 'not_found', 'error.not_found_text');

/** A 403: the request is understood but this actor (or this origin) may not make it. */
export const forbidden = () => new HttpError(403, 'forbidden', 'error.forbidden');

/** A 400 naming the first invalid parameter and why. */
export function badParams(err: ZodError): HttpError {
  const issue = err.issues[0]!;
  const name = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'query');
  const message = issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message;
  return new HttpError(400, 'bad_request', 'error.param', { name, message });
}

function isApi(path: string): boolean {
  return path.startsWith('/api/');
}

/** A write refused because the file system is full (ENOSPC) or over quota (EDQUOT), however deep the cause. */
function isStorageFull(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' || code === 'EDQUOT' || (err.cause !== undefined && isStorageFull(err.cause));
}

/** How long a client is told to wait (Retry-After) when the database is away. */
const RETRY_AFTER_S = 10;

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const tr = c.var.tr ?? translator('en');
  let status = 500;
  let code = 'internal';
  let message = tr.t('error.server_text');
  let details: HttpError['details'];
  if (isDbUnavailable(err)) {
    // The database server is away (restarting, unreachable): a quick 503 that says to come back, not a 500.
    status = 503;
    code = 'unavailable';
    message = tr.t('error.unavailable');
    c.header('Retry-After', String(RETRY_AFTER_S));
    c.var.deps?.log.warn(
      { method: c.req.method, path: c.req.path, err: (err as Error).message },
      'database unavailable',
    );
  } else if (isStorageFull(err)) {
    // The disk (or quota) under DATA_DIR is full: what was being written was removed (files/store.ts), so the
    // request can be made again once there is room. 507 Insufficient Storage, and the operator is told why.
    status = 507;
    code = 'storage_full';
    message = tr.t('error.storage_full');
    c.var.deps?.log.error({ method: c.req.method, path: c.req.path, err: (err as Error).message }, 'no space left');
  } else if (err instanceof HttpError) {
    status = err.status;
    code = err.code;
    message = tr.t(err.key, err.vars);
    details = err.details;
  } else if (err instanceof HTTPException && err.status < 500) {
    status = err.status;
    code = status === 413 ? 'too_large' : 'bad_request';
    message = status === 413 ? tr.t('error.too_large') : err.message;
  } else {
    c.var.deps?.log.error({ method: c.req.method, path: c.req.path, err }, 'request failed');
  }
  if (isApi(c.req.path)) return c.json({ error: { code, message, ...(details ? { details } : {}) } }, status as 400);
  if (!c.var.tr) c.set('tr', tr);
  return c.html(<ErrorPage meta={pageMeta(c)} status={status} message={message} />, status as 400);
};
