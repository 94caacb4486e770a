// RIS written by hand: one tag per line however long the value (citation-js wraps lines at 70
// characters, which breaks URLs and titles in every reader), tags chosen as Zotero's RIS translator reads
// them per type (docs/reference-managers.md).
import { invertedName, type Creator } from './creators.ts';
import type { Reference } from './reference.ts';

/** One line of RIS: a value is one line, so line breaks inside it become spaces. */
function line(tag: string, value: string | number | undefined): string {
  if (value === undefined || value === '') return '';
  return `${tag}  - ${String(value).replace(/\s+/g, ' ').trim()}\r\n`;
}

/** "Family, Given" for a person; an organisation whole and without a comma, so no reader splits it. */
function risName(c: Creator): string {
  return c.type === 'person' ? invertedName(c) : c.name.replace(/,/g, '');
}

/** The RIS record of a reference, ending with "ER  - ". */
export function risRecord(r: Reference): string {
  const d = r.date;
  const pad = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'));
  return [
    line('TY', r.types.ris),
    line('ID', r.id),
    line('TI', r.subtitle ? `${r.title}: ${r.subtitle}` : r.title),
    ...r.cited.map((c) => line('AU', risName(c))),
    // Editors: A3 in a BOOK (the RIS specification, Zotero and citation-js agree; A2 is the series editor
    // there), else ED, which Zotero reads as the editor of any type.
    ...r.editors.map((c) => line(r.types.ris === 'BOOK' ? 'A3' : 'ED', risName(c))),
    ...r.translators.map((c) => line('A4', risName(c))),
    line('PY', d?.[0]),
    line('DA', d && `${d[0]}/${pad(d[1])}/${pad(d[2])}/`),
    // One PB: readers keep the first of several (Zotero files the others as notes).
    line('PB', r.publishers.join('; ')),
    line('CY', r.place),
    // Number of pages: Zotero reads SP as numPages for books and as pages for reports.
    line('SP', r.pages),
    line('T2', r.series),
    // For a report Zotero reads SN as the report number, so an ISBN goes there only for other types.
    line('SN', r.types.ris === 'RPRT' ? undefined : r.isbn),
    line('DO', r.doi),
    line('LA', r.language),
    line('AB', r.abstract),
    ...r.keywords.map((k) => line('KW', k)),
    line('UR', r.url),
    line('L1', r.pdfUrl),
    'ER  - \r\n',
  ].join('');
}
