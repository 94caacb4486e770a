// The parameters of a COUNTER_SUSHI R5.1 report request (IR, PR) read into what the report needs, with the
// Exceptions the specification asks for: a fatal one (1030, 3020: HTTP 400, nothing else), or notes that go
// into the report header while the request is served without the part they name (3050, 3060, 3062, 3063, 3031).
import { sushiException, type SushiException } from './exceptions.ts';

export type ReportId = 'ir' | 'pr';

export const METRICS = {
  ir: [
    'Total_Item_Investigations',
    'Total_Item_Requests',
    'Unique_Item_Investigations',
    'Unique_Item_Requests',
    'Limit_Exceeded',
    'No_License',
  ],
  pr: [
    'Searches_Platform',
    'Total_Item_Investigations',
    'Total_Item_Requests',
    'Unique_Item_Investigations',
    'Unique_Item_Requests',
    'Unique_Title_Investigations',
    'Unique_Title_Requests',
  ],
} as const;

export const DATA_TYPES = {
  ir: [
    'Article',
    'Audiovisual',
    'Book_Segment',
    'Conference_Item',
    'Database_Full_Item',
    'Dataset',
    'Image',
    'Interactive_Resource',
    'Multimedia',
    'News_Item',
    'Other',
    'Patent',
    'Reference_Item',
    'Report',
    'Software',
    'Sound',
    'Standard',
    'Thesis_or_Dissertation',
    'Unspecified',
  ],
  pr: [
    'Article',
    'Audiovisual',
    'Book',
    'Book_Segment',
    'Conference',
    'Conference_Item',
    'Database_Full_Item',
    'Dataset',
    'Image',
    'Interactive_Resource',
    'Journal',
    'Multimedia',
    'News_Item',
    'Newspaper_or_Newsletter',
    'Other',
    'Patent',
    'Platform',
    'Reference_Item',
    'Reference_Work',
    'Report',
    'Software',
    'Sound',
    'Standard',
    'Thesis_or_Dissertation',
    'Unspecified',
  ],
} as const;

/** Attributes this server can show (IR: the item's own details; everything is Open and Regular). */
const ATTRIBUTES = {
  ir: ['YOP', 'Access_Type', 'Access_Method', 'Authors', 'Publication_Date'],
  pr: ['Access_Method'],
} as const;

const COMMON = ['customer_id', 'requestor_id', 'api_key', 'platform'];
const KNOWN = {
  ir: [
    ...COMMON,
    'begin_date',
    'end_date',
    'metric_type',
    'data_type',
    'access_method',
    'access_type',
    'yop',
    'attributes_to_show',
    'granularity',
    'include_parent_details',
    'include_component_details',
    'item_id',
    'author',
    'attributed',
    'country_code',
    'subdivision_code',
  ],
  pr: [
    ...COMMON,
    'begin_date',
    'end_date',
    'metric_type',
    'data_type',
    'access_method',
    'attributes_to_show',
    'granularity',
    'attributed',
    'country_code',
    'subdivision_code',
  ],
};

export interface ReportRequest {
  report: ReportId;
  begin: string; // YYYY-MM-01
  end: string; // the last day of a month
  metrics: string[] | null;
  dataTypes: string[] | null;
  accessMethods: string[] | null;
  accessTypes: string[] | null;
  yop: Array<[number, number]> | null;
  attributes: string[];
  includeParentDetails: boolean | null;
  itemId: string | null;
  country: string | null;
  platform: string | null;
  exceptions: SushiException[];
}

const list = (v: string | null) =>
  v === null
    ? null
    : v
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** "yyyy-mm" or "yyyy-mm-dd" as [year, month], or null. */
function monthOf(v: string | null): [number, number] | null {
  const m = v === null ? null : /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null;
  return [y, mo];
}

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The request, or the one Exception that stops it (answered with HTTP 400). `today` is 'YYYY-MM-DD'. */
export function parseReportRequest(
  report: ReportId,
  query: URLSearchParams,
  today: string,
): ReportRequest | { fatal: SushiException } {
  const get = (k: string) => query.get(k);
  const missing = ['customer_id', 'begin_date', 'end_date'].filter((k) => !get(k));
  if (missing.length) return { fatal: sushiException(1030, `missing: ${missing.join(', ')}`) };
  const b = monthOf(get('begin_date'));
  const e = monthOf(get('end_date'));
  const [ty, tm] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (!b || !e || b[0] * 12 + b[1] > e[0] * 12 + e[1])
    return { fatal: sushiException(3020, 'begin_date and end_date must be yyyy-mm or yyyy-mm-dd, begin before end') };
  if (b[0] * 12 + b[1] >= ty * 12 + tm)
    return { fatal: sushiException(3020, `begin_date must be before the current month (${today.slice(0, 7)})`) };

  const exceptions: SushiException[] = [];
  let end = e;
  if (e[0] * 12 + e[1] >= ty * 12 + tm) {
    // The current month is not over: report up to the month before (the specification's note on 3031).
    end = tm === 1 ? [ty - 1, 12] : [ty, tm - 1];
    exceptions.push(sushiException(3031, `${ymd(end[0], end[1], 1).slice(0, 7)} is the last complete month`));
  }
  const unknown = [...new Set(query.keys())].filter((k) => !KNOWN[report].includes(k));
  if (unknown.length) exceptions.push(sushiException(3050, unknown.join(', ')));

  const badFilters: string[] = [];
  const filter = (name: string, allowed: readonly string[]) => {
    const values = list(get(name));
    if (values === null) return null;
    const bad = values.filter((v) => !allowed.includes(v));
    if (bad.length) badFilters.push(`${name}=${bad.join('|')}`);
    const good = values.filter((v) => allowed.includes(v));
    return good.length ? [...new Set(good)] : null;
  };
  const metrics = filter('metric_type', METRICS[report]);
  const dataTypes = filter('data_type', DATA_TYPES[report]);
  const accessMethods = filter('access_method', ['Regular', 'TDM']);
  const accessTypes = report === 'ir' ? filter('access_type', ['Controlled', 'Open', 'Free_To_Read']) : null;
  let yop: Array<[number, number]> | null = null;
  if (report === 'ir' && get('yop') !== null) {
    yop = [];
    for (const r of list(get('yop'))!) {
      const m = /^(\d{4})(?:-(\d{4}))?$/.exec(r);
      if (m) yop.push([Number(m[1]), Number(m[2] ?? m[1])]);
      else badFilters.push(`yop=${r}`);
    }
    if (!yop.length) yop = null;
  }
  let country: string | null = null;
  if (get('country_code') !== null) {
    if (/^[A-Z]{2}$/.test(get('country_code')!)) country = get('country_code');
    else badFilters.push(`country_code=${get('country_code')}`);
  }
  for (const name of ['author', 'attributed', 'subdivision_code'])
    if (get(name) !== null && KNOWN[report].includes(name)) badFilters.push(`${name} (not supported)`);
  if (badFilters.length) exceptions.push(sushiException(3060, badFilters.join('; ')));

  const badAttributes: string[] = [];
  const attributes = (list(get('attributes_to_show')) ?? []).filter((a) => {
    const ok = (ATTRIBUTES[report] as readonly string[]).includes(a);
    if (!ok) badAttributes.push(`attributes_to_show=${a}`);
    return ok;
  });
  const granularity = get('granularity');
  if (granularity !== null && granularity !== 'Month')
    badAttributes.push(`granularity=${granularity} (usage is given by month)`);
  let includeParentDetails: boolean | null = null;
  if (report === 'ir') {
    const p = get('include_parent_details');
    if (p !== null) {
      if (p === 'True' || p === 'False') includeParentDetails = p === 'True';
      else badAttributes.push(`include_parent_details=${p}`);
    }
    if (get('include_component_details') === 'True') exceptions.push(sushiException(3063));
  }
  if (badAttributes.length) exceptions.push(sushiException(3062, badAttributes.join('; ')));

  return {
    report,
    begin: ymd(b[0], b[1], 1),
    end: ymd(end[0], end[1], lastDay(end[0], end[1])),
    metrics,
    dataTypes,
    accessMethods,
    accessTypes,
    yop,
    attributes: [...new Set(attributes)],
    includeParentDetails,
    itemId: report === 'ir' ? get('item_id') : null,
    country,
    platform: get('platform'),
    exceptions,
  };
}
