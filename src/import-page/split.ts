// Splitting a page into publication blocks by layout: paragraphs are typed (title-like header,
// labelled fields, DOWNLOAD, running text) and a new block starts where the layout says one does.
import { chromeReason } from './chrome.ts';
import { alsoAvailable, dateSuffix, LIST_MARK, parseByline, parseCitation } from './items.ts';
import type { SourceLine } from './lines.ts';
import { findKindWords, isPrimaryKind, kinds } from './vocabulary.ts';

/** item: one line that is a whole publication of a list; more: a "Read more" link closing a card. */
export type ParagraphType = 'header' | 'fields' | 'download' | 'body' | 'item' | 'more';

/** card: a header that runs straight on into its text, with no blank line ("Title" / "What it is about."). */
export interface Paragraph {
  lines: SourceLine[];
  type: ParagraphType;
  gapBefore: number;
  card?: boolean;
}

/** One publication's lines as the layout groups them. */
export interface Block {
  paragraphs: Paragraph[];
}

/** A line left out of every block, and why. */
export interface Skipped {
  line: SourceLine;
  reason: string;
}

const FIELD_LABEL = new RegExp(
  '^(?:number of pages|no\\.? of pages|pages|format|publication language|language of publication|languages?|' +
    'year of publication|publication year|year|date of publication|publication date|published|date|lead authors?|authors?|author\\(s\\)|' +
    'editors?|illustrators?|publisher|place of publication|place|city|место издания|город издания|басылған жері|шыққан жері|басылып чыккан жери|чыккан жери|e-?mail|phones?|tel\\.?|telephone|isbn|price|series|type|document type|' +
    'количество страниц|кол-во страниц|число страниц|страниц|объем|объём|формат|язык(?:и)? (?:публикации|издания)|языки?|год (?:издания|публикации)|' +
    'дата (?:издания|публикации)|опубликовано|дата|автор(?:ы)?|редактор|издатель|издательство|телефон|тел\\.|серия|тип|вид|' +
    'беттер саны|бет саны|көлемі|пішімі|басылым тілі|тілі|басылған жылы|шыққан жылы|жарияланған күні|жарияланған жылы|жылы|авторы|баспа|баспагер|сериясы|түрі)\\s*[:：]',
  'iu',
);
const DOWNLOAD =
  /^(?:download|download pdf|download the (?:full )?(?:report|publication|pdf)|скачать|скачать pdf|загрузить|жүктеу|жүктеп алу)\s*(?:\((?:pdf|doc|docx)?[^)]{0,30}\))?\s*[.!:]?$/iu;
/** "Read more", "Подробнее", "Толығырақ": the link to the item's own page that closes a card. */
export const READ_MORE =
  /^(?:read more|more|learn more|view|details|подробнее|читать далее|читать полностью|толығырақ|оқу)\s*(?:[»›→>]+|\.\.\.|…)?$/iu;
/** Labels that introduce running text rather than a field. */
export const TEXT_LABEL =
  /^(?:description|note|annotation|abstract|описание|аннотация|примечание|сипаттама|ескерту)\s*[:：]\s*/iu;
const ENDS_WITH_FUNCTION_WORD = /\s(?:and|or|of|the|a|an|in|on|for|to|with|by|from|at|as|и|в|на|по|для|с|мен|және)$/iu;
const STARTS_LIKE_SENTENCE = /^(?:it|this|these|those|they|we|he|she|there|here|our|its|for more|please)\b/iu;

export const isFieldLine = (t: string): boolean =>
  (FIELD_LABEL.test(t) && !TEXT_LABEL.test(t)) || !!parseByline(t) || !!alsoAvailable(t);
export const isDownloadLine = (l: SourceLine): boolean =>
  DOWNLOAD.test(l.text) ||
  (l.links.length > 0 &&
    l.links.every((k) => isFileLink(k.href)) &&
    /^(?:download|скачать|жүктеу)(?![\p{L}])/iu.test(l.text));
/** A link to a file rather than a page. */
export const isFileLink = (href: string): boolean =>
  /\.(?:pdf|docx?|zip|rtf|odt|epub|pptx?|xlsx?)(?:[?#].*)?$/i.test(href);

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
  return (
    letters.length >= 8 &&
    [...letters].filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length / letters.length > 0.9
  );
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
  if (lines.length === 1 && READ_MORE.test(lines[0]!.text)) return 'more';
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
    if (cur.length) out.push(...typed(cur, gap));
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

/**
 * A run of lines → typed paragraphs. A list (every line a publication of its own) gives one 'item' per line;
 * a title-like first line over running text ("Title" / "What the report is about.") is a header of its own.
 */
function typed(lines: SourceLine[], gap: number): Paragraph[] {
  if (isList(lines)) return lines.map((l, i) => ({ lines: [l], type: 'item', gapBefore: i ? 0 : gap }));
  if (
    lines.length >= 2 &&
    (isTitleLike(lines[0]!.text) || LIST_MARK.test(lines[0]!.text)) &&
    !isFieldLine(lines[0]!.text) &&
    !lines.slice(1).every((l) => isTitleLike(l.text))
  ) {
    // The header may run to a byline, date or a second title line before the text starts.
    let n = 1;
    while (n < lines.length - 1 && n < 3 && isTitleLike(lines[n]!.text) && !isFieldLine(lines[n]!.text)) n++;
    const head: Paragraph = { lines: lines.slice(0, n), type: 'header', gapBefore: gap, card: true };
    return [head, ...typedRest(lines.slice(n))];
  }
  return [{ lines, type: paragraphType(lines), gapBefore: gap }];
}

/** The lines after a header: fields and download lines apart from running text, in order. */
function typedRest(lines: SourceLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const l of lines) {
    const t = isDownloadLine(l)
      ? 'download'
      : READ_MORE.test(l.text)
        ? 'more'
        : isFieldLine(l.text)
          ? 'fields'
          : 'body';
    const last = out.at(-1);
    if (last && last.type === t && (t === 'fields' || t === 'body')) last.lines.push(l);
    else out.push({ lines: [l], type: t, gapBefore: 0 });
  }
  return out;
}

/** One publication per line: numbered or bulleted items, citations, titles with dates, or a long run of titles. */
export function isList(lines: SourceLine[]): boolean {
  if (lines.length < 2) return false;
  const texts = lines.map((l) => l.text);
  if (texts.some((t) => isFieldLine(t) || DOWNLOAD.test(t))) return false;
  const marked = texts.filter((t) => LIST_MARK.test(t) && isTitleLike(itemText(t).replace(/[.;]$/, ''))).length;
  const cited = texts.filter((t) => parseCitation(t)).length;
  const dated = texts.filter((t) => {
    const d = dateSuffix(itemText(t));
    return !!d && isTitleLike(d.rest);
  }).length;
  const titles = texts.filter((t) => isTitleLike(itemText(t))).length;
  if (marked === texts.length || cited === texts.length) return true;
  if (texts.length >= 3 && dated + cited === texts.length) return true;
  return texts.length >= 5 && titles + cited + dated >= texts.length && titles < texts.length * 1.5;
}

/** A list line without its number or bullet. */
export const itemText = (t: string): string => t.replace(LIST_MARK, '').trim();

/** Splits the page into blocks; the page's own heading ("Publications") is skipped. */
export function splitBlocks(lines: SourceLine[]): { blocks: Block[]; skipped: Skipped[] } {
  const skipped: Skipped[] = [];
  // Site chrome is reported and read as a blank line, so it neither joins nor splits publications.
  const content = lines.map((l) => {
    const reason = l.text ? (l.chrome ?? chromeReason(l.text)) : null;
    if (!reason) return l;
    skipped.push({ line: l, reason });
    return { ...l, text: '' };
  });
  const paras = paragraphs(content);
  const sep = separatorGap(paras);
  const blocks: Block[] = [];
  let cur: (Block & { ended: boolean; hasBody: boolean; hasFields: boolean }) | null = null;
  let seenPublication = false;
  for (const [i, p] of paras.entries()) {
    const only = p.lines.length === 1 ? p.lines[0]!.text.toLowerCase().replace(/[:.]$/, '') : null;
    if (only && p.type !== 'item' && kinds.pageHeadings.includes(only)) {
      skipped.push({
        line: p.lines[0]!,
        reason: seenPublication ? 'a section heading, not a publication' : 'the page heading, not a publication',
      });
      continue;
    }
    if (!cur || p.type === 'item' || startsNewBlock(cur, p, paras[i - 1], sep)) {
      cur = { paragraphs: [], ended: p.type === 'item', hasBody: false, hasFields: false };
      blocks.push(cur);
    }
    if ((p.type !== 'body' && p.type !== 'header') || p.card) seenPublication = true;
    cur.paragraphs.push(p);
    if (p.type === 'download' || p.type === 'more') cur.ended = true;
    if (p.type === 'body') cur.hasBody = true;
    if (p.type === 'fields') cur.hasFields = true;
  }
  const kept: Block[] = [];
  for (const [i, b] of blocks.entries()) {
    const next = blocks[i + 1]?.paragraphs[0];
    const reason = next ? headingOver(b, next) : null;
    if (reason) for (const p of b.paragraphs) for (const line of p.lines) skipped.push({ line, reason });
    else kept.push({ paragraphs: b.paragraphs });
  }
  return { blocks: kept, skipped };
}

/**
 * A block that is only a heading over what follows: a lone title line before a list or before cards, or a
 * title with an introduction (no fields, no date, no download) before a list.
 */
function headingOver(b: Block, next: Paragraph): string | null {
  const [first, ...rest] = b.paragraphs;
  if (!first || first.type !== 'header' || (first.card && rest.length === 0) || first.lines[0]!.record) return null;
  const nextIsList = next.type === 'item';
  const nextIsCard = (next.type === 'header' && !!next.card) || !!next.lines[0]!.record;
  if (!nextIsList && !nextIsCard) return null;
  // Lone heading lines ("Regional Office", "Flagship reports") with nothing of their own under them.
  if (b.paragraphs.every((p) => p.type === 'header' && !p.card && p.lines.length === 1) && b.paragraphs.length <= 3)
    return 'a heading over the publications that follow, not a publication';
  if (nextIsList && rest.every((p) => p.type === 'body') && !first.lines.some((l) => /(?:19|20)\d{2}/.test(l.text))) {
    return 'a heading and introduction over the list that follows, not a publication';
  }
  return null;
}

/**
 * How many blank lines part two publications on this page: two where most titles that follow a publication's
 * text come after two or more, else one (cards separated by a single blank line).
 */
function separatorGap(paras: Paragraph[]): number {
  let wide = 0;
  let all = 0;
  for (let i = 1; i < paras.length; i++) {
    if (paras[i]!.type !== 'header' || paras[i - 1]!.type === 'header' || paras[i]!.gapBefore === 0) continue;
    all++;
    if (paras[i]!.gapBefore >= 2) wide++;
  }
  return all && wide / all >= 0.5 ? 2 : 1;
}

function startsNewBlock(
  cur: { ended: boolean; hasBody: boolean; hasFields: boolean; paragraphs: Paragraph[] },
  p: Paragraph,
  prev: Paragraph | undefined,
  sep: number,
): boolean {
  const first = p.lines[0]!.text;
  if (cur.paragraphs.at(-1)?.type === 'item' || p.lines[0]!.record) return true;
  if (cur.ended) {
    // Fields after DOWNLOAD still belong to the block when it has none of its own.
    return !(p.type === 'fields' && !cur.hasFields);
  }
  if (p.type !== 'header') return false;
  const loud = isCapitalsHeading(first) || startsWithPrimaryKind(first);
  // A card's title after a header line that stood alone: that line was a heading over the cards.
  if (
    !cur.hasBody &&
    !cur.hasFields &&
    p.card &&
    p.gapBefore >= 1 &&
    cur.paragraphs.every((x) => x.type === 'header' && !x.card)
  )
    return true;
  if (!cur.hasBody && !cur.hasFields) return loud; // still in the block's header: a subtitle unless it is a title of its own
  if (cur.hasFields) return true;
  if (isSubheading(p, prev)) return false;
  return p.gapBefore >= sep || p.lines[0]!.heading || loud;
}
