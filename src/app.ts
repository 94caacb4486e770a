// buildApp(deps) → the Hono app: middleware, the page map in three languages, the API, downloads.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { isUploadRequest } from './http/upload-paths.ts';
import { ADMIN_JOBS_SCRIPT_URL, ADMIN_STYLESHEET_URL, adminJobsScript, adminStylesheet } from './admin/static.ts';
import { apiRoutes } from './api/routes.ts';
import { isBearerApiRequest } from './api/token-auth.ts';
import { CITE_SCRIPT, CITE_SCRIPT_URL } from './cite/static.ts';
import { sameOriginOnly } from './auth/csrf.ts';
import { isUiLang, LANG_PREFIX, PREFIXED_LANGUAGES, translator } from './i18n/i18n.ts';
import { crawlRoutes } from './feeds/routes.ts';
import { oaiRoutes } from './oai/routes.ts';
import type { AppEnv, Deps } from './http/context.ts';
import { canonicalPath } from './web/canonical.ts';
import { coverImage } from './web/cover.ts';
import { favicon } from './web/favicon.ts';
import { downloadFile } from './http/download.ts';
import { HttpError, notFound, onError } from './http/errors.tsx';
import { checkInput } from './http/input-check.ts';
import { pageImage } from './web/page-image.ts';
import { pageRoutes } from './web/routes.ts';
import { STYLESHEET, STYLESHEET_URL } from './views/static.ts';
import { countedDownload } from './stats/hooks.ts';
import { sushiRoutes } from './sushi/routes.ts';
import { STATS_STYLESHEET_URL, statsStylesheet } from './stats/static.ts';

export function buildApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginResourcePolicy: false,
      // A page that sets a stricter header keeps it (the setup page: Referrer-Policy no-referrer).
      overwrite: false,
    }),
  );
  // Cross-site form posts are refused everywhere (src/auth/csrf.ts); staff forms also carry a token.
  // An API request with a bearer token is let through: it is authenticated by that token alone, never by
  // the session cookie (src/api/token-auth.ts), so another site cannot forge one on a logged-in browser.
  app.use((c, next) =>
    isBearerApiRequest(c.req.path, c.req.header('Authorization')) ? next() : sameOriginOnly(c, next),
  );
  // Uploads (staff form, API) are streamed to disk under their own limit, UPLOAD_MAX_BYTES (src/uploads/upload.ts).
  const limitBody = bodyLimit({
    maxSize: deps.config.MAX_BODY_BYTES,
    onError: () => {
      throw new HttpError(413, 'too_large', 'error.too_large');
    },
  });
  // A GET or HEAD has no body to limit, and asking whether it has one makes @hono/node-server build a whole
  // Request for it: a tenth of the CPU of a page served from memory.
  app.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || isUploadRequest(c.req.method, c.req.path)
      ? next()
      : limitBody(c, next),
  );
  // Control characters anywhere in the input, and form bodies that cannot be read: 400 (src/http/input-check.ts).
  app.use(checkInput);
  app.use(compress({ threshold: 1024 }));
  app.onError(onError);
  app.notFound((c) => {
    const lang = LANG_PREFIX.exec(c.req.path)?.[1];
    c.set('tr', translator(isUiLang(lang) ? lang : 'en'));
    return onError(notFound(), c);
  });

  // Addresses people type (trailing slash, /en, /kz, /search, an upper-case slug) lead to the page's own.
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const canonical = canonicalPath(c.req.path);
    if (canonical === null) return next();
    return c.redirect(canonical + new URL(c.req.url).search, 301);
  });
  // Asks the database, so that a load balancer stops sending readers to an instance whose database is away
  // (the error handler answers that with 503 and Retry-After).
  app.get('/healthz', async (c) => {
    await c.var.deps.db.one('select 1');
    return c.text('ok');
  });
  app.get('/favicon.ico', (c) =>
    c.body(new Uint8Array(favicon()), 200, {
      'Content-Type': 'image/x-icon',
      'Cache-Control': 'public, max-age=604800',
    }),
  );
  app.get(STYLESHEET_URL, (c) =>
    c.body(STYLESHEET, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );
  app.get(ADMIN_STYLESHEET_URL, adminStylesheet);
  app.get(ADMIN_JOBS_SCRIPT_URL, adminJobsScript);
  app.get(STATS_STYLESHEET_URL, statsStylesheet);
  app.get(CITE_SCRIPT_URL, (c) =>
    c.body(CITE_SCRIPT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );
  app.get('/publications/:slug/files/:id/pages/:page{[0-9]+\\.webp}', pageImage);
  app.on(['GET', 'HEAD'], '/publications/:slug/files/:id/:name?', countedDownload(downloadFile));
  app.get('/covers/:name', coverImage);
  app.route('/api/v1', apiRoutes());
  app.route('/oai', oaiRoutes());
  app.route('/sushi', sushiRoutes());
  app.route('/', crawlRoutes());
  for (const lang of PREFIXED_LANGUAGES) app.route(`/${lang}`, pageRoutes(lang));
  app.route('/', pageRoutes('en'));
  return app;
}
