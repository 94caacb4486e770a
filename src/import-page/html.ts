// A saved web page from any CMS (Joomla, WordPress, Drupal, hand-made) → the same line structure as a text
// page: one line per paragraph, heading, list item, table cell or <br>, each with its line in the HTML
// source and its links. htmlparser2 reads the markup (as browsers do: unclosed tags, entities); nothing is
// fetched. What the markup says about the page's layout is kept in the lines:
// - repeated siblings (<li>, <article>, <div class="item">, table rows, <dt>) are the publications: two blank
//   lines part them, as on a text page with blocks;
// - a table's header cells label its columns ("Year", "Язык"), so each cell reads as a labelled field;
// - navigation, header, footer, sidebars, pagination and forms are site chrome: their lines are marked with
//   the reason, so the report lists them as not used.
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { SourceLine } from './lines.ts';

type Line = Omit<SourceLine, 'index'>;

const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'dd',
  'dt',
  'dl',
  'figure',
  'figcaption',
  'pre',
  'hr',
  'td',
  'th',
  'caption',
  'address',
  'time',
  'details',
  'summary',
]);
const SILENT = new Set([
  'script',
  'style',
  'head',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'canvas',
  'link',
  'meta',
]);
const EMPHASIS = new Set(['strong', 'b']);
const CHROME_CLASS =
  /(?:^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|pagination|pager|footer|sidebar|cookie|banner|share|sharing|social|skip|topbar|masthead|site-header)(?:$|[\s_-])/i;

/** True when the text looks like an HTML document or fragment rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return true;
  return (text.slice(0, 200_000).match(/<\/?(?:p|div|h[1-6]|br|strong|a|li|td|article)\b[^>]*>/gi) ?? []).length >= 3;
}

/** Why an element is site chrome, or null. */
function chromeOf(el: Element, inArticle: boolean): string | null {
  const role = el.attribs.role ?? '';
  const cls = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (el.name === 'nav' || role === 'navigation')
    return /breadcrumb/i.test(cls)
      ? 'site navigation (breadcrumbs)'
      : /pag(?:er|ination)/i.test(cls)
        ? 'pagination'
        : 'site navigation';
  if (el.name === 'form' || el.name === 'button' || el.name === 'select' || role === 'search')
    return 'a form on the page (search, filters)';
  if (!inArticle && (el.name === 'footer' || role === 'contentinfo')) return 'site footer';
  if (!inArticle && (el.name === 'header' || role === 'banner')) return 'site header';
  if (!inArticle && el.name === 'aside') return 'sidebar';
  const m = CHROME_CLASS.exec(cls);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  if (word.startsWith('breadcrumb')) return 'site navigation (breadcrumbs)';
  if (word === 'pagination' || word === 'pager') return 'pagination';
  if (word === 'footer') return inArticle ? null : 'site footer';
  if (word === 'share' || word === 'sharing' || word === 'social') return 'sharing buttons';
  if (word === 'cookie' || word === 'banner') return 'cookie banner';
  if (word === 'sidebar') return 'sidebar';
  return inArticle
    ? null
    : word === 'site-header' || word === 'masthead' || word === 'topbar'
      ? 'site header'
      : 'site navigation';
}

const signature = (el: Element): string =>
  `${el.name}.${(el.attribs.class ?? '')
    .split(/\s+/)
    .filter((c) => !/\d/.test(c))
    .sort()
    .join('.')}`;
const elements = (nodes: ChildNode[]): Element[] =>
  nodes.filter((n): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style');
const hasText = (n: ChildNode): boolean =>
  n.type === 'text' ? !!n.data.trim() : 'children' in n && n.children.some(hasText);

/**
 * The children of el that are the records of a list: at least two siblings of one kind (tag and class) that
 * make up most of its children with text. Table rows and definition terms count as such siblings.
 */
function repeated(el: Element): Set<Element> {
  const kids = elements(el.children).filter(hasText);
  if (kids.length < 2) return new Set();
  const counts = new Map<string, Element[]>();
  for (const k of kids) {
    const list = counts.get(signature(k));
    if (list) list.push(k);
    else counts.set(signature(k), [k]);
  }
  const [, best] = [...counts].sort((a, b) => b[1].length - a[1].length)[0]!;
  if (best.length < 2 || best.length < kids.length * 0.6) return new Set();
  // Paragraphs of one article are not records: only list-like containers and record-like children.
  if (
    best[0]!.name === 'p' ||
    best[0]!.name === 'br' ||
    best[0]!.name === 'span' ||
    best[0]!.name === 'td' ||
    best[0]!.name === 'th' ||
    best[0]!.name === 'dd'
  )
    return new Set();
  if (best[0]!.name === 'div' && !best[0]!.attribs.class && !['div', 'section', 'main'].includes(el.name))
    return new Set();
  return new Set(best);
}

/** Column labels of a table from its header row ("Title", "Year", "Язык"); null where a column has none. */
function columnLabels(table: Element): { labels: Array<string | null>; headerRow: Element | null } {
  const rows: Element[] = [];
  const collect = (e: Element): void => {
    for (const c of elements(e.children)) {
      if (c.name === 'tr') rows.push(c);
      else if (['thead', 'tbody', 'tfoot'].includes(c.name)) collect(c);
    }
  };
  collect(table);
  const first = rows[0];
  const cells = first ? elements(first.children).filter((c) => c.name === 'th' || c.name === 'td') : [];
  if (!first || !cells.length || !cells.every((c) => c.name === 'th')) return { labels: [], headerRow: null };
  return {
    labels: cells.map(
      (c) =>
        textOf(c)
          .replace(/[:：]\s*$/, '')
          .trim() || null,
    ),
    headerRow: first,
  };
}

const textOf = (n: ChildNode): string =>
  (n.type === 'text' ? n.data : 'children' in n ? n.children.map(textOf).join('') : '').replace(/\s+/g, ' ');

/** A column label that names the title: its cells are titles, not "Label: value" fields. */
const TITLE_COLUMN =
  /^(?:title|name|publication|document|название|наименование|публикация|атауы|тақырыбы|жарияланым)$/iu;
const FILE_COLUMN = /^(?:download|pdf|file|link|скачать|файл|ссылка|жүктеу|сілтеме)$/iu;

/** The page's text lines, each with its line in the HTML source, its links and whether it is a heading. */
export function htmlToLines(html: string): Line[] {
  const doc = parseDocument(html, { withStartIndices: true, decodeEntities: true });
  const newlines: number[] = [];
  for (let i = html.indexOf('\n'); i !== -1; i = html.indexOf('\n', i + 1)) newlines.push(i);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };

  const out: Line[] = [];
  let text = '';
  let startNo = 0;
  let links: Line['links'] = [];
  let plainChars = 0;
  let chrome: string | null = null;
  let emphasis = 0;
  let heading = 0;
  let recordStart = false;

  const flush = (): void => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) {
      out.push({
        no: startNo,
        text: t,
        links,
        heading: plainChars === 0,
        ...(chrome ? { chrome } : {}),
        ...(recordStart && !chrome ? { record: true as const } : {}),
      });
      if (!chrome) recordStart = false;
    }
    text = '';
    links = [];
    plainChars = 0;
  };
  const blank = (n: number): void => {
    flush();
    let have = 0;
    for (let i = out.length - 1; i >= 0 && out[i]!.text === ''; i--) have++;
    if (!out.length) return;
    for (; have < n; have++) out.push({ no: out.at(-1)!.no, text: '', links: [], heading: false });
  };
  const add = (s: string, at: number): void => {
    if (!text.trim() && s.trim()) startNo = lineOf(at + (s.length - s.trimStart().length));
    text += s;
    if (!heading && !emphasis) plainChars += s.replace(/[\s\p{P}]/gu, '').length;
  };

  const walk = (node: ChildNode, inArticle: boolean, label: string | null): void => {
    if (node.type === 'text') {
      add(
        label && !text.trim() && node.data.trim() ? `${label}: ${node.data.trimStart()}` : node.data,
        node.startIndex ?? 0,
      );
      return;
    }
    if (node.type !== 'tag') return;
    const el = node;
    if (SILENT.has(el.name)) return;
    if (el.name === 'br') {
      flush();
      return;
    }
    const reason = chrome ? null : chromeOf(el, inArticle);
    const outer = chrome;
    if (reason) {
      blank(2);
      chrome = reason;
    }
    const block = BLOCK.has(el.name);
    if (block) blank(1);
    const isHeading = /^h[1-6]$/.test(el.name) || el.name === 'dt';
    if (isHeading) heading++;
    if (EMPHASIS.has(el.name)) emphasis++;
    if (el.name === 'a') {
      const before = text.length;
      for (const c of el.children) walk(c, inArticle, label);
      const href = (el.attribs.href ?? '').trim();
      if (href && !href.startsWith('#') && !/^javascript:/i.test(href)) {
        if (!text.trim()) startNo = lineOf(el.startIndex ?? 0);
        links.push({ href, text: text.slice(before).replace(/\s+/g, ' ').trim() });
      }
    } else if (el.name === 'table') {
      const { labels, headerRow } = columnLabels(el);
      const rows: Element[] = [];
      const collect = (e: Element): void => {
        for (const c of elements(e.children)) {
          if (c.name === 'tr') rows.push(c);
          else if (['thead', 'tbody', 'tfoot'].includes(c.name)) collect(c);
        }
      };
      collect(el);
      for (const row of rows) {
        if (row === headerRow) {
          // The header row labels the columns; its words are reported with the reason.
          const was = chrome;
          chrome ??= "the table's column headings";
          blank(2);
          for (const c of elements(row.children)) {
            blank(1);
            walk(c, inArticle, null);
          }
          blank(2);
          chrome = was;
          continue;
        }
        blank(2);
        recordStart = !chrome;
        const cells = elements(row.children).filter((c) => c.name === 'td' || c.name === 'th');
        // The title column first, so that the record starts with its title.
        const order = cells
          .map((c, i) => ({ c, i }))
          .sort(
            (a, b) =>
              Number(!TITLE_COLUMN.test(labels[a.i] ?? '')) - Number(!TITLE_COLUMN.test(labels[b.i] ?? '')) ||
              a.i - b.i,
          );
        for (const { c, i } of order) {
          blank(1);
          const l = labels[i];
          // A file column's link reads as a download line ("Download: kz-profile.pdf").
          const cellLabel = l && !TITLE_COLUMN.test(l) ? (FILE_COLUMN.test(l) ? 'Download' : l) : null;
          walk(c, inArticle, cellLabel);
        }
        blank(2);
      }
    } else {
      const records = repeated(el);
      const article =
        inArticle ||
        el.name === 'article' ||
        el.name === 'main' ||
        /\b(?:content|article|entry|item|post|publication)/i.test(el.attribs.class ?? '');
      for (const c of el.children) {
        const record = c.type === 'tag' && records.has(c);
        if (record) {
          blank(2);
          recordStart = !chrome;
        }
        walk(c, article, label);
        if (record) {
          blank(2);
          recordStart = false;
        }
      }
    }
    if (isHeading) heading--;
    if (EMPHASIS.has(el.name)) emphasis--;
    if (block) blank(1);
    if (reason) {
      blank(2);
      chrome = outer;
    }
  };
  for (const c of doc.children) walk(c, false, null);
  flush();
  while (out.length && out.at(-1)!.text === '') out.pop();
  return out;
}
