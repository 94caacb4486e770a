// What Zotero's Embedded Metadata translator (zotero/translators "Embedded Metadata.js", with the RDF
// translator it loads for DC.*, bibo.* and eprints.* tags) makes of an item page's head, written from the
// behaviour read in those translators, not from their code: item type, creators, and the fields Kitap
// emits. Used by the tests to check that each kind of publication saves as it should.
import type { Document } from 'domhandler';
import { all, first } from './oai-xml.ts';

export interface ZoteroCreator {
  firstName?: string;
  lastName: string;
  creatorType: string;
}
export interface ZoteroItem {
  itemType: string;
  title?: string;
  creators: ZoteroCreator[];
  date?: string;
  publisher?: string;
  institution?: string;
  place?: string;
  numPages?: string;
  language?: string;
  ISBN?: string;
  DOI?: string;
  series?: string;
  abstractNote?: string;
  url?: string;
  pdfUrl?: string;
}

/** Zotero item type names that a DC.type may carry verbatim (the RDF translator's itemTypeExists check). */
const ZOTERO_TYPES = new Set([
  'artwork',
  'book',
  'bookSection',
  'document',
  'journalArticle',
  'manuscript',
  'report',
  'webpage',
  'thesis',
  'presentation',
  'map',
  'conferencePaper',
]);

/** Zotero's name cleaner: trailing and leading punctuation dropped; "Last, First" when the name had a comma, else split at the last space. */
export function cleanAuthor(raw: string, creatorType: string, useComma: boolean): ZoteroCreator {
  const name = raw
    .replace(/^[\s\u00A0.,/[\]:]+/, '')
    .replace(/[\s\u00A0.,/[\]:]+$/, '')
    .replace(/[\s\u00A0]+/, ' ');
  if (useComma) {
    const parts = name.split(/, ?/);
    return parts.length > 1
      ? { lastName: parts[0]!, firstName: parts[1], creatorType }
      : { lastName: name, creatorType };
  }
  const space = name.lastIndexOf(' ');
  return { lastName: name.slice(space + 1), firstName: space > 0 ? name.slice(0, space) : '', creatorType };
}

function highwireCreators(values: string[], role: string): ZoteroCreator[] {
  const out: ZoteroCreator[] = [];
  for (const value of values) {
    let names = value.split(/\s*;\s*/);
    if (names.length === 1 && values.length === 1) {
      const byComma = names[0]!.split(/\s*,\s*/);
      if (byComma.length > 1 && byComma[0]!.includes(' ') && byComma[1]!.includes(' ')) names = byComma;
    }
    for (const n of names.map((x) => x.trim()))
      if (n && /[^\s,.;-]/.test(n)) out.push(cleanAuthor(n, role, n.includes(',')));
  }
  return out;
}

/** The item Zotero would save from this HTML document's head. */
export function zoteroEmbedded(doc: Document): ZoteroItem {
  const head = first(doc, 'head')!;
  const values = new Map<string, string[]>();
  for (const m of all(head, 'meta')) {
    const name = m.attribs.name ?? m.attribs.property;
    if (name && m.attribs.content) values.set(name, [...(values.get(name) ?? []), m.attribs.content]);
  }
  const one = (name: string) => values.get(name)?.[0];
  const many = (name: string) => values.get(name) ?? [];
  // Item type: a decisive Highwire tag, else the RDF type (a DC.type naming a Zotero type), else the guess.
  const hwType = one('citation_journal_title')
    ? 'journalArticle'
    : one('citation_technical_report_institution')
      ? 'report'
      : one('citation_book_title')
        ? 'bookSection'
        : one('citation_dissertation_institution')
          ? 'thesis'
          : undefined;
  const hwGuess = one('citation_isbn')
    ? 'book'
    : one('citation_title') || one('citation_series_title')
      ? 'journalArticle'
      : undefined;
  const dcType = one('DC.type');
  let rdfType: string | undefined;
  let rdfGuess: string | undefined;
  if (dcType && ZOTERO_TYPES.has(dcType)) rdfType = dcType;
  else if (dcType) {
    const t = dcType.toLowerCase().replace(/\s/g, '');
    if (['book', 'report', 'thesis', 'patent'].includes(t)) rdfType = t;
    else if (t === 'text') rdfGuess = 'journalArticle';
    else if (t === 'image' || t === 'stillimage') rdfGuess = 'artwork';
  }
  const itemType = hwType ?? rdfType ?? hwGuess ?? (values.size ? 'webpage' : rdfGuess) ?? 'webpage';
  const authors = many('citation_author').length ? many('citation_author') : many('citation_authors');
  let creators = [...highwireCreators(authors, 'author'), ...highwireCreators(many('citation_editor'), 'editor')];
  if (!creators.length) creators = many('DC.creator').map((c) => cleanAuthor(c, 'author', c.includes(',')));
  return {
    itemType,
    title: one('citation_title') ?? one('DC.title'),
    creators,
    date: one('citation_publication_date') ?? one('citation_date') ?? one('DC.date'),
    publisher: one('citation_publisher') ?? one('DC.publisher'),
    institution: one('citation_technical_report_institution'),
    place: one('eprints.place_of_pub'),
    numPages: one('bibo.numPages'),
    language: one('citation_language') ?? one('DC.language'),
    ISBN: many('citation_isbn').join(', ') || undefined,
    DOI: one('citation_doi'),
    series: one('citation_series_title'),
    abstractNote: one('citation_abstract') ?? one('DC.description'),
    url: one('citation_public_url') ?? one('citation_abstract_html_url'),
    pdfUrl: one('citation_pdf_url'),
  };
}
