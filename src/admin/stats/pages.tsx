// The staff statistics page and the printable donor report.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Child } from 'hono/jsx';
import { AdminPage, type Meta } from '../views/frame.tsx';
import type { Translator } from '../../i18n/i18n.ts';
import type { Session } from '../../store/sessions.ts';
import type { UsageCounts, UsageDimension, UsageRow } from '../../store/stats-reports.ts';
import { href } from '../../views/href.ts';
import type { PageScope } from './scope.ts';
import { STATS_STYLESHEET_URL } from '../../stats/static.ts';
import { MonthChart } from '../../stats/views/chart.tsx';
import { COLUMNS, UsageTable } from '../../stats/views/table.tsx';

export type Tables = Partial<Record<UsageDimension, UsageRow[]>>;

/** Every month of the period, with zeros where nothing was counted (a chart needs the gaps). */
export function everyMonth(s: PageScope, rows: UsageRow[]): UsageRow[] {
  const out: UsageRow[] = [];
  const by = new Map(rows.map((r) => [r.key, r]));
  for (
    let d = new Date(`${s.from}-01T00:00:00Z`);
    d.toISOString().slice(0, 7) <= s.to;
    d.setUTCMonth(d.getUTCMonth() + 1)
  ) {
    const key = d.toISOString().slice(0, 7);
    out.push(
      by.get(key) ?? { key, label: key, investigations: 0, unique_investigations: 0, requests: 0, unique_requests: 0 },
    );
  }
  return out;
}

function Totals(props: { tr: Translator; totals: UsageCounts }) {
  return (
    <ul class="totals">
      {COLUMNS.map((c) => (
        <li>
          {props.tr.t(`stats.${c}`)}
          <strong>{props.tr.number(props.totals[c])}</strong>
        </li>
      ))}
    </ul>
  );
}

function Block(props: { id: string; title: string; children: Child }) {
  return (
    <section class="stats-block" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function MonthsBlock(props: { tr: Translator; s: PageScope; rows: UsageRow[]; csv?: string }) {
  const { tr, s } = props;
  const t = tr.t;
  return (
    <Block id="by-month" title={t('stats.by.month')}>
      <p>
        <span class="legend-v">{t('stats.investigations')}</span> <span class="legend-d">{t('stats.requests')}</span>
      </p>
      <div class="stats-pair">
        <MonthChart
          rows={props.rows}
          title={t('stats.chart', { from: s.from, to: s.to })}
          views={t('stats.investigations')}
          downloads={t('stats.requests')}
        />
        <UsageTable tr={tr} id="by-month" dimension="month" rows={props.rows} caption="" totals csv={props.csv} />
      </div>
    </Block>
  );
}

const TABLE_ORDER: UsageDimension[] = ['year', 'publication', 'file', 'funder', 'project', 'topic', 'country'];

export function StatsPage(props: { meta: Meta; session: Session; s: PageScope; totals: UsageCounts; tables: Tables }) {
  const { tr } = props.meta;
  const t = tr.t;
  const { s } = props;
  const csv = (d: UsageDimension) => `${href(tr.lang, `/admin/stats/${d}.csv`)}?${s.query}`;
  const select = (name: string, label: string, options: PageScope['funders'], chosen: string | undefined) => (
    <p>
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t('stats.all')}</option>
        {options.map((o) => (
          <option value={o.slug} selected={o.slug === chosen}>
            {tr.pick(o.name)?.text ?? o.slug}
          </option>
        ))}
      </select>
    </p>
  );
  return (
    <AdminPage
      meta={props.meta}
      session={props.session}
      title={t('stats.title')}
      head={html`<link rel="stylesheet" href="${STATS_STYLESHEET_URL}"/>` as HtmlEscapedString}
    >
      <h1>{t('stats.title')}</h1>
      <form class="stats-filters" method="get" aria-label={t('stats.filters')}>
        <p>
          <label for="f-from">{t('stats.from')}</label>
          <input id="f-from" name="from" value={s.from} pattern="\d{4}-\d{2}" size={8} />
        </p>
        <p>
          <label for="f-to">{t('stats.to')}</label>
          <input id="f-to" name="to" value={s.to} pattern="\d{4}-\d{2}" size={8} />
        </p>
        {select('funder', t('stats.funder'), s.funders, s.funder?.slug)}
        {select('project', t('stats.project'), s.projects, s.project?.slug)}
        <p>
          <button type="submit">{t('stats.show')}</button>
        </p>
      </form>
      <p class="stats-note">{t('stats.counter_note')}</p>
      {s.funder && (
        <p>
          <a href={`${href(tr.lang, '/admin/stats/donor')}?${s.query}`}>
            {t('stats.donor')}: {tr.pick(s.funder.name)?.text}
          </a>
        </p>
      )}
      <Totals tr={tr} totals={props.totals} />
      <MonthsBlock tr={tr} s={s} rows={everyMonth(s, props.tables.month ?? [])} csv={csv('month')} />
      {TABLE_ORDER.map((d) => (
        <Block id={`by-${d}`} title={t(`stats.by.${d}`)}>
          {props.tables[d]?.length ? (
            <UsageTable tr={tr} id={`by-${d}`} dimension={d} rows={props.tables[d]!} caption="" csv={csv(d)} />
          ) : (
            <p>{t('stats.none')}</p>
          )}
        </Block>
      ))}
    </AdminPage>
  );
}

export function DonorPage(props: {
  meta: Meta;
  session: Session;
  s: PageScope;
  totals: UsageCounts;
  tables: Tables;
  funded: Array<{ slug: string; title: string; lang: string; year: number | null }>;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { s } = props;
  const funder = tr.pick(s.funder!.name)?.text ?? s.funder!.slug;
  // Each table in full, for the funder and period (hidden in print).
  const csv = (d: UsageDimension) => `${href(tr.lang, `/admin/stats/${d}.csv`)}?${s.query}`;
  return (
    <AdminPage
      meta={props.meta}
      session={props.session}
      title={t('stats.donor.title', { funder })}
      head={html`<link rel="stylesheet" href="${STATS_STYLESHEET_URL}"/>` as HtmlEscapedString}
    >
      <h1>{t('stats.donor.title', { funder })}</h1>
      <p>{t('stats.donor.period', { from: s.from, to: s.to })}</p>
      <p class="stats-note">{t('stats.counter_note')}</p>
      <p class="stats-note no-print">{t('stats.donor.print')}</p>
      <Totals tr={tr} totals={props.totals} />
      <MonthsBlock tr={tr} s={s} rows={everyMonth(s, props.tables.month ?? [])} csv={csv('month')} />
      {(['file', 'country', 'publication'] as const).map((d) => (
        <Block id={`by-${d}`} title={t(`stats.by.${d}`)}>
          {props.tables[d]?.length ? (
            <UsageTable tr={tr} id={`by-${d}`} dimension={d} rows={props.tables[d]!} caption="" csv={csv(d)} />
          ) : (
            <p>{t('stats.none')}</p>
          )}
        </Block>
      ))}
      <Block id="funded" title={t('stats.donor.funded')}>
        <ul>
          {props.funded.map((p) => (
            <li>
              <a href={href(tr.lang, `/publications/${p.slug}`)} lang={p.lang === tr.lang ? undefined : p.lang}>
                {p.title}
              </a>
              {p.year ? ` (${p.year})` : ''}
            </li>
          ))}
        </ul>
      </Block>
    </AdminPage>
  );
}
