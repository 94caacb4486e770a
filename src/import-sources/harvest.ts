// An OAI-PMH harvester: ListRecords in oai_dc from another repository's base URL, page after page through
// resumption tokens, each record read into a source item (src/import-sources/item.ts). Any trouble on the
// way (an OAI error, an HTTP error, XML that does not parse, a response slower than the timeout) is a
// HarvestError naming it; the caller writes nothing then, since records are written only once all are read.
import { Parser } from 'htmlparser2';
import { isWebUrl } from '../domain/publication.ts';
import type { AuthorRef } from '../import-page/record.ts';
import {
  countriesOf,
  creator,
  identifierOf,
  type Identifier,
  itemsToResult,
  languagesOf,
  type SourceItem,
  yearOf,
} from './item.ts';
import type { SourceResult } from './index.ts';

export class HarvestError extends Error {}

export interface HarvestOptions {
  set?: string;
  from?: string;
  /** For each response, headers and body. */
  timeoutMs: number;
  /** One line per page read. */
  progress?: (line: string) => void;
  /** Pages at most (a guard against a repository handing out tokens forever). */
  maxPages?: number;
}

/** One oai_dc record: its header and its Dublin Core elements (name → values, with xml:lang where given). */
interface DcRecord {
  identifier: string;
  datestamp: string;
  deleted: boolean;
  dc: Map<string, Array<{ value: string; lang?: string }>>;
}

interface Page {
  records: DcRecord[];
  token: string | null;
  completeListSize: number | null;
  error: { code: string; message: string } | null;
}

const OAI_ERRORS: Record<string, string> = {
  badArgument: 'the repository says the request has a bad argument',
  badResumptionToken: 'the repository no longer accepts its own resumption token (it may have expired): harvest again',
  badVerb: 'the address does not answer OAI-PMH verbs: is it the OAI-PMH base URL?',
  cannotDisseminateFormat: 'the repository does not offer oai_dc records',
  idDoesNotExist: 'the repository says the record does not exist',
  noRecordsMatch: 'the repository has no records matching the request (set, from date): nothing to harvest',
  noMetadataFormats: 'the repository offers no metadata formats',
  noSetHierarchy: 'the repository has no sets: harvest without --set',
};

/** Harvests every oai_dc record the repository lists for the request; HarvestError on any failure. */
export async function harvest(base: string, opts: HarvestOptions): Promise<SourceResult> {
  const first = new URL(base);
  first.search = '';
  const params = new URLSearchParams({ verb: 'ListRecords', metadataPrefix: 'oai_dc' });
  if (opts.set) params.set('set', opts.set);
  if (opts.from) params.set('from', opts.from);
  const records: DcRecord[] = [];
  let deleted = 0;
  let pages = 0;
  let token: string | null = null;
  const seenTokens = new Set<string>();
  do {
    const q: URLSearchParams = token ? new URLSearchParams({ verb: 'ListRecords', resumptionToken: token }) : params;
    const url = `${first.origin}${first.pathname}?${q}`;
    const page = parsePage(await get(url, opts.timeoutMs), url);
    pages++;
    if (page.error) {
      const known = OAI_ERRORS[page.error.code];
      throw new HarvestError(
        `${base}: OAI error ${page.error.code}${page.error.message ? ` ("${page.error.message}")` : ''}${known ? `: ${known}` : ''}`,
      );
    }
    for (const r of page.records) {
      if (r.deleted) deleted++;
      else records.push(r);
    }
    opts.progress?.(
      `page ${pages}: ${page.records.length} records${page.completeListSize !== null ? ` (${records.length + deleted} of ${page.completeListSize})` : ''}`,
    );
    token = page.token;
    if (token && seenTokens.has(token))
      throw new HarvestError(`${base}: the repository gave the same resumption token twice; stopped`);
    if (token) seenTokens.add(token);
    if (pages >= (opts.maxPages ?? 10_000)) throw new HarvestError(`${base}: more than ${pages} pages; stopped`);
  } while (token);
  if (!records.length)
    throw new HarvestError(
      `${base}: the repository listed ${deleted ? `only ${deleted} deleted records` : 'no records'}: nothing to harvest`,
    );
  const all = records.map((r, i) => dcToItem(r, i + 1));
  // A record without a title cannot be a publication: listed in the report, not imported.
  const items = all.filter((i) => i.title);
  const skipped = all
    .filter((i) => !i.title)
    .map((i) => ({
      line: i.lines[0],
      text: i.sourceId?.replace(/^oai:/, '') ?? '(no identifier)',
      reason: 'no dc:title in the record',
    }));
  if (!items.length)
    throw new HarvestError(`${base}: none of the ${all.length} records has a title: nothing to harvest`);
  const result = itemsToResult(items, { totalLines: all.length, nonEmpty: all.length, skipped });
  return {
    ...result,
    notes: [
      `OAI-PMH oai_dc, ${pages} page${pages === 1 ? '' : 's'}`,
      ...(deleted ? [`${deleted} deleted records left out`] : []),
    ],
  };
}

/** GETs a page: the body as text, or HarvestError for a timeout, a network failure or an HTTP error. */
async function get(url: string, timeoutMs: number): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    let body: string;
    try {
      res = await fetch(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { Accept: 'text/xml, application/xml', 'User-Agent': 'Kitap OAI-PMH harvester' },
      });
      body = await res.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError')
        throw new HarvestError(
          `${url}: no complete answer within ${timeoutMs / 1000} s (the repository is too slow or not answering; try --timeout)`,
        );
      throw new HarvestError(`${url}: cannot reach the repository (${e.cause?.code ?? e.message})`);
    }
    // 503 with Retry-After is how busy repositories (DSpace) ask a harvester to wait: a short wait is honoured.
    const wait = Number(res.headers.get('retry-after'));
    if (res.status === 503 && wait > 0 && wait <= 10 && attempt < 3) {
      await new Promise((r) => setTimeout(r, wait * 1000));
      continue;
    }
    if (!res.ok) throw new HarvestError(`${url}: the repository answered HTTP ${res.status} ${res.statusText}`.trim());
    return body;
  }
}

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** An OAI-PMH response → its records, token or error; HarvestError when it is not well-formed OAI-PMH XML. */
function parsePage(xml: string, url: string): Page {
  const page: Page = { records: [], token: null, completeListSize: null, error: null };
  const stack: string[] = [];
  let root = '';
  let broken = '';
  let text = '';
  let current: DcRecord | null = null;
  let lang: string | undefined;
  // The event number at which each open element was opened, to tell self-closing tags from unclosed ones.
  const opened: number[] = [];
  let events = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const n = local(name);
        opened.push(events++);
        if (!stack.length) root = n;
        stack.push(n);
        text = '';
        if (n === 'record') current = { identifier: '', datestamp: '', deleted: false, dc: new Map() };
        else if (n === 'header' && current && attrs.status === 'deleted') current.deleted = true;
        else if (n === 'error') page.error = { code: attrs.code ?? 'unknown', message: '' };
        else if (n === 'resumptionToken' && attrs.completeListSize)
          page.completeListSize = Number(attrs.completeListSize) || null;
        lang = attrs['xml:lang'];
      },
      ontext(t) {
        text += t;
        events++;
      },
      onclosetag(name, implied) {
        // htmlparser2 closes a self-closing tag (<resumptionToken/>) as implied right after opening it; any
        // other implied close is an element the XML never closed.
        if (implied && opened.at(-1) !== events - 1 && !broken) broken = `<${name}> is never closed`;
        opened.pop();
        events++;
        const n = local(name);
        const parent = stack[stack.length - 2];
        const value = text.replace(/\s+/g, ' ').trim();
        if (n === 'error' && page.error) page.error.message = value;
        else if (n === 'resumptionToken') page.token = value || null;
        else if (current && parent === 'header' && n === 'identifier') current.identifier = value;
        else if (current && parent === 'header' && n === 'datestamp') current.datestamp = value;
        else if (current && parent === 'dc' && value) {
          const list = current.dc.get(n) ?? [];
          list.push({ value, ...(lang ? { lang } : {}) });
          current.dc.set(n, list);
        } else if (n === 'record' && current) {
          page.records.push(current);
          current = null;
        }
        stack.pop();
        text = '';
      },
      onerror(err) {
        broken ||= err.message;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  // An element still open once the whole answer is read: the answer broke off (or never closed its root).
  if (stack.length && !broken) broken = `<${stack.at(-1)}> is never closed`;
  parser.end();
  if (root !== 'OAI-PMH')
    throw new HarvestError(
      `${url}: the answer is not OAI-PMH XML (${root ? `its root element is <${root}>` : 'no XML element in it'}): is this the repository's OAI-PMH base URL?`,
    );
  if (broken) throw new HarvestError(`${url}: the answer is not well-formed XML: ${broken}`);
  return page;
}

/** A Dublin Core record → a source item. */
function dcToItem(r: DcRecord, n: number): SourceItem {
  const values = (k: string): string[] => (r.dc.get(k) ?? []).map((v) => v.value);
  const titles = r.dc.get('title') ?? [];
  const languages = languagesOf(values('language').join('; '));
  const first = titles.find((t) => !t.lang || !languages.length || t.lang === languages[0]) ?? titles[0];
  const otherTitles: Record<string, string> = {};
  for (const t of titles) if (t !== first && t.lang && !otherTitles[t.lang]) otherTitles[t.lang.slice(0, 2)] = t.value;
  const notes: string[] = [];
  const identifiers: Identifier[] = [];
  const fileUrls: string[] = [];
  let url: string | undefined;
  for (const id of values('identifier')) {
    const doi = /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)(10\.\S+)$/i.exec(id);
    const isbn = /^(?:urn:)?isbn:?\s*(.+)$/i.exec(id);
    if (doi) identifiers.push({ scheme: 'doi', value: doi[1]! });
    else if (isbn) {
      const ident = identifierOf('isbn', isbn[1]!);
      if (ident) identifiers.push(ident);
    } else if (/^https?:\/\/hdl\.handle\.net\//i.test(id)) identifiers.push({ scheme: 'handle', value: id });
    else if (isWebUrl(id)) {
      if (/\.pdf(?:$|[?#])/i.test(id)) fileUrls.push(id);
      else if (!url) url = id;
      else identifiers.push({ scheme: 'url', value: id });
    }
  }
  const dcType = values('type')
    .map((t) => t.replace(/^info:eu-repo\/semantics\//, ''))
    .filter(
      (t) =>
        !/^(text|image|dataset|collection|physicalobject|interactiveresource|software|sound|event|service)$/i.test(t),
    );
  const people = (list: string[], role: AuthorRef['role']): AuthorRef[] => list.map((name) => creator(name, role));
  return {
    lines: [n, n],
    sourceId: r.identifier ? `oai:${r.identifier}` : undefined,
    title: first?.value ?? '',
    otherTitles,
    year: yearOf(values('date')[0]),
    kindText: dcType.join(' ') || undefined,
    languages,
    authors: [...people(values('creator'), 'author'), ...people(values('contributor'), 'contributor')],
    publishers: values('publisher').map((name) => ({ name })),
    abstract: values('description').join('\n\n') || undefined,
    identifiers,
    url,
    fileUrls,
    subjects: values('subject'),
    countries: countriesOf(values('coverage').join('; ')),
    notes,
  };
}
