// Reference files (BibTeX/BibLaTeX, RIS, CSL-JSON) → source items, through citation-js's parsers: every
// format becomes CSL-JSON first, then one mapping to Kitap's record. Organisations stay one name
// ({literal} in CSL, {{braced}} in BibTeX, a comma-less RIS name with an organisation's words).
import type { Kind } from '../domain/publication.ts';
import { isWebUrl } from '../domain/publication.ts';
import { InputError } from '../import-page/lines.ts';
import type { AuthorRef, OrgRef } from '../import-page/record.ts';
import { creator, identifierOf, type Identifier, languagesOf, looksLikeOrganisation, type SourceItem } from './item.ts';

export type CitationFormat = 'bibtex' | 'ris' | 'csljson';

/** citation-js, loaded by the first reference file read (some 35 MB that a server serving readers never needs). */
const citationJs = async () => (await import('citation-js')).default;

type CslName = { family?: string; given?: string; literal?: string; 'non-dropping-particle'?: string };
type CslItem = Record<string, unknown> & {
  id?: string | number;
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  illustrator?: CslName[];
  issued?: { 'date-parts'?: Array<Array<number | string>>; raw?: string; literal?: string };
};

// CSL item types → Kitap's kinds. Kitap has no article or chapter: those are "other", and the report says so.
const CSL_KINDS: Record<string, Kind> = {
  report: 'report',
  book: 'book',
  pamphlet: 'brochure',
  graphic: 'poster',
  webpage: 'news',
  post: 'news',
  'post-weblog': 'news',
  'article-newspaper': 'news',
  'article-magazine': 'news',
  thesis: 'study',
  collection: 'compendium',
  document: 'other',
};

/** Parses a reference file; InputError when citation-js finds no reference in it. */
export async function readCitations(
  text: string,
  format: CitationFormat,
  file: string,
): Promise<{ items: SourceItem[]; total: number }> {
  let data: CslItem[];
  try {
    if (format === 'csljson') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new InputError(`not valid JSON: ${(err as Error).message}`);
      }
      const list = Array.isArray(json) ? json : [json];
      if (!list.every((x) => x && typeof x === 'object' && !Array.isArray(x) && ('title' in x || 'type' in x)))
        throw new InputError('not CSL-JSON: it should be an array of items with "type" and "title"');
      data = (await (await citationJs()).async(list, { forceType: '@csl/list+object' })).data as CslItem[];
    } else {
      data = (await (await citationJs()).async(text, { forceType: format === 'ris' ? '@ris/file' : '@biblatex/text' }))
        .data as CslItem[];
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`not readable as ${NAMES[format]}: ${(err as Error).message}`);
  }
  if (!data.length) throw new InputError(`no ${NAMES[format]} reference found in it`);
  const starts = recordLines(text, format, data.length);
  const pdfs = format === 'ris' ? risPdfLinks(text, data.length) : [];
  const items = data.map((d, i) => cslToItem(d, starts[i] ?? [i + 1, i + 1], pdfs[i] ?? [], file));
  return { items, total: text.split('\n').length };
}

const NAMES: Record<CitationFormat, string> = { bibtex: 'BibTeX', ris: 'RIS', csljson: 'CSL-JSON' };

/** One CSL item → a source item. */
export function cslToItem(d: CslItem, lines: [number, number], pdfLinks: string[], file: string): SourceItem {
  const notes: string[] = [];
  const str = (k: string): string => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]).trim() : '');
  const type = d.type ?? '';
  const kind: Kind | null = CSL_KINDS[type] ?? (type ? 'other' : null);
  if (!CSL_KINDS[type] && type) notes.push(`type "${type}" has no kind of its own in Kitap: filed as other; check it`);
  const people = (list: CslName[] | undefined, role: AuthorRef['role']): AuthorRef[] =>
    (list ?? []).map((n) => nameOf(n, role)).filter((a): a is AuthorRef => a !== null);
  let authors = [
    ...people(d.author, 'author'),
    ...people(d.editor, 'editor'),
    ...people(d.translator, 'translator'),
    ...people(d.illustrator, 'illustrator'),
  ];
  const publishers: OrgRef[] = str('publisher')
    .split(/\s*;\s*/)
    .filter(Boolean)
    .map((name) => ({ name }));
  // An organisation both author and publisher, with no one else as author, is the publisher standing in as
  // the corporate author (how Kitap and most catalogues cite an organisation's own report): kept once.
  if (!authors.some((a) => a.role === 'author' && !a.organisation))
    authors = authors.filter((a) => !(a.organisation && publishers.some((p) => same(p.name, a.name))));
  const identifiers: Identifier[] = [];
  for (const [key, scheme] of [
    ['DOI', 'doi'],
    ['ISBN', 'isbn'],
    ['ISSN', 'issn'],
  ] as const) {
    for (const part of str(key).split(/\s*[;,]\s*|\s+(?=\d{3}-)/)) {
      if (!part) continue;
      const ident = identifierOf(scheme, part);
      if (ident) identifiers.push(ident);
      else notes.push(`${key} "${part}" is not one; not kept`);
    }
  }
  const url = str('URL');
  const fileUrls = pdfLinks.filter(isWebUrl);
  let external: string | undefined;
  if (url && isWebUrl(url)) {
    if (/\.pdf(?:$|[?#])/i.test(url)) fileUrls.push(url);
    else external = url;
  }
  const pagesText = str('number-of-pages') || (/^\d+$/.test(str('page')) ? str('page') : '');
  const keywords = Array.isArray(d.keyword) ? (d.keyword as string[]) : str('keyword').split(/\s*[,;]\s*/);
  const id = str('citation-key') || str('id');
  return {
    lines,
    // A citation key or RIS ID identifies the record in its library only when nothing better (DOI, ISBN, URL) does.
    ...(identifiers.some((i) => i.scheme !== 'issn') || external || !id ? {} : { sourceId: `ref:${file}:${id}` }),
    title: str('title') || str('title-short'),
    year: yearOfIssued(d.issued),
    kind,
    kindIsBroad: true,
    languages: str('language') ? languagesOf(str('language').replace(/-[A-Za-z]{2,4}\b/g, '')) : [],
    authors,
    publishers,
    place: str('publisher-place') || null,
    series: str('collection-title') || undefined,
    pages: pagesText ? Number(pagesText) : null,
    abstract: str('abstract') || undefined,
    identifiers,
    url: external,
    fileUrls,
    subjects: keywords.filter(Boolean),
    notes,
  };
}

/** A CSL name → a person ("Given Family") or an organisation kept whole. */
function nameOf(n: CslName, role: AuthorRef['role']): AuthorRef | null {
  if (n.literal) return creator(n.literal, role, true);
  const family = [n['non-dropping-particle'], n.family].filter(Boolean).join(' ').trim();
  if (!family) return n.given ? creator(n.given, role) : null;
  // BibTeX's {{International Organization for Migration}} arrives as a family name with no given name.
  if (!n.given && (/\s/.test(family) || looksLikeOrganisation(family))) return creator(family, role, true);
  return { name: n.given ? `${n.given} ${family}` : family, role };
}

function yearOfIssued(issued: CslItem['issued']): number | null {
  const y = Number(issued?.['date-parts']?.[0]?.[0]);
  if (Number.isInteger(y) && y >= 1900 && y <= 2100) return y;
  const m = /(?:19|20)\d{2}/.exec(issued?.raw ?? issued?.literal ?? '');
  return m ? Number(m[0]) : null;
}

const same = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') === b.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** First and last line of each record in the file, in order (CSL-JSON: the item's number). */
function recordLines(text: string, format: CitationFormat, count: number): Array<[number, number]> {
  if (format === 'csljson') return Array.from({ length: count }, (_, i) => [i + 1, i + 1]);
  const lines = text.split(/\r\n|\r|\n/);
  const starts: number[] = [];
  const start = format === 'ris' ? /^TY {2}- / : /^\s*@(?!comment|string|preamble)[a-z]+\s*[{(]/i;
  lines.forEach((l, i) => {
    if (start.test(l)) starts.push(i + 1);
  });
  if (starts.length !== count) return [];
  return starts.map((s, i) => {
    let end = (starts[i + 1] ?? lines.length + 1) - 1;
    while (end > s && !lines[end - 1]!.trim()) end--;
    return [s, end];
  });
}

/** RIS L1/L2 links (the PDF) per record, which citation-js does not carry over. */
function risPdfLinks(text: string, count: number): string[][] {
  const records = text.split(/^ER {2}-.*$/m).filter((r) => /^TY {2}- /m.test(r));
  if (records.length !== count) return [];
  return records.map((r) => [...r.matchAll(/^L[12] {2}- (\S+)\s*$/gm)].map((m) => m[1]!));
}
