// Atom 1.0 (RFC 4287) feeds of the newest publications: titles and summaries in the reader's language
// where the catalogue has them (marked with xml:lang), links to the pages in that language.
import { citedAuthors, invertedName, pickText } from '../cite/creators.ts';
import type { UiLang } from '../i18n/i18n.ts';
import { el, leaf, XML_DECLARATION } from '../oai/xml.ts';
import { utcSeconds } from '../oai/response.ts';
import type { FeedItem } from '../store/feeds.ts';
import { href } from '../views/href.ts';

export interface FeedMeta {
  lang: UiLang;
  origin: string;
  title: string;
  /** The feed's own path (with language prefix) and the HTML page it follows. */
  selfPath: string;
  pagePath: string;
}

function entry(item: FeedItem, meta: FeedMeta): string {
  const langs = [meta.lang, item.original_language, 'en'];
  const title = pickText(item.title, langs)!;
  const subtitle = (item.subtitle as Record<string, string>)[title.lang];
  const summary = pickText(item.abstract, langs);
  return el('entry', undefined, [
    // The unprefixed page address: one identity for the publication whatever the feed's language.
    leaf('id', `${meta.origin}/publications/${item.slug}`),
    leaf('title', subtitle ? `${title.text}: ${subtitle}` : title.text, { 'xml:lang': title.lang }),
    el('link', {
      rel: 'alternate',
      type: 'text/html',
      href: meta.origin + href(meta.lang, `/publications/${item.slug}`),
    }),
    leaf('published', utcSeconds(new Date(item.published_at))),
    leaf('updated', utcSeconds(new Date(item.updated_at))),
    ...citedAuthors(item, langs).map((a) => el('author', undefined, [leaf('name', invertedName(a))])),
    ...item.topics.map((t) =>
      el('category', { term: t.slug, label: pickText(t.name, langs)!.text, scheme: `${meta.origin}/topics/` }),
    ),
    summary && leaf('summary', summary.text, { 'xml:lang': summary.lang }),
  ]);
}

/** The feed document. */
export function atomFeed(items: FeedItem[], meta: FeedMeta): string {
  const updated = items.reduce((max, i) => Math.max(max, new Date(i.updated_at).getTime()), 0);
  return (
    XML_DECLARATION +
    el('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': meta.lang }, [
      leaf('id', meta.origin + meta.selfPath),
      leaf('title', meta.title),
      leaf('updated', utcSeconds(updated ? new Date(updated) : new Date(0))),
      el('link', { rel: 'self', type: 'application/atom+xml', href: meta.origin + meta.selfPath }),
      el('link', { rel: 'alternate', type: 'text/html', href: meta.origin + meta.pagePath }),
      // A feed-level author covers entries whose publication names none (RFC 4287 §4.1.1).
      el('author', undefined, [leaf('name', 'Kitap')]),
      leaf('generator', 'Kitap'),
      ...items.map((i) => entry(i, meta)),
    ]) +
    '\n'
  );
}
