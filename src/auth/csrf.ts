// Cross-site request forgery, two defences:
// 1. Every state-changing request (any method but GET/HEAD/OPTIONS), public forms included, must come
//    from our own pages: Sec-Fetch-Site, when the browser sends it, is same-origin (or none: typed by
//    the user); Origin, when sent, is ours. Browsers send at least one of them on every cross-site POST.
//    A request with neither does not come from a browser, so it carries no one's session cookie.
// 2. Staff forms also carry the session's own token in a hidden field "_csrf" (checked by staffOnly),
//    so a forged request fails even through a browser that sent neither header.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Session } from '../store/sessions.ts';
import { type AppEnv, publicOrigin } from '../http/context.ts';
import { HttpError } from '../http/errors.tsx';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';

/** Refuses state-changing requests that a browser says come from another site. */
export const sameOriginOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  // OAI-PMH allows POST for its reads (spec §3.1.1.2): they change nothing, so any site may send them.
  if (!SAFE_METHODS.has(c.req.method) && c.req.path !== '/oai') {
    const site = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    // Logged with the reason and what was expected (issue 18): behind a proxy without PUBLIC_URL or TRUST_PROXY,
    // every form fails here, and the log and the page say what to set.
    const refuse = (reason: string) => {
      c.var.deps.log.warn(
        {
          reason,
          method: c.req.method,
          path: c.req.path,
          origin: origin ?? null,
          site: site ?? null,
          expected: publicOrigin(c),
        },
        'request refused: not sent from our own pages',
      );
      return new HttpError(403, 'forbidden_origin', 'error.forbidden_origin', {
        origin: origin ?? site ?? '—',
        expected: publicOrigin(c),
      });
    };
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      throw refuse('Sec-Fetch-Site is not same-origin');
    if (origin !== undefined && origin !== publicOrigin(c) && origin !== new URL(c.req.url).origin)
      throw refuse('Origin is not this site');
  }
  await next();
};

/** True when a form's token is the session's own; compared in constant time. */
export function validCsrfToken(session: Session, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const a = Buffer.from(value);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method);
