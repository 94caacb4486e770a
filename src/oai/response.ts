// The OAI-PMH envelope (spec §3.2): responseDate, the request echoed, then the verb's answer or errors.
import type { OaiError } from './args.ts';
import { el, escapeXml, leaf, XML_DECLARATION } from './xml.ts';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

/** A UTC instant at second granularity: 2025-01-15T10:00:00Z. */
export function utcSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The whole response document. echo holds the request's arguments; after badVerb or badArgument
 * it must be empty (§3.6: the request element then carries the base URL only).
 */
export function oaiDocument(baseUrl: string, echo: Record<string, string>, body: string, now = new Date()): string {
  return (
    XML_DECLARATION +
    el(
      'OAI-PMH',
      {
        xmlns: OAI_NS,
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:schemaLocation': `${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`,
      },
      [
        leaf('responseDate', utcSeconds(now)),
        `<request${Object.entries(echo)
          .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
          .join('')}>${escapeXml(baseUrl)}</request>`,
        body,
      ],
    ) +
    '\n'
  );
}

/** Error elements; the request is echoed only for errors other than badVerb and badArgument. */
export function oaiErrorDocument(baseUrl: string, echo: Record<string, string>, errors: OaiError[]): string {
  const bare = errors.some((e) => e.code === 'badVerb' || e.code === 'badArgument');
  return oaiDocument(baseUrl, bare ? {} : echo, errors.map((e) => leaf('error', e.message, { code: e.code })).join(''));
}
