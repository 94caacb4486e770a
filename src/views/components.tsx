import type { Child } from 'hono/jsx';
// Small pieces shared by the pages: a publication card, a localised value, paging.
import type { LocalizedText } from '../domain/publication.ts';
import type { PublicationSummary } from '../domain/records.ts';
import type { Translator } from '../i18n/i18n.ts';
import { href, qs } from './href.ts';
import { countryName as namedCountry, languageName as namedLanguage } from '../i18n/names.ts';

/** A value in the reader's language, marked with lang= when it fell back to another language. */
export function Localized(props: { tr: Translator; value: LocalizedText | null | undefined; original?: string }) {
  const v = props.tr.pick(props.value, props.original);
  if (!v) return null;
  return v.lang === props.tr.lang ? <>{v.text}</> : <span lang={v.lang}>{v.text}</span>;
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
function CoverImg(props: { sha: string; cls: string; width: 72 | 200 }) {
  const url = (w: number) => `/covers/${props.sha}.webp?w=${w}`;
  return (
    <img
      class={props.cls}
      src={url(props.width)}
      srcset={props.width === 72 ? undefined : `${url(props.width)} 1x, ${url(props.width * 2)} 2x`}
      alt=""
      width={props.width}
      loading="lazy"
    />
  );
}

export function Cover(props: {
  tr: Translator;
  p: Pick<PublicationSummary, 'slug' | 'kind' | 'cover_sha256'>;
  big?: boolean;
}) {
  const cls = props.big ? 'cover big' : 'cover';
  return props.p.cover_sha256 ? (
    <CoverImg sha={props.p.cover_sha256} cls={cls} width={props.big ? 200 : 72} />
  ) : (
    <span class={cls} aria-hidden="true"></span>
  );
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
      <Cover tr={tr} p={p} />
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
