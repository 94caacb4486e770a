// A saved CMS article (Joomla-like HTML) → the same line structure as a text page: one line per
// paragraph, heading or <br>, blank lines between blocks, entities decoded, links kept with their line.
// A small tokenizer is enough for article markup; nothing is fetched.
import type { SourceLine } from './lines.ts';

const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tr', 'blockquote', 'section', 'article', 'header', 'footer', 'dd', 'dt', 'dl', 'figure', 'figcaption', 'pre', 'hr', 'td', 'th']);
const SKIPPED = new Set(['script', 'style', 'head', 'nav', 'noscript', 'template', 'svg', 'form', 'select', 'button', 'iframe']);
const EMPHASIS = new Set(['strong', 'b']);

const NAMED: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", laquo: '«', raquo: '»', ldquo: '“', rdquo: '”',
  lsquo: '‘', rsquo: '’', sbquo: '‚', bdquo: '„', ndash: '–', mdash: '—', hellip: '…', copy: '©', reg: '®', trade: '™',
  shy: '', bull: '•', middot: '·', deg: '°', euro: '€', acute: '´', times: '×', thinsp: ' ', ensp: ' ', emsp: ' ', zwnj: '', zwj: '',
};

/** Decodes HTML character references (&amp; &#8217; &#x2019; and the common named ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return NAMED[ref.toLowerCase()] ?? m;
  });
}

/** True when the text looks like an HTML document or fragment rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return true;
  return (text.match(/<\/?(?:p|div|h[1-6]|br|strong|a)\b[^>]*>/gi) ?? []).length >= 3;
}

/** The page's text lines, each with its line in the HTML source, its links and whether it is a heading. */
export function htmlToLines(html: string): Omit<SourceLine, 'index'>[] {
  const out: Omit<SourceLine, 'index'>[] = [];
  let text = '';
  let lineNo = 1;
  let startNo = 0;
  let links: SourceLine['links'] = [];
  let heading = 0;
  let emphasis = 0;
  let plainChars = 0; // letters outside <strong>/<h*>: a line of only emphasised text reads as a heading
  let skipDepth = 0;
  let skipTag = '';
  let link: { href: string; text: string } | null = null;
  let pos = 0;

  const flush = (blank: boolean): void => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) out.push({ no: startNo, text: t, links, heading: plainChars === 0 });
    if (blank && out.length && out[out.length - 1]!.text !== '') out.push({ no: lineNo, text: '', links: [], heading: false });
    text = '';
    links = [];
    plainChars = 0;
  };

  const re = /<!--[\s\S]*?-->|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+|<)/g;
  for (const m of html.matchAll(re)) {
    lineNo += countNewlines(html, pos, m.index);
    pos = m.index;
    const [, closing, rawTag, attrs, chunk] = m;
    if (chunk !== undefined) {
      if (skipDepth) continue;
      const decoded = decodeEntities(chunk);
      if (!text.trim() && decoded.trim()) startNo = lineNo + countLeadingNewlines(chunk);
      text += decoded;
      if (link) link.text += decoded;
      if (!heading && !emphasis) plainChars += decoded.replace(/[\s\p{P}]/gu, '').length;
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (skipDepth) {
      if (tag === skipTag) skipDepth += closing ? -1 : 1;
      continue;
    }
    if (SKIPPED.has(tag) && !closing && !/\/\s*$/.test(attrs ?? '')) {
      skipDepth = 1;
      skipTag = tag;
      continue;
    }
    if (tag === 'br') flush(false);
    else if (BLOCK.has(tag)) {
      flush(true);
      if (/^h[1-6]$/.test(tag)) heading += closing ? -1 : 1;
      heading = Math.max(0, heading);
    } else if (EMPHASIS.has(tag)) emphasis = Math.max(0, emphasis + (closing ? -1 : 1));
    else if (tag === 'a' && !closing) {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs ?? '');
      link = href ? { href: decodeEntities(href[1] ?? href[2] ?? href[3] ?? '').trim(), text: '' } : null;
    } else if (tag === 'a' && closing && link) {
      if (link.href && !link.href.startsWith('#') && !/^javascript:/i.test(link.href)) {
        if (!text.trim()) startNo = lineNo;
        links.push({ href: link.href, text: link.text.replace(/\s+/g, ' ').trim() });
      }
      link = null;
    }
  }
  flush(true);
  return out;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

const countLeadingNewlines = (s: string): number => (/^\s*/.exec(s)![0].match(/\n/g) ?? []).length;
