// Splitting a page into publication blocks by layout: paragraphs are typed (title-like header,
// labelled fields, DOWNLOAD, running text) and a new block starts where the layout says one does.
import type { SourceLine } from './lines.ts';
import { findKindWords, isPrimaryKind, kinds } from './vocabulary.ts';

export type ParagraphType = 'header' | 'fields' | 'download' | 'body';

export interface Paragraph { lines: SourceLine[]; type: ParagraphType; gapBefore: number }

/** One publication's lines as the layout groups them. */
export interface Block { paragraphs: Paragraph[] }

/** A line left out of every block, and why. */
export interface Skipped { line: SourceLine; reason: string }

const FIELD_LABEL = new RegExp(
  '^(?:number of pages|no\\.? of pages|pages|format|publication language|language of publication|languages?|' +
    'year of publication|publication year|year|lead authors?|authors?|author\\(s\\)|editors?|illustrators?|publisher|' +
    'e-?mail|phones?|tel\\.?|telephone|isbn|price|series|' +
    'количество страниц|кол-во страниц|объем|формат|язык(?:и)? (?:публикации|издания)|язык|год (?:издания|публикации)|' +
    'автор(?:ы)?|редактор|издатель|телефон|тел\\.|беттер саны|бет саны|пішімі|басылым тілі|тілі|басылған жылы|шыққан жылы|жылы)\\s*[:：]',
  'iu',
);
const DOWNLOAD = /^(?:download|download pdf|скачать|загрузить|жүктеу|жүктеп алу)\s*[.!:]?$/iu;
/** Labels that introduce running text rather than a field. */
export const TEXT_LABEL = /^(?:description|note|annotation|abstract|описание|аннотация|примечание|сипаттама|ескерту)\s*[:：]\s*/iu;
const ENDS_WITH_FUNCTION_WORD = /\s(?:and|or|of|the|a|an|in|on|for|to|with|by|from|at|as|и|в|на|по|для|с|мен|және)$/iu;
const STARTS_LIKE_SENTENCE = /^(?:it|this|these|those|they|we|he|she|there|here|our|its|for more|please)\b/iu;

export const isFieldLine = (t: string): boolean => FIELD_LABEL.test(t) && !TEXT_LABEL.test(t);
export const isDownloadLine = (l: SourceLine): boolean =>
  DOWNLOAD.test(l.text) || (l.links.length > 0 && l.links.every((k) => isFileLink(k.href)) && /^(?:download|скачать|жүктеу)\b/iu.test(l.text));
/** A link to a file rather than a page. */
export const isFileLink = (href: string): boolean => /\.(?:pdf|docx?|zip|rtf|odt|epub|pptx?|xlsx?)(?:[?#].*)?$/i.test(href);

/** A line that could be a title, a subtitle or a heading: short, no closing punctuation, not a sentence. */
export function isTitleLike(text: string): boolean {
  const t = text.trim();
  if (!t || isFieldLine(t) || TEXT_LABEL.test(t) || DOWNLOAD.test(t)) return false;
  if (t.length > 230 || t.split(/\s+/).length > 34) return false;
  if (/[.;,:]$/.test(t) || /https?:\/\/|www\.|@/.test(t)) return false;
  if (!/^[\p{Lu}\d“"«'‘(]/u.test(t) || ENDS_WITH_FUNCTION_WORD.test(t) || STARTS_LIKE_SENTENCE.test(t)) return false;
  // Titles name things; a line with an auxiliary verb ("The aim of this analysis is to …") is a sentence.
  if (/\s(?:is|are|was|were|has|have|had|will|would|can|could|should|являются|является)\s/iu.test(t)) return false;
  return !/[.!?]\s+[\p{Lu}“"«]/u.test(t.replace(/\b(?:No|Vol|Dr|Mr|Mrs|Ms|St|etc)\.\s/g, ''));
}

/** A heading set in capitals, such as "HANDBOOK ON MIGRATION TERMINOLOGY (Russian-English)". */
export function isCapitalsHeading(text: string): boolean {
  const letters = text.replace(/\([^)]*\)/g, '').replace(/[^\p{L}]/gu, '');
  return letters.length >= 8 && [...letters].filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length / letters.length > 0.9;
}

/** Starts with a word naming a kind that is a publication of its own ("Handbook on …", "Workbook …"). */
export function startsWithPrimaryKind(text: string): boolean {
  const first = findKindWords(text).find((k) => k.index === 0);
  return !!first && isPrimaryKind(first.kind);
}

/** "Pillar 1: …", "Part II – …", or after a line ending with a colon: a heading inside a description. */
const isSubheading = (p: Paragraph, prev: Paragraph | undefined): boolean =>
  /^\p{L}+\s+(?:\d+|[IVX]+)\s*[:.–-]/u.test(p.lines[0]!.text) || !!prev?.lines.at(-1)?.text.endsWith(':');

function paragraphType(lines: SourceLine[]): ParagraphType {
  if (lines.length === 1 && isDownloadLine(lines[0]!)) return 'download';
  if (isFieldLine(lines[0]!.text)) return 'fields';
  if (lines.every((l) => isTitleLike(l.text)) && lines.length <= 4) return 'header';
  return 'body';
}

/** Groups non-blank lines into paragraphs, remembering how many blank lines came before each. */
export function paragraphs(lines: SourceLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  let gap = 0;
  let cur: SourceLine[] = [];
  const close = (): void => {
    if (cur.length) out.push({ lines: cur, type: paragraphType(cur), gapBefore: gap });
    cur = [];
  };
  for (const l of lines) {
    if (!l.text) {
      if (cur.length) {
        close();
        gap = 0;
      }
      gap++;
      continue;
    }
    // In HTML each heading or emphasised line is its own paragraph.
    if (cur.length && (l.heading || cur.at(-1)!.heading) && l.heading !== cur.at(-1)!.heading) {
      close();
      gap = 1;
    }
    cur.push(l);
  }
  close();
  return out;
}

/** Splits the page into blocks; the page's own heading ("Publications") is skipped. */
export function splitBlocks(lines: SourceLine[]): { blocks: Block[]; skipped: Skipped[] } {
  const paras = paragraphs(lines);
  const skipped: Skipped[] = [];
  const blocks: Block[] = [];
  let cur: (Block & { ended: boolean; hasBody: boolean; hasFields: boolean }) | null = null;
  for (const [i, p] of paras.entries()) {
    if (i === 0 && p.lines.length === 1 && kinds.pageHeadings.includes(p.lines[0]!.text.toLowerCase().replace(/[:.]$/, ''))) {
      skipped.push({ line: p.lines[0]!, reason: 'the page heading, not a publication' });
      continue;
    }
    if (!cur || startsNewBlock(cur, p, paras[i - 1])) {
      cur = { paragraphs: [], ended: false, hasBody: false, hasFields: false };
      blocks.push(cur);
    }
    cur.paragraphs.push(p);
    if (p.type === 'download') cur.ended = true;
    if (p.type === 'body') cur.hasBody = true;
    if (p.type === 'fields') cur.hasFields = true;
  }
  return { blocks: blocks.map((b) => ({ paragraphs: b.paragraphs })), skipped };
}

function startsNewBlock(cur: { ended: boolean; hasBody: boolean; hasFields: boolean; paragraphs: Paragraph[] }, p: Paragraph, prev: Paragraph | undefined): boolean {
  const first = p.lines[0]!.text;
  if (cur.ended) {
    // Fields after DOWNLOAD still belong to the block when it has none of its own.
    return !(p.type === 'fields' && !cur.hasFields);
  }
  if (p.type !== 'header') return false;
  const loud = isCapitalsHeading(first) || startsWithPrimaryKind(first);
  if (!cur.hasBody && !cur.hasFields) return loud; // still in the block's header: a subtitle unless it is a title of its own
  if (cur.hasFields) return true;
  if (isSubheading(p, prev)) return false;
  return p.gapBefore >= 2 || p.lines[0]!.heading || loud;
}
