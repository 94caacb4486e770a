// Small pieces shared by the pages: a publication card, a localised value, paging.
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { LocalizedText } from '../domain/publication.ts';
import type { PublicationSummary } from '../domain/records.ts';
import type { Translator } from '../i18n/i18n.ts';
import { href, qs } from './href.ts';
import { countryName as namedCountry, languageName as namedLanguage } from '../i18n/names.ts';

/**
 * A value in the reader's language, marked with lang= when it fell back to another language: as a string for
 * pages written with html`` (the item page), and as a component.
 */
export function localizedText(tr: Translator, value: LocalizedText | null | undefined, original?: string) {
  const v = tr.pick(value, original);
  if (!v) return '';
  return v.lang === tr.lang ? v.text : html`<span lang="${v.lang}">${v.text}</span>`;
}
export function Localized(props: { tr: Translator; value: LocalizedText | null | undefined; original?: string }) {
  return localizedText(props.tr, props.value, props.original);
}

/** A language's name as the office writes it in the reader's language (src/i18n/names.ts). */
export const languageName = (tr: Translator, code: string): string => namedLanguage(tr.lang, code);
/** A country's name as the office writes it in the reader's language (src/i18n/names.ts). */
export const countryName = (tr: Translator, code: string): string => namedCountry(tr.lang, code);

/**
 * A cover at the width it is shown. An item page's cover comes at twice that for dense screens too; a list's
 * thumbnail only at 72 px: twenty text-dense covers at 144 px weigh 80–160 KB, past a list's 40 KB of images
 * (test/list-images.test.ts), and a thumbnail is a cue, not something to read.
 */
export function coverHtml(p: Pick<PublicationSummary, 'cover_sha256'>, big = false) {
  const cls = big ? 'cover big' : 'cover';
  if (!p.cover_sha256) return html`<span class="${cls}" aria-hidden="true"></span>`;
  const url = (w: number) => `/covers/${p.cover_sha256}.webp?w=${w}`;
  return big
    ? html`<img class="${cls}" src="${url(200)}" srcset="${`${url(200)} 1x, ${url(400)} 2x`}" alt="" width="200" loading="lazy"/>`
    : html`<img class="${cls}" src="${url(72)}" alt="" width="72" loading="lazy"/>`;
}

/** A publication in a list; children (a search snippet, a page hit) go under its facts. */
export function PublicationCard(props: {
  tr: Translator;
  p: PublicationSummary;
  headingLevel?: 2 | 3;
  children?: Child;
}) {
  const { tr, p } = props;
  const t = tr.t;
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="card">
      {coverHtml(p)}
      <div>
        <Heading>
          <a href={href(tr.lang, `/publications/${p.slug}`)}>
            <Localized tr={tr} value={p.title} original={p.original_language} />
          </a>
        </Heading>
        {Object.keys(p.subtitle).length > 0 && (
          <p>
            <Localized tr={tr} value={p.subtitle} original={p.original_language} />
          </p>
        )}
        <p class="meta">
          {t(`kind.${p.kind}`)}
          {p.year && <> · {p.year}</>}
          {p.languages.length > 0 && <> · {p.languages.map((l) => languageName(tr, l)).join(', ')}</>}
        </p>
        {props.children}
      </div>
    </li>
  );
}

/** Cards under a page's h1 get h2 titles; under a section's h2, h3 (headingLevel 3, the default). */
export function PublicationList(props: { tr: Translator; items: PublicationSummary[]; headingLevel?: 2 | 3 }) {
  if (props.items.length === 0) return <p>{props.tr.t('browse.empty')}</p>;
  return (
    <ul class="cards">
      {props.items.map((p) => (
        <PublicationCard tr={props.tr} p={p} headingLevel={props.headingLevel} />
      ))}
    </ul>
  );
}

/** Previous/next links and "page N of M"; params are the current query without page. */
export function Pager(props: {
  tr: Translator;
  base: string;
  params: Record<string, string | number | undefined>;
  page: number;
  pages: number;
}) {
  const { tr, page, pages } = props;
  if (pages <= 1) return null;
  const link = (n: number) => href(tr.lang, props.base) + qs({ ...props.params, page: n === 1 ? undefined : n });
  return (
    <nav class="pager" aria-label={tr.t('pager.label')}>
      {page > 1 ? (
        <a rel="prev" href={link(page - 1)}>
          {tr.t('pager.previous')}
        </a>
      ) : (
        <span />
      )}
      <span>{tr.t('pager.position', { page, pages })}</span>
      {page < pages ? (
        <a rel="next" href={link(page + 1)}>
          {tr.t('pager.next')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
