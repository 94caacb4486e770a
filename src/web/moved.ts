// An old publication slug (issue 18): whatever answered 404 at /publications/<old>/… answers 301 to the same path
// under the current slug, so links and citations made before a rename keep working for ever.
import type { MiddlewareHandler } from 'hono';
import { currentSlugOf } from '../store/publication-redirects.ts';
import type { AppEnv } from '../http/context.ts';

export const movedPublication: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status !== 404) return;
  const slug = c.req.param('slug');
  if (!slug || !/^[a-z0-9-]{1,120}$/.test(slug)) return;
  const current = await currentSlugOf(c.var.deps.db, slug);
  if (!current) return;
  const url = new URL(c.req.url);
  const path = url.pathname.replace(`/publications/${slug}`, `/publications/${current}`);
  c.res = new Response(null, { status: 301, headers: { Location: path + url.search } });
};
