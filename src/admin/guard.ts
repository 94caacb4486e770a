// What stands before every staff page: a live session (else the login page), no caching, and on
// every state-changing request the session's own CSRF token.
import type { Context, MiddlewareHandler } from 'hono';
import { CSRF_FIELD, isSafeMethod, validCsrfToken } from '../auth/csrf.ts';
import { currentSession, type StaffEnv } from '../auth/session.ts';
import type { Actor } from '../policies.ts';
import { href, qs } from '../views/href.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden, HttpError } from '../http/errors.tsx';
import { isUploadRequest } from '../http/upload-paths.ts';

export type StaffCtx = Context<StaffEnv>;

export const staffOnly: MiddlewareHandler<StaffEnv> = async (c, next) => {
  c.header('Cache-Control', 'no-store');
  const session = await currentSession(appCtx(c));
  if (!session) {
    if (isSafeMethod(c.req.method)) return c.redirect(href(c.var.tr.lang, '/login') + qs({ next: c.req.path }), 303);
    throw new HttpError(401, 'unauthorized', 'error.login_required');
  }
  c.set('session', session);
  // An upload is streamed: its handler checks the token, sent before the file, itself.
  if (!isSafeMethod(c.req.method) && !isUploadRequest(c.req.method, c.req.path)) {
    const body = await c.req.parseBody();
    if (!validCsrfToken(session, body[CSRF_FIELD])) {
      c.var.deps.log.warn(
        {
          reason: body[CSRF_FIELD] ? "form token is not the session's" : 'form token missing',
          method: c.req.method,
          path: c.req.path,
          user: session.user.id,
        },
        'request refused: CSRF token',
      );
      throw new HttpError(403, 'forbidden_token', 'error.forbidden_token');
    }
  }
  await next();
};

/**
 * The same request as the app's context, for helpers written for it (pageMeta, publicOrigin): a staff
 * context only adds the session, but Hono's Context type is invariant in its variables.
 */
export const appCtx = (c: StaffCtx): Ctx => c as unknown as Ctx;

/** The member of staff making the request. */
export const actorOf = (c: StaffCtx): Actor => c.var.session.user;

/** Refuses with 403 unless allowed. */
export function allow(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
