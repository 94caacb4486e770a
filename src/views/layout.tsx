// The page frame: head with hreflang alternates, header with navigation and language switcher, footer.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
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
  /** Extra elements for <head> (meta tags of the item page). */
  head?: Child;
  noindex?: boolean;
  /** The page's own address without the language prefix when it differs from path (an item page: without any query). */
  canonicalPath?: string;
  /** An Atom feed of this page's publications, for feed readers' discovery. */
  feed?: { href: string; title: string };
}

const LANGUAGE_NAMES = { en: 'English', ru: 'Русский', kk: 'Қазақша', ky: 'Кыргызча' } as const;

export function Layout(props: PageMeta & { children: Child }) {
  const { tr, path } = props;
  const t = tr.t;
  // Without a doctype browsers render in quirks mode; hono/jsx writes only elements, so it is written here.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={tr.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${t('site.name')}`}</title>
          {props.description && <meta name="description" content={props.description} />}
          {props.noindex && <meta name="robots" content="noindex" />}
          <link rel="stylesheet" href={STYLESHEET_URL} />
          {/* Each language version is canonical for itself and names the others (Google's hreflang rules), so one page is indexed once per language, never under a second address. */}
          <link rel="canonical" href={props.origin + href(tr.lang, props.canonicalPath ?? path)} />
          {UI_LANGUAGES.map((l) => (
            <link rel="alternate" hreflang={l} href={props.origin + href(l, props.canonicalPath ?? path)} />
          ))}
          <link rel="alternate" hreflang="x-default" href={props.origin + (props.canonicalPath ?? path)} />
          {props.feed && (
            <link rel="alternate" type="application/atom+xml" title={props.feed.title} href={props.feed.href} />
          )}
          {props.head}
        </head>
        <body>
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header class="site">
            <a class="brand" href={href(tr.lang, '/')}>
              {t('site.name')}
            </a>
            <nav aria-label={t('nav.label')}>
              <a href={href(tr.lang, '/publications')}>{t('nav.publications')}</a>
              <a href={href(tr.lang, '/topics')}>{t('nav.topics')}</a>
              <a href={href(tr.lang, '/organisations')}>{t('nav.organisations')}</a>
              <a href={href(tr.lang, '/projects')}>{t('nav.projects')}</a>
            </nav>
            <form class="search" role="search" action={href(tr.lang, '/publications')} method="get">
              <label for="site-q" class="vh">
                {t('search.label')}
              </label>
              <input id="site-q" type="search" name="q" placeholder={t('search.placeholder')} />
              <button type="submit">{t('search.submit')}</button>
            </form>
            <ul class="langs" aria-label={t('nav.languages')}>
              {UI_LANGUAGES.map((l) => (
                <li>
                  {l === tr.lang ? (
                    <span aria-current="true" lang={l}>
                      {LANGUAGE_NAMES[l]}
                    </span>
                  ) : (
                    <a href={href(l, path)} hreflang={l} lang={l}>
                      {LANGUAGE_NAMES[l]}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </header>
          <main id="main">{props.children}</main>
          <footer class="site">
            <p>{t('footer.about')}</p>
            <p>
              <a href="/api/v1/openapi.json">{t('footer.api')}</a>
            </p>
            <p>
              <a href={href(tr.lang, '/privacy')}>{t('footer.privacy')}</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}
