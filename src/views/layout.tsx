// The page frame: head with hreflang alternates, header with navigation and language switcher, footer.
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
  /** An Atom feed of this page's publications, for feed readers' discovery. */
  feed?: { href: string; title: string };
}

const LANGUAGE_NAMES = { en: 'English', ru: 'Русский', kk: 'Қазақша', ky: 'Кыргызча' } as const;

export function Layout(props: PageMeta & { children: Child }) {
  const { tr, path } = props;
  const t = tr.t;
  return (
    <html lang={tr.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('site.name')}`}</title>
        {props.description && <meta name="description" content={props.description} />}
        {props.noindex && <meta name="robots" content="noindex" />}
        <link rel="stylesheet" href={STYLESHEET_URL} />
        {UI_LANGUAGES.map((l) => <link rel="alternate" hreflang={l} href={props.origin + href(l, path)} />)}
        <link rel="alternate" hreflang="x-default" href={props.origin + path} />
        {props.feed && <link rel="alternate" type="application/atom+xml" title={props.feed.title} href={props.feed.href} />}
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">{t('nav.skip')}</a>
        <header class="site">
          <a class="brand" href={href(tr.lang, '/')}>{t('site.name')}</a>
          <nav aria-label={t('nav.label')}>
            <a href={href(tr.lang, '/publications')}>{t('nav.publications')}</a>
            <a href={href(tr.lang, '/topics')}>{t('nav.topics')}</a>
            <a href={href(tr.lang, '/organisations')}>{t('nav.organisations')}</a>
            <a href={href(tr.lang, '/projects')}>{t('nav.projects')}</a>
          </nav>
          <form class="search" role="search" action={href(tr.lang, '/publications')} method="get">
            <label for="site-q" class="vh">{t('search.label')}</label>
            <input id="site-q" type="search" name="q" placeholder={t('search.placeholder')} />
            <button type="submit">{t('search.submit')}</button>
          </form>
          <ul class="langs" aria-label={t('nav.languages')}>
            {UI_LANGUAGES.map((l) => (
              <li>
                {l === tr.lang
                  ? <span aria-current="true" lang={l}>{LANGUAGE_NAMES[l]}</span>
                  : <a href={href(l, path)} hreflang={l} lang={l}>{LANGUAGE_NAMES[l]}</a>}
              </li>
            ))}
          </ul>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site">
          <p>{t('footer.about')}</p>
          <p><a href="/api/v1/openapi.json">{t('footer.api')}</a></p>
        </footer>
      </body>
    </html>
  );
}
