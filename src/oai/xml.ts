// Building XML as strings with escaping by default: OAI-PMH responses, Atom feeds and sitemaps.
// Element content is either escaped text (leaf, text) or XML already built by these helpers.

/** Characters XML 1.0 forbids outright (controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for element content and attribute values; illegal characters are dropped. */
export function escapeXml(s: string): string {
  return s
    .replace(ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export type XmlAttrs = Record<string, string | number | null | undefined>;

function attrs(a: XmlAttrs | undefined): string {
  if (!a) return '';
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** An element whose children are XML strings (already built); falsy children are skipped. */
export function el(name: string, a?: XmlAttrs, children: Array<string | false | null | undefined> = []): string {
  const inner = children.filter(Boolean).join('');
  return inner ? `<${name}${attrs(a)}>${inner}</${name}>` : `<${name}${attrs(a)}/>`;
}

/** An element holding text; null/undefined/empty text gives no element at all. */
export function leaf(name: string, text: string | number | null | undefined, a?: XmlAttrs): string {
  if (text === null || text === undefined || text === '') return '';
  return `<${name}${attrs(a)}>${escapeXml(String(text))}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
