// The page reader: a PDF page as an image sized to the screen and its text as HTML, with paging and search.
import type { FileRecord } from '../domain/records.ts';
import type { ReaderPage } from '../store/reader.ts';
import type { PageHit } from '../store/search.ts';
import { Highlighted } from './browse.tsx';
import { href, qs } from './href.ts';
import { Layout, type PageMeta } from './layout.tsx';

/** The reader's address of a page of a file, with the searched words when there are any. */
export const readerHref = (
  lang: PageMeta['tr']['lang'],
  slug: string,
  fileId: number,
  page: number,
  q?: string | null,
) => href(lang, `/publications/${slug}/files/${fileId}/pages/${page}`) + qs({ q: q ?? undefined });

// Image widths the page renderer draws (src/ingest/page-images.ts rounds to a hundred): a phone, a tablet, a screen.
const WIDTHS = [400, 800, 1200];

export function ReaderPageView(props: {
  meta: Omit<PageMeta, 'title'>;
  slug: string;
  title: string;
  file: FileRecord;
  page: number;
  text: ReaderPage | null;
  q: string | null;
  hits: PageHit[];
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { file, page, slug } = props;
  const pages = file.pages ?? 1;
  const link = (n: number) => readerHref(tr.lang, slug, file.id, n, props.q);
  const image = (w: number) => `/publications/${slug}/files/${file.id}/pages/${page}.webp?w=${w}`;
  const title = `${props.title}: ${t('reader.page_of', { page, pages })}`;
  const paragraphs = (props.text?.marked ?? props.text?.text ?? '').split(/\n\s*\n/).filter((s) => s.trim());
  return (
    <Layout {...props.meta} title={title} noindex>
      <p class="meta">
        <a href={href(tr.lang, `/publications/${slug}`)}>{props.title}</a> · {file.original_name}
      </p>
      <h1>{t('reader.page_of', { page, pages })}</h1>
      <nav class="pager" aria-label={t('reader.pages')}>
        {page > 1 ? (
          <a rel="prev" href={link(page - 1)}>
            {t('pager.previous')}
          </a>
        ) : (
          <span />
        )}
        <form method="get" action={link(page).split('?')[0]}>
          <label for="go">{t('reader.go_to')}</label>{' '}
          <input id="go" name="goto" type="number" min={1} max={pages} value={String(page)} size={4} />
          {props.q && <input type="hidden" name="q" value={props.q} />} <button type="submit">{t('reader.go')}</button>
        </form>
        {page < pages ? (
          <a rel="next" href={link(page + 1)}>
            {t('pager.next')}
          </a>
        ) : (
          <span />
        )}
      </nav>
      <div class="reader">
        <img
          src={image(WIDTHS[0]!)}
          srcset={WIDTHS.map((w) => `${image(w)} ${w}w`).join(', ')}
          sizes="(max-width: 48rem) 100vw, 50vw"
          alt={t('reader.image_alt', { page })}
          width={WIDTHS[0]}
        />
        <section aria-labelledby="page-text" lang={props.text?.language ?? undefined}>
          <h2 id="page-text">{t('reader.text')}</h2>
          {props.text?.ocr && (
            <p class="muted">
              {props.text.ocr_confidence === null
                ? t('reader.ocr')
                : t('reader.ocr_confidence', { value: Math.round(props.text.ocr_confidence) })}
            </p>
          )}
          {paragraphs.length ? (
            paragraphs.map((para) => (
              <p>
                <Highlighted text={para} />
              </p>
            ))
          ) : (
            <p>{t('reader.no_text')}</p>
          )}
        </section>
      </div>
      <section aria-labelledby="reader-search">
        <h2 id="reader-search">{t('reader.search')}</h2>
        <form method="get" action={link(page).split('?')[0]}>
          <label for="rq">{t('search.label')}</label> <input id="rq" type="search" name="q" value={props.q ?? ''} />{' '}
          <button type="submit">{t('search.submit')}</button>
        </form>
        {props.q && (
          <>
            <p role="status">
              {props.hits.length ? t('search.within_count', { count: props.hits.length }) : t('search.within_none')}
            </p>
            <ul>
              {props.hits.map((h) => (
                <li>
                  <a href={link(h.page)} aria-current={h.page === page ? 'page' : undefined}>
                    {t('search.page', { page: h.page })}
                  </a>{' '}
                  <Highlighted text={h.snippet} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <p>
        <a href={`/publications/${slug}/files/${file.id}/${encodeURIComponent(file.original_name)}`} download>
          {t('reader.download', { name: file.original_name })}
        </a>
      </p>
    </Layout>
  );
}
