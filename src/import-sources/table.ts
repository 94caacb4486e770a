// Rows of a spreadsheet (CSV or XLSX) → source items, through the column mapping: the header row is the
// first non-empty one; a row without a title is reported, never dropped silently.
import { InputError } from '../import-page/lines.ts';
import type { ImportReport } from '../import-page/import-page.ts';
import type { OrgRef } from '../import-page/record.ts';
import { findLanguages } from '../import-page/vocabulary.ts';
import { isWebUrl } from '../domain/publication.ts';
import { type ColumnMapping, formatMapping, mapColumns, type Target } from './columns.ts';
import {
  countriesOf,
  creator,
  identifierOf,
  itemsToResult,
  kindFromText,
  languagesOf,
  splitNames,
  yearOf,
  type SourceItem,
} from './item.ts';
import type { SourceResult } from './index.ts';

export type Cell = string | number | boolean | Date | null | undefined;

/** Cell as text: dates as YYYY-MM-DD, numbers as written. */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  return String(c).trim();
}

/** Rows → the importer's result with the mapping; InputError when there is no header or no title column. */
export function rowsToResult(
  rows: Cell[][],
  opts: { file: string; overrides?: Array<{ column: string; field: Target | null }> },
): SourceResult {
  const headerIndex = rows.findIndex((r) => r.some((c) => cellText(c) !== ''));
  if (headerIndex < 0) throw new InputError('the sheet has no rows with anything in them: there is nothing to import');
  const headers = rows[headerIndex]!.map(cellText);
  const body = rows.slice(headerIndex + 1);
  const samples = headers.map((_, i) => body.map((r) => cellText(r[i])).find(Boolean) ?? '');
  const mapping = mapColumns(headers, samples, opts.overrides);
  if (!mapping.some((m) => m.field === 'title' || m.field?.startsWith('title_'))) {
    throw new InputError(
      `no column is a title: the header row (row ${headerIndex + 1}) is ${headers.map((h) => `"${h}"`).join(', ')}; ` +
        `name the title's column with --map COLUMN=title\n${formatMapping(mapping)}`,
    );
  }
  const items: SourceItem[] = [];
  const skipped: ImportReport['skipped'] = [];
  let nonEmpty = 0;
  for (const [i, row] of body.entries()) {
    const rowNo = headerIndex + i + 2;
    if (!row.some((c) => cellText(c) !== '')) continue;
    nonEmpty++;
    const item = rowToItem(row, mapping, rowNo, opts.file);
    if (item) items.push(item);
    else
      skipped.push({
        line: rowNo,
        text: row.map(cellText).filter(Boolean).join(' | ').slice(0, 200),
        reason: 'no title in this row',
      });
  }
  if (!items.length)
    throw new InputError(
      `no row has a title (in ${mapping
        .filter((m) => m.field?.startsWith('title'))
        .map((m) => `"${m.header}"`)
        .join(', ')})`,
    );
  // The header row is not a publication: it is the mapping, shown above the report.
  const result = itemsToResult(items, { totalLines: rows.length, nonEmpty, skipped });
  result.accounting.set(headerIndex, { skipped: 'the header row: the column mapping' });
  return { ...result, mapping };
}

function rowToItem(row: Cell[], mapping: ColumnMapping[], rowNo: number, file: string): SourceItem | null {
  const item: SourceItem = { lines: [rowNo, rowNo], title: '', notes: [] };
  const otherTitles: Record<string, string> = {};
  const push = <K extends keyof SourceItem>(key: K, values: NonNullable<SourceItem[K]>) => {
    (item[key] as unknown[]) = [...((item[key] as unknown[] | undefined) ?? []), ...(values as unknown[])];
  };
  for (const m of mapping) {
    if (!m.field) continue;
    const raw = row[m.column - 1];
    const text = cellText(raw);
    if (!text) continue;
    const f = m.field;
    if (f.startsWith('title_')) {
      otherTitles[f.slice(6)] = text;
      continue;
    }
    switch (f) {
      case 'id':
        item.sourceId = `sheet:${file}:${text}`;
        break;
      case 'title':
        item.title = text;
        break;
      case 'subtitle':
        item.subtitle = text;
        break;
      case 'series':
        item.series = text;
        break;
      case 'year': {
        const y = yearOf(raw);
        if (y) item.year = y;
        else item.notes!.push(`row ${rowNo}: "${m.header}" = "${text}" has no year in it`);
        break;
      }
      case 'authors':
      case 'editors':
        push(
          'authors',
          splitNames(text).map((n) => creator(n, f === 'editors' ? 'editor' : 'author')),
        );
        break;
      case 'languages': {
        const codes = languagesOf(text);
        if (codes.length) push('languages', codes);
        else item.notes!.push(`row ${rowNo}: language "${text}" not understood`);
        break;
      }
      case 'kind': {
        const k = kindFromText(text);
        if (k) item.kind = k;
        else item.kindText = text;
        break;
      }
      case 'abstract':
        item.abstract = item.abstract ? `${item.abstract}\n\n${text}` : text;
        break;
      case 'publisher':
      case 'funder':
      case 'partner': {
        const orgs: OrgRef[] = text
          .split(/\s*;\s*|\n/)
          .filter(Boolean)
          .map((name) => ({ name }));
        push(f === 'publisher' ? 'publishers' : f === 'funder' ? 'funders' : 'partners', orgs);
        break;
      }
      case 'isbn':
      case 'issn':
      case 'doi':
        for (const part of text.split(/\s*[;,]\s*/)) {
          const ident = identifierOf(f, part);
          if (ident) push('identifiers', [ident]);
          else item.notes!.push(`row ${rowNo}: ${f.toUpperCase()} "${part}" is not one; not kept`);
        }
        break;
      case 'url':
      case 'pdf':
        for (const u of text.split(/\s+|\s*;\s*/).filter(Boolean)) {
          if (!isWebUrl(u)) {
            item.notes!.push(`row ${rowNo}: "${u}" is not a web address; not kept`);
            continue;
          }
          if (f === 'pdf' || /\.pdf(?:$|[?#])/i.test(u)) push('fileUrls', [u]);
          else if (!item.url) item.url = u;
          else push('identifiers', [{ scheme: 'url', value: u }]);
          // A row's own link identifies it when the sheet has no id column.
          if (!item.sourceId?.startsWith('sheet:') && f === 'url' && !/\.pdf(?:$|[?#])/i.test(u))
            item.sourceId = `url:${u}`;
        }
        break;
      case 'topics':
        push('subjects', text.split(/\s*[;,\n]\s*/).filter(Boolean));
        break;
      case 'countries':
        push('countries', countriesOf(text));
        break;
      case 'pages': {
        const n = /\d+/.exec(text);
        if (n && Number(n[0]) >= 1 && Number(n[0]) <= 100_000) item.pages = Number(n[0]);
        break;
      }
    }
  }
  if (!item.title) {
    // A row with only a title in another language: that title is the title.
    const [lang, title] = Object.entries(otherTitles)[0] ?? [];
    if (!lang || !title) return null;
    item.title = title;
    delete otherTitles[lang];
    if (!item.languages?.includes(lang)) item.languages = [lang, ...(item.languages ?? [])];
  }
  if (Object.keys(otherTitles).length) item.otherTitles = otherTitles;
  // The languages a title is written in, when the sheet has titles per language and no language column.
  if (!item.languages?.length && item.otherTitles) {
    const own = findLanguages(item.title)[0];
    if (own) item.languages = [own];
  }
  return item;
}
