// An OAI-PMH harvester: ListRecords in MODS or oai_dc from another repository's base URL, page after page
// through resumption tokens, each record read into a source item (src/import-sources/item.ts). MODS is asked
// for when the repository lists it (ListMetadataFormats): it states roles, identifier types, places and file
// addresses that oai_dc flattens into plain strings. Any trouble on the
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

export const HARVEST_FORMATS = ['mods', 'oai_dc'] as const;
export type HarvestFormat = (typeof HARVEST_FORMATS)[number];
const MODS_NAMESPACE = 'http://www.loc.gov/mods/v3';

export interface HarvestOptions {
  /** The metadata format; none: MODS when the repository offers it, else oai_dc. */
  format?: HarvestFormat;
  set?: string;
  from?: string;
  /** For each response, headers and body. */
  timeoutMs: number;
  /** One line per page read. */
  progress?: (line: string) => void;
  /** Pages at most (a guard against a repository handing out tokens forever). */
  maxPages?: number;
}

/** An XML element of a record's metadata (local names; its own text, white space collapsed). */
interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** One record: its header and its metadata element (oai_dc:dc, mods). */
interface OaiRecord {
  identifier: string;
  datestamp: string;
  deleted: boolean;
  metadata: XmlNode | null;
}

interface Page {
  records: OaiRecord[];
  token: string | null;
  completeListSize: number | null;
  error: { code: string; message: string } | null;
  /** ListMetadataFormats: the formats offered. */
  formats: Array<{ prefix: string; namespace: string }>;
}

const OAI_ERRORS: Record<string, string> = {
  badArgument: 'the repository says the request has a bad argument',
  badResumptionToken: 'the repository no longer accepts its own resumption token (it may have expired): harvest again',
  badVerb: 'the address does not answer OAI-PMH verbs: is it the OAI-PMH base URL?',
  cannotDisseminateFormat: 'the repository does not offer records in this format',
  idDoesNotExist: 'the repository says the record does not exist',
  noRecordsMatch: 'the repository has no records matching the request (set, from date): nothing to harvest',
  noMetadataFormats: 'the repository offers no metadata formats',
  noSetHierarchy: 'the repository has no sets: harvest without --set',
};

/** Harvests every record the repository lists for the request; HarvestError on any failure. */
export async function harvest(base: string, opts: HarvestOptions): Promise<SourceResult> {
  const first = new URL(base);
  first.search = '';
  const address = (q: URLSearchParams) => `${first.origin}${first.pathname}?${q}`;
  const format = await chooseFormat(base, address, opts);
  const params = new URLSearchParams({ verb: 'ListRecords', metadataPrefix: format.prefix });
  if (opts.set) params.set('set', opts.set);
  if (opts.from) params.set('from', opts.from);
  const records: OaiRecord[] = [];
  let deleted = 0;
  let pages = 0;
  let token: string | null = null;
  const seenTokens = new Set<string>();
  do {
    const q: URLSearchParams = token ? new URLSearchParams({ verb: 'ListRecords', resumptionToken: token }) : params;
    const url = address(q);
    const page = parsePage(await get(url, opts.timeoutMs), url);
    pages++;
    if (page.error) throw oaiError(base, page.error);
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
  const all = records.map((r, i) => (format.name === 'mods' ? modsToItem(r, i + 1) : dcToItem(r, i + 1)));
  // A record without a title cannot be a publication: listed in the report, not imported.
  const items = all.filter((i) => i.title);
  const skipped = all
    .filter((i) => !i.title)
    .map((i) => ({
      line: i.lines[0],
      text: i.sourceId?.replace(/^oai:/, '') ?? '(no identifier)',
      reason: format.name === 'mods' ? 'no titleInfo/title in the record' : 'no dc:title in the record',
    }));
  if (!items.length)
    throw new HarvestError(`${base}: none of the ${all.length} records has a title: nothing to harvest`);
  const result = itemsToResult(items, { totalLines: all.length, nonEmpty: all.length, skipped });
  return {
    ...result,
    notes: [
      `OAI-PMH ${format.prefix}${format.why ? ` (${format.why})` : ''}, ${pages} page${pages === 1 ? '' : 's'}`,
      ...(deleted ? [`${deleted} deleted records left out`] : []),
    ],
  };
}

const oaiError = (base: string, e: { code: string; message: string }) => {
  const known = OAI_ERRORS[e.code];
  return new HarvestError(
    `${base}: OAI error ${e.code}${e.message ? ` ("${e.message}")` : ''}${known ? `: ${known}` : ''}`,
  );
};

/**
 * The format to ask for: the one named, or MODS when ListMetadataFormats lists it, else oai_dc (which every
 * OAI-PMH repository must offer). A repository that answers ListMetadataFormats with an OAI error is asked
 * for oai_dc, unless MODS was named.
 */
async function chooseFormat(
  base: string,
  address: (q: URLSearchParams) => string,
  opts: HarvestOptions,
): Promise<{ name: HarvestFormat; prefix: string; why?: string }> {
  if (opts.format === 'oai_dc') return { name: 'oai_dc', prefix: 'oai_dc' };
  const url = address(new URLSearchParams({ verb: 'ListMetadataFormats' }));
  const page = parsePage(await get(url, opts.timeoutMs), url);
  if (page.error && opts.format === 'mods') throw oaiError(base, page.error);
  const mods =
    page.formats.find((f) => f.namespace === MODS_NAMESPACE) ?? page.formats.find((f) => f.prefix === 'mods');
  if (mods)
    return { name: 'mods', prefix: mods.prefix, why: opts.format ? undefined : 'offered beside oai_dc, and richer' };
  if (opts.format === 'mods')
    throw new HarvestError(
      `${base}: the repository does not offer MODS (it offers ${page.formats.map((f) => f.prefix).join(', ') || 'no formats'}): harvest with --format oai_dc`,
    );
  return { name: 'oai_dc', prefix: 'oai_dc' };
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
  const page: Page = { records: [], token: null, completeListSize: null, error: null, formats: [] };
  const stack: string[] = [];
  let root = '';
  let broken = '';
  let text = '';
  let current: OaiRecord | null = null;
  let format = { prefix: '', namespace: '' };
  // The open elements inside a record's <metadata>.
  const nodes: XmlNode[] = [];
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
        if (current && (nodes.length || stack.at(-2) === 'metadata')) {
          const node: XmlNode = { name: n, attrs, children: [], text: '' };
          if (nodes.length) nodes.at(-1)!.children.push(node);
          else current.metadata = node;
          nodes.push(node);
        } else if (n === 'record') current = { identifier: '', datestamp: '', deleted: false, metadata: null };
        else if (n === 'metadataFormat') format = { prefix: '', namespace: '' };
        else if (n === 'header' && current && attrs.status === 'deleted') current.deleted = true;
        else if (n === 'error') page.error = { code: attrs.code ?? 'unknown', message: '' };
        else if (n === 'resumptionToken' && attrs.completeListSize)
          page.completeListSize = Number(attrs.completeListSize) || null;
      },
      ontext(t) {
        text += t;
        if (nodes.length) nodes.at(-1)!.text += t;
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
        const node = nodes.pop();
        if (node) node.text = node.text.replace(/\s+/g, ' ').trim();
        else if (n === 'error' && page.error) page.error.message = value;
        else if (n === 'resumptionToken') page.token = value || null;
        else if (current && parent === 'header' && n === 'identifier') current.identifier = value;
        else if (current && parent === 'header' && n === 'datestamp') current.datestamp = value;
        else if (parent === 'metadataFormat' && n === 'metadataPrefix') format.prefix = value;
        else if (parent === 'metadataFormat' && n === 'metadataNamespace') format.namespace = value;
        else if (n === 'metadataFormat' && format.prefix) page.formats.push(format);
        else if (n === 'record' && current) {
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
function dcToItem(r: OaiRecord, n: number): SourceItem {
  const dc = new Map<string, Array<{ value: string; lang?: string }>>();
  for (const e of r.metadata?.children ?? []) {
    if (!e.text) continue;
    const list = dc.get(e.name) ?? [];
    list.push({ value: e.text, ...(e.attrs['xml:lang'] ? { lang: e.attrs['xml:lang'] } : {}) });
    dc.set(e.name, list);
  }
  const values = (k: string): string[] => (dc.get(k) ?? []).map((v) => v.value);
  const titles = dc.get('title') ?? [];
  const languages = languagesOf(values('language').join('; '));
  const first = titles.find((t) => !t.lang || !languages.length || t.lang === languages[0]) ?? titles[0];
  const otherTitles: Record<string, string> = {};
  for (const t of titles) if (t !== first && t.lang && !otherTitles[t.lang]) otherTitles[t.lang.slice(0, 2)] = t.value;
  const notes: string[] = [];
  const ids = identifiersOf(values('identifier').map((value) => ({ value })));
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
    ...ids,
    subjects: values('subject'),
    countries: countriesOf(values('coverage').join('; ')),
    notes,
  };
}

/**
 * Identifiers as a record gives them (with MODS's type where stated; "file" for a file's address) → DOIs, ISBNs, ISSNs, handles, the
 * record's web address, and the addresses of its PDF files.
 */
function identifiersOf(list: Array<{ value: string; type?: string }>): {
  identifiers: Identifier[];
  url?: string;
  fileUrls: string[];
} {
  const identifiers: Identifier[] = [];
  const fileUrls: string[] = [];
  let url: string | undefined;
  for (const { value: id, type = '' } of list) {
    const doi = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d+\/\S+)$/i.exec(id);
    const isbn = /^(?:urn:)?isbn:?\s*(.+)$/i.exec(id);
    const known = /^(isbn|issn)$/i.exec(type)?.[1]?.toLowerCase() as 'isbn' | 'issn' | undefined;
    if (doi) identifiers.push({ scheme: 'doi', value: doi[1]! });
    else if (known === 'isbn' || known === 'issn' || isbn) {
      const ident = identifierOf(known ?? 'isbn', isbn?.[1] ?? id);
      if (ident) identifiers.push(ident);
    } else if (/^https?:\/\/hdl\.handle\.net\//i.test(id) || /^hdl$|^handle$/i.test(type))
      identifiers.push({ scheme: 'handle', value: id });
    else if (isWebUrl(id)) {
      if (type === 'file' || /\.pdf(?:$|[?#])/i.test(id)) {
        if (!fileUrls.includes(id)) fileUrls.push(id);
      } else if (!url) url = id;
      else if (id !== url && !identifiers.some((i) => i.value === id)) identifiers.push({ scheme: 'url', value: id });
    }
  }
  return { identifiers, url, fileUrls };
}

const children = (e: XmlNode | undefined, name: string): XmlNode[] =>
  (e?.children ?? []).filter((c) => c.name === name);
const childText = (e: XmlNode | undefined, name: string): string | undefined =>
  children(e, name).find((c) => c.text)?.text;
const langOf = (e: XmlNode): string | undefined => (e.attrs['xml:lang'] ?? e.attrs.lang)?.slice(0, 2).toLowerCase();

/** MARC relator codes and terms → the importer's roles; "publisher" and "funder" name organisations. */
const ROLES: Record<string, AuthorRef['role'] | 'publisher' | 'funder'> = {
  aut: 'author',
  author: 'author',
  cre: 'author',
  creator: 'author',
  edt: 'editor',
  editor: 'editor',
  trl: 'translator',
  translator: 'translator',
  ill: 'illustrator',
  illustrator: 'illustrator',
  pbl: 'publisher',
  publisher: 'publisher',
  fnd: 'funder',
  funder: 'funder',
};

/** A MODS 3.x record (as DSpace, EPrints, Invenio and Kitap write it) → a source item. */
function modsToItem(r: OaiRecord, n: number): SourceItem {
  const mods = r.metadata?.name === 'mods' ? r.metadata : children(r.metadata ?? undefined, 'mods')[0];
  const titleInfos = children(mods, 'titleInfo').filter((t) => childText(t, 'title'));
  const main = titleInfos.find((t) => !t.attrs.type) ?? titleInfos[0];
  const titleOf = (t: XmlNode | undefined): string =>
    [childText(t, 'nonSort'), childText(t, 'title')].filter(Boolean).join(' ');
  const otherTitles: Record<string, string> = {};
  for (const t of titleInfos) {
    const l = langOf(t);
    if (t !== main && t.attrs.type === 'translated' && l && !otherTitles[l]) otherTitles[l] = titleOf(t);
  }
  const authors: AuthorRef[] = [];
  const publishers: Array<{ name: string }> = [];
  const funders: Array<{ name: string }> = [];
  for (const name of children(mods, 'name')) {
    const parts = children(name, 'namePart');
    const typed = (type: string) => parts.find((p) => p.attrs.type === type)?.text;
    const plain = parts.filter((p) => !p.attrs.type && p.text).map((p) => p.text);
    const full =
      childText(name, 'displayForm') ??
      (typed('family') ? [typed('given'), typed('family')].filter(Boolean).join(' ') : plain.join('. '));
    if (!full) continue;
    const terms = children(name, 'role').flatMap((x) => children(x, 'roleTerm').map((t) => t.text.toLowerCase()));
    const role = terms.map((t) => ROLES[t]).find(Boolean) ?? (terms.length ? 'contributor' : 'author');
    if (role === 'publisher') publishers.push({ name: full });
    else if (role === 'funder') funders.push({ name: full });
    else authors.push(creator(full, role, name.attrs.type === 'corporate'));
  }
  const origins = children(mods, 'originInfo');
  const origin = origins.find((o) => o.attrs.eventType === 'publication') ?? origins[0];
  for (const p of children(origin, 'publisher'))
    if (p.text && !publishers.some((x) => x.name === p.text)) publishers.push({ name: p.text });
  const dates = children(origin, 'dateIssued');
  const date = (dates.find((d) => d.attrs.keyDate === 'yes') ?? dates[0])?.text;
  const place = children(origin, 'place')
    .flatMap((p) => children(p, 'placeTerm'))
    .find((t) => t.text && t.attrs.type !== 'code')?.text;
  const languageTerms = children(mods, 'language').flatMap((l) => children(l, 'languageTerm').map((t) => t.text));
  const extent = children(mods, 'physicalDescription').flatMap((p) => children(p, 'extent'))[0];
  const pages =
    extent &&
    (extent.attrs.unit === 'pages' ? /^(\d+)$/ : /^(\d+)\s*(?:p\b|pp\b|pages|с\.|стр|бет)/i).exec(extent.text);
  const subjects = children(mods, 'subject');
  const locations = children(mods, 'location').flatMap((l) => children(l, 'url'));
  const ids = identifiersOf([
    ...children(mods, 'identifier').map((i) => ({ value: i.text, type: i.attrs.type })),
    // A file's address ("raw object") or the record's page at the repository.
    ...locations.map((u) => ({ value: u.text, type: u.attrs.access === 'raw object' ? 'file' : 'uri' })),
  ]);
  const series = children(mods, 'relatedItem')
    .filter((x) => x.attrs.type === 'series')
    .map((x) => childText(children(x, 'titleInfo')[0], 'title'))
    .find(Boolean);
  return {
    lines: [n, n],
    sourceId: r.identifier ? `oai:${r.identifier}` : undefined,
    title: titleOf(main),
    subtitle: childText(main, 'subTitle'),
    otherTitles,
    year: yearOf(date),
    kindText:
      children(mods, 'genre')
        .map((g) => g.text)
        .filter(Boolean)
        .join(' ') || undefined,
    languages: languagesOf(languageTerms.join('; ')),
    authors,
    publishers,
    funders,
    place,
    pages: pages ? Number(pages[1]) : null,
    series,
    abstract:
      children(mods, 'abstract')
        .map((a) => a.text)
        .filter(Boolean)
        .join('\n\n') || undefined,
    ...ids,
    subjects: subjects.flatMap((x) => children(x, 'topic').map((t) => t.text)).filter(Boolean),
    countries: countriesOf(subjects.flatMap((x) => children(x, 'geographic').map((t) => t.text)).join('; ')),
    notes: [],
  };
}
