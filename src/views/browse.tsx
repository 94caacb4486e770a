// The browse and search page: facets with counts, sorting and paging, all plain links and one GET form.
import { snippetParts } from '../search/snippet.ts';
import { FACETS, MAX_QUERY, SORTS, type BrowseQuery, type Facet, type Facets } from '../domain/browse.ts';
import type { PublicationSummary } from '../domain/records.ts';
import type { Translator } from '../i18n/i18n.ts';
import type { SearchItem } from '../store/browse.ts';
import type { PageHit } from '../store/search.ts';
import { Layout, type PageMeta } from './layout.tsx';
import { countryName, languageName, Pager, PublicationCard, PublicationList } from './components.tsx';
import { href, qs } from './href.ts';

type Params = Record<string, string | number | undefined>;

function facetLabel(tr: Translator, facet: Facet, value: string, label?: Record<string, string> | null): string {
  if (label) return tr.pick(label)?.text ?? value;
  if (facet === 'language') return languageName(tr, value);
  if (facet === 'country') return countryName(tr, value);
  if (facet === 'kind') return tr.t(`kind.${value}` as Parameters<Translator['t']>[0]);
  return value;
}

function FacetGroup(props: { tr: Translator; facet: Facet; values: Facets[Facet]; current: Params }) {
  const { tr, facet, current } = props;
  if (props.values.length === 0) return null;
  const selected = current[facet] === undefined ? undefined : String(current[facet]);
  const base = href(tr.lang, '/publications');
  return (
    <fieldset>
      <legend>{tr.t(`facet.${facet}`)}</legend>
      <ul>
        {props.values.slice(0, 12).map((v) => {
          const on = selected === v.value;
          return (
            <li>
              <a href={base + qs({ ...current, [facet]: on ? undefined : v.value, page: undefined })} aria-current={on ? 'true' : undefined}>
                {facetLabel(tr, facet, v.value, v.label)}
              </a>{' '}
              <span class="muted">({tr.number(v.count)})</span>
              {on && <span class="vh"> {tr.t('facet.selected')}</span>}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/**
 * A snippet (src/search/snippet.ts) as text with <mark>s. Every part is a JSX text child, so it is
 * escaped: no markup from the database reaches the page.
 */
export function Highlighted(props: { text: string }) {
  return <>{snippetParts(props.text).map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}</>;
}

/** The link to one page of a file: browsers' PDF viewers open it at #page=N. */
export function pageHref(slug: string, hit: Pick<PageHit, 'file_id' | 'name' | 'page'>): string {
  return `/publications/${slug}/files/${hit.file_id}/${encodeURIComponent(hit.name)}#page=${hit.page}`;
}

/** A search result: the card, the abstract around the matched words, and the best page of its files. */
function ResultCard(props: { tr: Translator; p: SearchItem }) {
  const { tr, p } = props;
  const t = tr.t;
  const hit = p.page_hit;
  return (
    <PublicationCard tr={tr} p={p} headingLevel={2}>
      {p.snippet && <p class="snippet"><Highlighted text={p.snippet} /></p>}
      {hit && (
        <p class="snippet">
          {t('search.found_in', { name: hit.name })} <a href={pageHref(p.slug, hit)}>{t('search.page', { page: hit.page })}</a>{' '}
          <Highlighted text={hit.snippet} />
        </p>
      )}
    </PublicationCard>
  );
}

export function BrowsePage(props: { meta: Omit<PageMeta, 'title'>; query: BrowseQuery; total: number; items: SearchItem[]; facets: Facets; suggestion?: string; corrected?: string; shortened?: boolean }) {
  const { tr } = props.meta;
  const t = tr.t;
  const q = props.query;
  const current: Params = { q: q.q, year: q.year, language: q.language, kind: q.kind, topic: q.topic, country: q.country, funder: q.funder, project: q.project, sort: q.sort, per_page: q.per_page === 20 ? undefined : q.per_page };
  const pages = Math.max(1, Math.ceil(props.total / q.per_page));
  const title = q.q ? t('browse.results_for', { q: q.q }) : t('browse.title');
  return (
    <Layout {...props.meta} title={title} noindex={q.page > 1 || !!q.q}>
      <h1>{title}</h1>
      <div class="browse">
        <aside class="facets" aria-label={t('facet.label')}>
          {FACETS.map((f) => <FacetGroup tr={tr} facet={f} values={props.facets[f]} current={current} />)}
        </aside>
        <section>
          <form class="toolbar" method="get" action={href(tr.lang, '/publications')}>
            <p role="status">{t('browse.count', { count: props.total })}</p>
            {Object.entries(current).filter(([k, v]) => v !== undefined && k !== 'sort' && k !== 'q').map(([k, v]) => <input type="hidden" name={k} value={String(v)} />)}
            <span>
              <label for="q">{t('search.label')}</label>{' '}
              <input id="q" type="search" name="q" value={q.q ?? ''} />{' '}
              <label for="sort">{t('browse.sort')}</label>{' '}
              <select id="sort" name="sort">
                {SORTS.filter((s) => s !== 'relevance' || q.q).map((s) => <option value={s} selected={(q.sort ?? (q.q ? 'relevance' : 'newest')) === s}>{t(`sort.${s}`)}</option>)}
              </select>{' '}
              <button type="submit">{t('browse.apply')}</button>
            </span>
          </form>
          {props.shortened && <p class="notice">{t('search.shortened', { n: MAX_QUERY })}</p>}
          {props.corrected && <p class="notice">{t('search.showing_for', { q: q.q ?? '' })} <a href={href(tr.lang, '/publications') + qs({ ...current, q: props.corrected })}>{props.corrected}</a></p>}
          {props.suggestion && <p class="notice">{t('search.did_you_mean')} <a href={href(tr.lang, '/publications') + qs({ ...current, q: props.suggestion })}>{props.suggestion}</a></p>}
          {q.q && props.items.length > 0
            ? <ul class="cards">{props.items.map((p) => <ResultCard tr={tr} p={p} />)}</ul>
            : <PublicationList tr={tr} items={props.items as PublicationSummary[]} headingLevel={2} />}
          <Pager tr={tr} base="/publications" params={current} page={q.page} pages={pages} />
        </section>
      </div>
    </Layout>
  );
}

/** Search inside one publication: the pages of its files that match, each linked to that page. */
export function WithinPage(props: { meta: Omit<PageMeta, 'title'>; slug: string; title: string; q: string; pages: PageHit[] }) {
  const { tr } = props.meta;
  const t = tr.t;
  const title = t('search.within_title', { title: props.title });
  return (
    <Layout {...props.meta} title={title} noindex>
      <h1>{title}</h1>
      <form class="toolbar" method="get" action={href(tr.lang, '/publications')}>
        <input type="hidden" name="within" value={props.slug} />
        <span>
          <label for="wq">{t('search.within')}</label>{' '}
          <input id="wq" type="search" name="q" value={props.q} />{' '}
          <button type="submit">{t('search.submit')}</button>
        </span>
      </form>
      <p role="status">{props.pages.length ? t('search.within_count', { count: props.pages.length }) : t('search.within_none')}</p>
      {props.pages.length > 0 && (
        <ul class="cards">
          {props.pages.map((h) => (
            <li class="card"><div>
              <p><a href={pageHref(props.slug, h)}>{h.name}, {t('search.page', { page: h.page })}</a></p>
              <p class="snippet"><Highlighted text={h.snippet} /></p>
            </div></li>
          ))}
        </ul>
      )}
      <p><a href={href(tr.lang, `/publications/${props.slug}`)}>{t('search.back')}</a></p>
    </Layout>
  );
}
