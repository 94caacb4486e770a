// sitemap.xml (sitemaps.org 0.9) with an hreflang alternate for each interface language, and robots.txt.
import { UI_LANGUAGES } from '../i18n/i18n.ts';
import { el, leaf, XML_DECLARATION } from '../oai/xml.ts';
import { utcSeconds } from '../oai/response.ts';
import type { SitemapEntry } from '../store/feeds.ts';
import { href } from '../views/href.ts';

/**
 * One <url> per page and language, each listing all the languages (how search engines want hreflang
 * in sitemaps). A sitemap holds at most 50,000 URLs: about 16,000 publications in three languages.
 */
export function sitemap(entries: SitemapEntry[], origin: string): string {
  const urls = entries.flatMap((e) => {
    const alternates = [
      ...UI_LANGUAGES.map((l) => el('xhtml:link', { rel: 'alternate', hreflang: l, href: origin + href(l, e.path) })),
      el('xhtml:link', { rel: 'alternate', hreflang: 'x-default', href: origin + e.path }),
    ];
    return UI_LANGUAGES.map((l) =>
      el('url', undefined, [
        leaf('loc', origin + href(l, e.path)),
        leaf('lastmod', utcSeconds(new Date(e.lastmod))),
        ...alternates,
      ]),
    );
  });
  return (
    XML_DECLARATION +
    el(
      'urlset',
      { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9', 'xmlns:xhtml': 'http://www.w3.org/1999/xhtml' },
      urls,
    ) +
    '\n'
  );
}

/** robots.txt: everything readers see may be crawled, and /oai harvested; the API, staff pages, citation exports and filter combinations are left out. */
export function robotsTxt(origin: string): string {
  const lines = ['User-agent: *', 'Disallow: /api/', 'Allow: /oai', 'Disallow: /*/cite'];
  for (const l of UI_LANGUAGES) lines.push(`Disallow: ${href(l, '/admin')}`, `Disallow: ${href(l, '/publications')}?`);
  return `${lines.join('\n')}\n\nSitemap: ${origin}/sitemap.xml\n`;
}
