// What each kind of publication is called in each format that has a type vocabulary: CSL, Zotero (through
// the Dublin Core type its Embedded Metadata translator reads), RIS, BibTeX and schema.org. One table, so
// that a handbook is a book everywhere and a study a report everywhere (docs/reference-managers.md).
import type { Kind } from '../domain/publication.ts';

export interface KindTypes {
  /** CSL 1.0.2 item type. */
  csl: 'report' | 'book' | 'pamphlet' | 'graphic' | 'webpage' | 'document';
  /** Zotero item type; Zotero's RDF import takes a DC.type that names one as the item type. */
  zotero: 'report' | 'book' | 'artwork' | 'webpage' | 'document';
  /** RIS TY, chosen so that Zotero's RIS import makes the same Zotero type (PAMP would become a manuscript). */
  ris: 'RPRT' | 'BOOK' | 'ART' | 'ELEC' | 'GEN';
  /** The BibTeX entry type wanted; bibtex.ts falls back to one whose required fields the record has. */
  bibtex: 'techreport' | 'book' | 'proceedings' | 'booklet' | 'misc';
  /** schema.org type. */
  schema: 'Report' | 'Book' | 'Poster' | 'Article' | 'CreativeWork';
}

const REPORT: KindTypes = { csl: 'report', zotero: 'report', ris: 'RPRT', bibtex: 'techreport', schema: 'Report' };
const BOOK: KindTypes = { csl: 'book', zotero: 'book', ris: 'BOOK', bibtex: 'book', schema: 'Book' };

export const KIND_TYPES: Record<Kind, KindTypes> = {
  report: REPORT,
  summary: REPORT,
  'executive-summary': REPORT,
  study: REPORT,
  guidelines: REPORT,
  framework: REPORT,
  book: BOOK,
  handbook: BOOK,
  manual: BOOK,
  glossary: BOOK,
  'childrens-book': BOOK,
  compendium: BOOK,
  workbook: BOOK,
  'conference-proceedings': { ...BOOK, bibtex: 'proceedings' },
  brochure: { csl: 'pamphlet', zotero: 'book', ris: 'BOOK', bibtex: 'booklet', schema: 'Book' },
  poster: { csl: 'graphic', zotero: 'artwork', ris: 'ART', bibtex: 'misc', schema: 'Poster' },
  news: { csl: 'webpage', zotero: 'webpage', ris: 'ELEC', bibtex: 'misc', schema: 'Article' },
  other: { csl: 'document', zotero: 'document', ris: 'GEN', bibtex: 'misc', schema: 'CreativeWork' },
};
