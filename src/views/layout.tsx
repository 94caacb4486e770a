// The page frame: head with hreflang alternates, header with navigation and language switcher, footer.
// The head and the frame around the page are written with html`` (escaped like JSX) rather than JSX: hono/jsx
// treats <meta>, <link> and <title> as document metadata and re-scans the page for each one, which cost more
// than the rest of an item page; the parts that depend on the language alone are written once per language.
import { html, raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import { UI_LANGUAGES, type Translator } from '../i18n/i18n.ts';
import { href } from './href.ts';
import { STYLESHEET_URL } from './static.ts';

export interface PageMeta {
  tr: Translator;
  title: string;
  /** The page's path without the language prefix, with its query: the switcher keeps it. */
  path: string;
  /** Absolute origin for hreflang links (PUBLIC_URL or the request's). */
  origin: string;
  description?: string;
  /** Extra elements for <head> (meta tags of the item page), written with html``. */
  head?: HtmlEscapedString;
  noindex?: boolean;
  /** The page's own address without the language prefix when it differs from path (an item page: without any query). */
  canonicalPath?: string;
  /** An Atom feed of this page's publications, for feed readers' discovery. */
  feed?: { href: string; title: string };
}

const LANGUAGE_NAMES = { en: 'English', ru: 'Русский', kk: 'Қазақша', ky: 'Кыргызча' } as const;

/**
 * The head: title, description, stylesheet, the page's own address and its other languages, and `head`. Each
 * language version is canonical for itself and names the others (Google's hreflang rules), so one page is indexed
 * once per language, never under a second address.
 */
function head(props: PageMeta) {
  const { tr } = props;
  const own = props.canonicalPath ?? props.path;
  return html`<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${props.title} · ${tr.t('site.name')}</title>${props.description ? html`<meta name="description" content="${props.description}"/>` : ''}${props.noindex ? raw('<meta name="robots" content="noindex"/>') : ''}<link rel="stylesheet" href="${STYLESHEET_URL}"/><link rel="canonical" href="${props.origin + href(tr.lang, own)}"/>${UI_LANGUAGES.map((l) => html`<link rel="alternate" hreflang="${l}" href="${props.origin + href(l, own)}"/>`)}<link rel="alternate" hreflang="x-default" href="${props.origin + own}"/>${props.feed ? html`<link rel="alternate" type="application/atom+xml" title="${props.feed.title}" href="${props.feed.href}"/>` : ''}${props.head ?? ''}</head>`;
}

/** What each language's pages share: the skip link, the header up to the language switcher; the footer. */
const frames = new Map<string, { top: HtmlEscapedString; footer: HtmlEscapedString }>();
function frameOf(tr: Translator) {
  let frame = frames.get(tr.lang);
  if (frame) return frame;
  const t = tr.t;
  const a = (path: string, text: string) => html`<a href="${href(tr.lang, path)}">${text}</a>`;
  frame = {
    top: html`<a class="skip" href="#main">${t('nav.skip')}</a><header class="site"><a class="brand" href="${href(tr.lang, '/')}">${t('site.name')}</a><nav aria-label="${t('nav.label')}">${a('/publications', t('nav.publications'))}${a('/topics', t('nav.topics'))}${a('/organisations', t('nav.organisations'))}${a('/projects', t('nav.projects'))}</nav><form class="search" role="search" action="${href(tr.lang, '/publications')}" method="get"><label for="site-q" class="vh">${t('search.label')}</label><input id="site-q" type="search" name="q" placeholder="${t('search.placeholder')}"/><button type="submit">${t('search.submit')}</button></form>` as HtmlEscapedString,
    footer:
      html`<footer class="site"><p>${t('footer.about')}</p><p><a href="/api/v1/openapi.json">${t('footer.api')}</a></p><p><a href="${href(tr.lang, '/privacy')}">${t('footer.privacy')}</a></p></footer>` as HtmlEscapedString,
  };
  frames.set(tr.lang, frame);
  return frame;
}

/** The header: the site's name, navigation, search form, and the switcher to this page in each language. */
function header(tr: Translator, path: string) {
  return html`${frameOf(tr).top}<ul class="langs" aria-label="${tr.t('nav.languages')}">${UI_LANGUAGES.map((l) =>
    l === tr.lang
      ? html`<li><span aria-current="true" lang="${l}">${LANGUAGE_NAMES[l]}</span></li>`
      : html`<li><a href="${href(l, path)}" hreflang="${l}" lang="${l}">${LANGUAGE_NAMES[l]}</a></li>`,
  )}</ul></header>`;
}

export function Layout(props: PageMeta & { children: Child }) {
  const { tr } = props;
  // Without a doctype browsers render in quirks mode; hono/jsx writes only elements, so it is written here.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={tr.lang}>
        {head(props)}
        <body>
          {header(tr, props.path)}
          <main id="main">{props.children}</main>
          {frameOf(tr).footer}
        </body>
      </html>
    </>
  );
}
