// The browse and search page: facets with counts, sorting and paging, all plain links and one GET form.
import { FACETS, SORTS, type BrowseQuery, type Facet, type Facets } from '../domain/browse.ts';
import type { PublicationSummary } from '../domain/records.ts';
import type { Translator } from '../i18n/i18n.ts';
import { Layout, type PageMeta } from './layout.tsx';
import { countryName, languageName, Pager, PublicationList } from './components.tsx';
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

export function BrowsePage(props: { meta: Omit<PageMeta, 'title'>; query: BrowseQuery; total: number; items: PublicationSummary[]; facets: Facets }) {
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
          <PublicationList tr={tr} items={props.items} headingLevel={2} />
          <Pager tr={tr} base="/publications" params={current} page={q.page} pages={pages} />
        </section>
      </div>
    </Layout>
  );
}
