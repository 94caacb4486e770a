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

// A group shows its first values; the rest fold behind "show all", and a long group gets its own finder.
const SHOWN_VALUES = 8;
const FINDER_FROM = 20;

function FacetGroup(props: { tr: Translator; facet: Facet; values: Facets[Facet]; current: Params }) {
  const { tr, facet, current } = props;
  if (props.values.length === 0) return null;
  const selected = current[facet] === undefined ? undefined : String(current[facet]);
  const base = href(tr.lang, '/publications');
  const item = (v: Facets[Facet][number]) => {
    const on = selected === v.value;
    return (
      <li>
        <a
          href={`${base}${qs({ ...current, [facet]: on ? undefined : v.value, page: undefined })}#results`}
          aria-current={on ? 'true' : undefined}
        >
          {facetLabel(tr, facet, v.value, v.label)}
        </a>{' '}
        <span class="muted">({tr.number(v.count)})</span>
        {on && <span class="vh"> {tr.t('facet.selected')}</span>}
      </li>
    );
  };
  const first = props.values.slice(0, SHOWN_VALUES);
  const rest = props.values.slice(SHOWN_VALUES);
  return (
    <fieldset id={`f-${facet}`}>
      <legend>{tr.t(`facet.${facet}`)}</legend>
      <ul>{first.map(item)}</ul>
      {rest.length > 0 && (
        <details class="more">
          <summary>{tr.t('facet.show_all', { count: props.values.length })}</summary>
          {props.values.length >= FINDER_FROM && (
            <FacetFinder tr={tr} facet={facet} values={props.values} current={current} />
          )}
          <ul>{rest.map(item)}</ul>
        </details>
      )}
    </fieldset>
  );
}

/** A long group's own search: the browser's list of its values as one types, then a plain GET. */
function FacetFinder(props: { tr: Translator; facet: Facet; values: Facets[Facet]; current: Params }) {
  const { tr, facet } = props;
  const id = `find-${facet}`;
  return (
    <form class="finder" method="get" action={`${href(tr.lang, '/publications')}#results`}>
      <HiddenParams params={{ ...props.current, [facet]: undefined, page: undefined }} />
      <label for={id}>{tr.t('facet.find', { name: tr.t(`facet.${facet}`) })}</label>
      <input id={id} name={facet} list={`${id}-list`} autocomplete="off" />
      <datalist id={`${id}-list`}>
        {props.values.map((v) => (
          <option value={v.value}>{facetLabel(tr, facet, v.value, v.label)}</option>
        ))}
      </datalist>
      <button type="submit">{tr.t('facet.choose')}</button>
    </form>
  );
}

function HiddenParams(props: { params: Params }) {
  return (
    <>
      {Object.entries(props.params)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => (
          <input type="hidden" name={k} value={String(v)} />
        ))}
    </>
  );
}

/** The chosen filters as chips, each a link that removes it, and one that removes them all. */
function ChosenFilters(props: { tr: Translator; current: Params; facets: Facets }) {
  const { tr, current } = props;
  const base = href(tr.lang, '/publications');
  const chosen: Array<{ label: string; without: Params }> = [];
  for (const f of FACETS) {
    if (current[f] === undefined) continue;
    const value = String(current[f]);
    const known = props.facets[f].find((v) => v.value === value);
    chosen.push({
      label: `${tr.t(`facet.${f}`)}: ${facetLabel(tr, f, value, known?.label)}`,
      without: { ...current, [f]: undefined, page: undefined },
    });
  }
  if (current.year_from !== undefined || current.year_to !== undefined) {
    chosen.push({
      label: `${tr.t('facet.years')}: ${current.year_from ?? '…'}–${current.year_to ?? '…'}`,
      without: { ...current, year_from: undefined, year_to: undefined, page: undefined },
    });
  }
  if (!chosen.length) return null;
  const none: Params = { q: current.q, sort: current.sort, per_page: current.per_page };
  return (
    <ul class="chips" aria-label={tr.t('facet.chosen')}>
      {chosen.map((c) => (
        <li>
          <a href={`${base}${qs(c.without)}#results`}>
            {c.label} <span aria-hidden="true">×</span>
            <span class="vh"> {tr.t('facet.remove')}</span>
          </a>
        </li>
      ))}
      {chosen.length > 1 && (
        <li>
          <a href={`${base}${qs(none)}#results`}>{tr.t('facet.clear_all')}</a>
        </li>
      )}
    </ul>
  );
}

/** From year … to year: one small GET form that keeps the other filters. */
function YearRangeForm(props: { tr: Translator; current: Params }) {
  const { tr, current } = props;
  return (
    <form class="years" method="get" action={`${href(tr.lang, '/publications')}#results`}>
      <fieldset>
        <legend>{tr.t('facet.years')}</legend>
        <HiddenParams
          params={{ ...current, year: undefined, year_from: undefined, year_to: undefined, page: undefined }}
        />
        <label for="year-from">{tr.t('facet.year_from')}</label>{' '}
        <input
          id="year-from"
          name="year_from"
          inputmode="numeric"
          pattern="[0-9]{4}"
          size={4}
          value={current.year_from === undefined ? '' : String(current.year_from)}
        />{' '}
        <label for="year-to">{tr.t('facet.year_to')}</label>{' '}
        <input
          id="year-to"
          name="year_to"
          inputmode="numeric"
          pattern="[0-9]{4}"
          size={4}
          value={current.year_to === undefined ? '' : String(current.year_to)}
        />{' '}
        <button type="submit">{tr.t('browse.apply')}</button>
      </fieldset>
    </form>
  );
}

/**
 * A snippet (src/search/snippet.ts) as text with <mark>s. Every part is a JSX text child, so it is
 * escaped: no markup from the database reaches the page.
 */
export function Highlighted(props: { text: string }) {
  return <>{snippetParts(props.text).map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}</>;
}

/** The link to one page of a file: the page reader opens at that page, the searched words marked. */
export function pageHref(
  lang: Translator['lang'],
  slug: string,
  hit: Pick<PageHit, 'file_id' | 'page'>,
  q?: string,
): string {
  return href(lang, `/publications/${slug}/files/${hit.file_id}/pages/${hit.page}`) + qs({ q });
}

/** A search result: the card, the abstract around the matched words, and the best page of its files. */
function ResultCard(props: { tr: Translator; p: SearchItem; q?: string }) {
  const { tr, p } = props;
  const t = tr.t;
  const hit = p.page_hit;
  return (
    <PublicationCard tr={tr} p={p} headingLevel={2}>
      {p.snippet && (
        <p class="snippet">
          <Highlighted text={p.snippet} />
        </p>
      )}
      {hit && (
        <p class="snippet">
          {t('search.found_in', { name: hit.name })}{' '}
          <a href={pageHref(tr.lang, p.slug, hit, props.q)}>{t('search.page', { page: hit.page })}</a>{' '}
          <Highlighted text={hit.snippet} />
        </p>
      )}
    </PublicationCard>
  );
}

export function BrowsePage(props: {
  meta: Omit<PageMeta, 'title'>;
  query: BrowseQuery;
  total: number;
  items: SearchItem[];
  facets: Facets;
  suggestion?: string;
  corrected?: string;
  shortened?: boolean;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const q = props.query;
  const current: Params = {
    q: q.q,
    year: q.year,
    year_from: q.year_from,
    year_to: q.year_to,
    language: q.language,
    kind: q.kind,
    topic: q.topic,
    country: q.country,
    funder: q.funder,
    project: q.project,
    sort: q.sort,
    per_page: q.per_page === 20 ? undefined : q.per_page,
  };
  const chosen =
    FACETS.filter((f) => current[f] !== undefined).length +
    (q.year_from !== undefined || q.year_to !== undefined ? 1 : 0);
  const pages = Math.max(1, Math.ceil(props.total / q.per_page));
  const title = q.q ? t('browse.results_for', { q: q.q }) : t('browse.title');
  // Results come first in the page: on a phone the filters are one folded line above them; on a wide
  // screen the stylesheet shows the filters open beside the results (details::details-content).
  return (
    <Layout {...props.meta} title={title} noindex={q.page > 1 || !!q.q}>
      <h1>{title}</h1>
      <div class="browse">
        <details class="facets" id="filters">
          <summary>{chosen ? t('facet.filters_chosen', { count: chosen }) : t('facet.label')}</summary>
          <div aria-label={t('facet.label')} role="group">
            {FACETS.map((f) => (
              <FacetGroup tr={tr} facet={f} values={props.facets[f]} current={current} />
            ))}
            <YearRangeForm tr={tr} current={current} />
          </div>
        </details>
        <section id="results" aria-label={t('browse.results')}>
          <form class="toolbar" method="get" action={href(tr.lang, '/publications')}>
            <p role="status">{t('browse.count', { count: props.total })}</p>
            <HiddenParams params={{ ...current, sort: undefined, q: undefined }} />
            <span>
              <label for="q">{t('search.label')}</label> <input id="q" type="search" name="q" value={q.q ?? ''} />{' '}
              <label for="sort">{t('browse.sort')}</label>{' '}
              <select id="sort" name="sort">
                {SORTS.filter((s) => s !== 'relevance' || q.q).map((s) => (
                  <option value={s} selected={(q.sort ?? (q.q ? 'relevance' : 'newest')) === s}>
                    {t(`sort.${s}`)}
                  </option>
                ))}
              </select>{' '}
              <button type="submit">{t('browse.apply')}</button>
            </span>
          </form>
          <ChosenFilters tr={tr} current={current} facets={props.facets} />
          {props.shortened && <p class="notice">{t('search.shortened', { n: MAX_QUERY })}</p>}
          {props.corrected && (
            <p class="notice">
              {t('search.showing_for', { q: q.q ?? '' })}{' '}
              <a href={href(tr.lang, '/publications') + qs({ ...current, q: props.corrected })}>{props.corrected}</a>
            </p>
          )}
          {props.suggestion && (
            <p class="notice">
              {t('search.did_you_mean')}{' '}
              <a href={href(tr.lang, '/publications') + qs({ ...current, q: props.suggestion })}>{props.suggestion}</a>
            </p>
          )}
          {q.q && props.items.length > 0 ? (
            <ul class="cards">
              {props.items.map((p) => (
                <ResultCard tr={tr} p={p} q={q.q} />
              ))}
            </ul>
          ) : (
            <PublicationList tr={tr} items={props.items as PublicationSummary[]} headingLevel={2} />
          )}
          <Pager tr={tr} base="/publications" params={current} page={q.page} pages={pages} />
        </section>
      </div>
    </Layout>
  );
}

/** Search inside one publication: the pages of its files that match, each linked to that page. */
export function WithinPage(props: {
  meta: Omit<PageMeta, 'title'>;
  slug: string;
  title: string;
  q: string;
  pages: PageHit[];
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const title = t('search.within_title', { title: props.title });
  return (
    <Layout {...props.meta} title={title} noindex>
      <h1>{title}</h1>
      <form class="toolbar" method="get" action={href(tr.lang, '/publications')}>
        <input type="hidden" name="within" value={props.slug} />
        <span>
          <label for="wq">{t('search.within')}</label> <input id="wq" type="search" name="q" value={props.q} />{' '}
          <button type="submit">{t('search.submit')}</button>
        </span>
      </form>
      <p role="status">
        {props.pages.length ? t('search.within_count', { count: props.pages.length }) : t('search.within_none')}
      </p>
      {props.pages.length > 0 && (
        <ul class="cards">
          {props.pages.map((h) => (
            <li class="card">
              <div>
                <p>
                  <a href={pageHref(tr.lang, props.slug, h, props.q)}>
                    {h.name}, {t('search.page', { page: h.page })}
                  </a>
                </p>
                <p class="snippet">
                  <Highlighted text={h.snippet} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={href(tr.lang, `/publications/${props.slug}`)}>{t('search.back')}</a>
      </p>
    </Layout>
  );
}
