// The map of every public page. Mounted three times: unprefixed (English), /ru and /kk.
import { Hono } from 'hono';
import { citation } from '../cite/route.ts';
import { adminRoutes } from '../admin/routes.ts';
import { authRoutes } from '../auth/routes.ts';
import { requestRoutes } from '../requests/routes.ts';
import { translator, type UiLang } from '../i18n/i18n.ts';
import type { AppEnv } from '../http/context.ts';
import { movedPublication } from './moved.ts';
import { cachedPage } from './page-cache.ts';
import { countedItemPage } from '../stats/hooks.ts';
import { privacyPage } from '../stats/privacy.tsx';
import { browse } from './pages/browse.tsx';
import { entity, entityIndex } from './pages/entities.tsx';
import { home } from './pages/home.tsx';
import { publication } from './pages/publication.tsx';
import { readerPageHandler } from './pages/reader.tsx';

export function pageRoutes(lang: UiLang): Hono<AppEnv> {
  const tr = translator(lang);
  const pages = new Hono<AppEnv>();
  pages.use(async (c, next) => {
    c.set('tr', tr);
    await next();
  });
  pages.use('/publications/:slug', movedPublication);
  pages.use('/publications/:slug/*', movedPublication);
  pages.get('/', cachedPage(home, { listing: true }));
  pages.get('/publications', cachedPage(browse, { listing: true }));
  pages.get('/publications/:slug', countedItemPage(cachedPage(publication)));
  pages.get('/publications/:slug/cite', citation);
  pages.get('/publications/:slug/files/:id/pages/:page{[0-9]+}', readerPageHandler);
  pages.get('/privacy', privacyPage);
  pages.route('/publications', requestRoutes());
  for (const type of ['organisations', 'people', 'projects', 'topics'] as const) {
    pages.get(`/${type}`, entityIndex(type));
    pages.get(`/${type}/:slug`, entity(type));
  }
  pages.route('/', authRoutes());
  pages.route('/admin', adminRoutes());
  return pages;
}
