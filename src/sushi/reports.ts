// The COUNTER R5.1 Item Report (IR) and Platform Report (PR) as the COUNTER_SUSHI API returns them
// (components/schemas/IR and PR of COUNTER_SUSHI_API.json). Every item on this platform is open access
// (Access_Type "Open") and read by people (Access_Method "Regular"); usage is for "The World", not one institution.
import type { ItemUsage } from '../store/stats-sushi.ts';
import type { UsageCounts } from '../store/stats-reports.ts';
import { sushiException, type SushiException } from './exceptions.ts';
import type { ReportRequest } from './request.ts';

/** Who the reports are about: everyone (COUNTER's "The World"). */
export const WORLD = {
  Institution_Name: 'The World',
  Institution_ID: { Proprietary: ['kitap:world'] },
  Customer_ID: 'anonymous',
};

/** A publication kind as a COUNTER Data_Type (IR has no "Book": a book is "Other" there). */
export function dataTypeOf(kind: string): string {
  if (kind === 'news') return 'News_Item';
  if (kind === 'conference-proceedings') return 'Conference_Item';
  if (
    [
      'report',
      'summary',
      'executive-summary',
      'study',
      'framework',
      'compendium',
      'guidelines',
      'manual',
      'handbook',
    ].includes(kind)
  )
    return 'Report';
  return 'Other';
}

const METRIC_OF: Array<[string, keyof UsageCounts]> = [
  ['Total_Item_Investigations', 'investigations'],
  ['Total_Item_Requests', 'requests'],
  ['Unique_Item_Investigations', 'unique_investigations'],
  ['Unique_Item_Requests', 'unique_requests'],
];

/** Performance: each wanted metric with its non-zero months; null when nothing is left. */
function performance(
  months: Array<UsageCounts & { month: string }>,
  wanted: string[] | null,
): Record<string, Record<string, number>> | null {
  const out: Record<string, Record<string, number>> = {};
  for (const [metric, column] of METRIC_OF) {
    if (wanted && !wanted.includes(metric)) continue;
    for (const m of months) {
      if (m[column] > 0) (out[metric] ??= {})[m.month] = (out[metric]?.[m.month] ?? 0) + m[column];
    }
  }
  return Object.keys(out).length ? out : null;
}

interface HeaderInput {
  req: ReportRequest;
  platform: string;
  created: string;
  exceptions: SushiException[];
}

function header(id: 'IR' | 'PR', name: string, h: HeaderInput) {
  const { req } = h;
  const filters: Record<string, unknown> = { Begin_Date: req.begin, End_Date: req.end, Platform: h.platform };
  if (req.metrics) filters.Metric_Type = req.metrics;
  if (req.dataTypes) filters.Data_Type = req.dataTypes;
  if (req.accessMethods) filters.Access_Method = req.accessMethods;
  if (req.accessTypes) filters.Access_Type = req.accessTypes;
  if (req.yop) filters.YOP = req.yop.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`));
  if (req.itemId) filters.Item_ID = req.itemId;
  if (req.country) filters.Country_Code = req.country;
  const attributes: Record<string, unknown> = {};
  if (req.attributes.length) attributes.Attributes_To_Show = req.attributes;
  if (req.includeParentDetails !== null)
    attributes.Include_Parent_Details = req.includeParentDetails ? 'True' : 'False';
  return {
    Release: '5.1',
    Report_ID: id,
    Report_Name: name,
    Created: h.created,
    Created_By: h.platform,
    Institution_Name: WORLD.Institution_Name,
    Institution_ID: WORLD.Institution_ID,
    Registry_Record: '',
    Report_Filters: filters,
    ...(Object.keys(attributes).length ? { Report_Attributes: attributes } : {}),
    ...(h.exceptions.length ? { Exceptions: h.exceptions } : {}),
  };
}

const pick = (text: Record<string, string> | null, lang: string) =>
  text ? (text.en ?? text[lang] ?? Object.values(text)[0] ?? '') : '';

/** The Item Report: one item per publication with usage, its months in Performance. */
export function itemReport(req: ReportRequest, rows: ItemUsage[], platform: string, origin: string, created: string) {
  const items = [];
  for (const p of rows) {
    const { slug, months } = p;
    const dataType = dataTypeOf(p.kind);
    if (req.dataTypes && !req.dataTypes.includes(dataType)) continue;
    if (req.accessMethods && !req.accessMethods.includes('Regular')) continue;
    if (req.accessTypes && !req.accessTypes.includes('Open')) continue;
    if (req.yop && !(p.year !== null && req.yop.some(([a, b]) => p.year! >= a && p.year! <= b))) continue;
    const perf = performance(months, req.metrics);
    if (!perf) continue;
    const show = (a: string) => req.attributes.includes(a);
    const authors = (p.authors ?? [])
      .filter((n) => n.length >= 2)
      .slice(0, 3)
      .map((Name) => ({ Name }));
    const attr: Record<string, unknown> = { Data_Type: dataType };
    if (show('YOP')) attr.YOP = p.year === null ? '0001' : String(p.year).padStart(4, '0');
    if (show('Access_Type')) attr.Access_Type = 'Open';
    if (show('Access_Method')) attr.Access_Method = 'Regular';
    attr.Performance = perf;
    const itemId: Record<string, string> = {
      Proprietary: `kitap:${slug}`,
      URI: `${origin}/publications/${encodeURIComponent(slug)}`,
    };
    if (p.doi && /^10\.[1-9][0-9]{3}[0-9.]*\/.+$/.test(p.doi)) itemId.DOI = p.doi;
    items.push({
      Item: pick(p.title, p.original_language),
      Publisher: pick(p.publisher, p.original_language),
      Platform: platform,
      Item_ID: itemId,
      ...(show('Authors') && authors.length ? { Authors: authors } : {}),
      ...(show('Publication_Date') && p.published_on ? { Publication_Date: p.published_on } : {}),
      Attribute_Performance: [attr],
    });
  }
  const exceptions = [...req.exceptions, ...(items.length ? [] : [sushiException(3030)])];
  return {
    Report_Header: header('IR', 'Item Report', { req, platform, created, exceptions }),
    Report_Items: items.length ? [{ Items: items }] : [],
  };
}

/** The Platform Report: the platform's usage by Data_Type and month. */
export function platformReport(
  req: ReportRequest,
  rows: Array<UsageCounts & { kind: string; month: string }>,
  platform: string,
  created: string,
) {
  const byType = new Map<string, typeof rows>();
  for (const r of rows) {
    const t = dataTypeOf(r.kind);
    byType.set(t, [...(byType.get(t) ?? []), r]);
  }
  // PR_Performance_Other holds two metrics at least: one item metric asked for alone comes with its twin.
  let wanted = req.metrics;
  const notes: SushiException[] = [];
  const itemMetrics = wanted?.filter((m) => METRIC_OF.some(([name]) => name === m)) ?? [];
  if (wanted && itemMetrics.length === 1) {
    const only = itemMetrics[0]!;
    const twin = only.startsWith('Total') ? only.replace('Total', 'Unique') : only.replace('Unique', 'Total');
    wanted = [...wanted, twin];
    notes.push(sushiException(3060, `metric_type=${only}: the Platform Report gives it with ${twin}`));
  }
  const attributes = [];
  for (const [dataType, months] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    if (req.dataTypes && !req.dataTypes.includes(dataType)) continue;
    if (req.accessMethods && !req.accessMethods.includes('Regular')) continue;
    const perf = performance(months, wanted);
    if (!perf) continue;
    attributes.push({
      Data_Type: dataType,
      ...(req.attributes.includes('Access_Method') ? { Access_Method: 'Regular' } : {}),
      Performance: perf,
    });
  }
  const exceptions = [...req.exceptions, ...notes, ...(attributes.length ? [] : [sushiException(3030)])];
  return {
    Report_Header: header('PR', 'Platform Report', { req, platform, created, exceptions }),
    Report_Items: attributes.length ? [{ Platform: platform, Attribute_Performance: attributes }] : [],
  };
}
