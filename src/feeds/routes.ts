// Feeds and crawling: /feed.atom and a feed per topic and per project (in each interface language),
// /sitemap.xml and /robots.txt.
import { Hono } from 'hono';
import { translator, UI_LANGUAGES, type UiLang } from '../i18n/i18n.ts';
import { readableEntityBySlug } from '../store/entities.ts';
import { feedItems, sitemapEntries } from '../store/feeds.ts';
import { pickText } from '../cite/creators.ts';
import { type AppEnv, type Ctx, publicOrigin } from '../http/context.ts';
import { notFound } from '../http/errors.tsx';
import { href } from '../views/href.ts';
import { atomFeed } from './atom.ts';
import { robotsTxt, sitemap } from './sitemap.ts';

const FEED_SIZE = 50;
const ATOM = { 'Content-Type': 'application/atom+xml; charset=utf-8' };

function newestFeed(lang: UiLang) {
  return async (c: Ctx) => {
    const tr = translator(lang);
    const items = await feedItems(c.var.deps.db, {}, FEED_SIZE);
    const meta = {
      lang,
      origin: publicOrigin(c),
      title: `${tr.t('site.name')} · ${tr.t('feed.newest')}`,
      selfPath: href(lang, '/feed.atom'),
      pagePath: href(lang, '/publications'),
    };
    return c.body(atomFeed(items, meta), 200, ATOM);
  };
}

function entityFeed(lang: UiLang, type: 'topics' | 'projects') {
  return async (c: Ctx) => {
    const tr = translator(lang);
    c.set('tr', tr);
    const slug = c.req.param('slug')!;
    const entity = await readableEntityBySlug(c.var.deps.db, type, slug);
    if (!entity) throw notFound();
    const items = await feedItems(c.var.deps.db, type === 'topics' ? { topic: slug } : { project: slug }, FEED_SIZE);
    const name = pickText(entity.name, [lang, 'en'])?.text ?? slug;
    const meta = {
      lang,
      origin: publicOrigin(c),
      title: `${tr.t('site.name')} · ${tr.t('feed.of', { name })}`,
      selfPath: href(lang, `/${type}/${slug}/feed.atom`),
      pagePath: href(lang, `/${type}/${slug}`),
    };
    return c.body(atomFeed(items, meta), 200, ATOM);
  };
}

export function crawlRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const lang of UI_LANGUAGES) {
    routes.get(href(lang, '/feed.atom'), newestFeed(lang));
    routes.get(href(lang, '/topics/:slug/feed.atom'), entityFeed(lang, 'topics'));
    routes.get(href(lang, '/projects/:slug/feed.atom'), entityFeed(lang, 'projects'));
  }
  routes.get('/sitemap.xml', async (c) =>
    c.body(sitemap(await sitemapEntries(c.var.deps.db), publicOrigin(c)), 200, {
      'Content-Type': 'application/xml; charset=utf-8',
    }),
  );
  routes.get('/robots.txt', (c) => c.text(robotsTxt(publicOrigin(c))));
  return routes;
}
