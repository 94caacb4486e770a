// Test support for XML answers (OAI-PMH, Atom, sitemaps) and HTML heads: parsing with htmlparser2, and
// validation against the XML schemas in ../shared/standards with xmllint, offline (--nonet).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared/standards beside the repository (CI lays shared/ beside the clone). */
export const STANDARDS = path.resolve(repoRoot, '..', 'shared', 'standards');

/** An XML document, parsed (namespace prefixes stay part of the tag names: "dc:title"). */
export function parseXml(xml: string): Document {
  return parseDocument(xml, { xmlMode: true });
}

/** An HTML document, parsed as a browser would tokenise it. */
export function parseHtml(html: string): Document {
  return parseDocument(html);
}

export function all(root: Document | Element, name: string): Element[] {
  return DomUtils.findAll((e) => e.name === name, root.children);
}

export function first(root: Document | Element, name: string): Element | undefined {
  return all(root, name)[0];
}

export function textOf(e: Element | undefined): string {
  return e ? DomUtils.textContent(e) : '';
}

export function texts(root: Document | Element, name: string): string[] {
  return all(root, name).map((e) => DomUtils.textContent(e));
}

/** Why schema validation cannot run here, or null when it can. */
export function validationUnavailable(): string | null {
  if (!fs.existsSync(path.join(STANDARDS, 'OAI-PMH.xsd'))) return `${STANDARDS} is absent: schema validation skipped`;
  if (spawnSync('xmllint', ['--version']).error) {
    // CI must validate: a missing xmllint there is a broken setup, not a reason to skip.
    if (process.env.CI)
      throw new Error('CI needs xmllint to validate OAI-PMH responses (Debian: apt-get install -y libxml2-utils)');
    return 'xmllint is not installed (Debian: apt-get install libxml2-utils): schema validation skipped';
  }
  return null;
}

/** The MODS schema, when shared/standards carries one (mods-3-8.xsd with xlink.xsd beside it). */
export function modsSchema(): string | null {
  const file = path.join(STANDARDS, 'mods-3-8.xsd');
  return fs.existsSync(file) ? file : null;
}

let driver: string | undefined;
/** A driver schema importing OAI-PMH, oai_dc, oai-identifier (and MODS when present) by absolute path. */
function driverSchema(): string {
  if (driver) return driver;
  // shared/standards' own driver (OAI-PMH, oai_dc, oai-identifier and MODS 3.8 in one) when it is there.
  const shared = path.join(STANDARDS, 'oai-pmh-mods-validate.xsd');
  if (modsSchema() && fs.existsSync(shared)) return (driver = shared);
  const imports: Array<[string, string]> = [
    ['http://www.openarchives.org/OAI/2.0/', path.join(STANDARDS, 'OAI-PMH.xsd')],
    ['http://www.openarchives.org/OAI/2.0/oai_dc/', path.join(STANDARDS, 'oai_dc.xsd')],
    ['http://www.openarchives.org/OAI/2.0/oai-identifier', path.join(STANDARDS, 'oai-identifier.xsd')],
  ];
  const mods = modsSchema();
  if (mods) imports.push(['http://www.loc.gov/mods/v3', mods]);
  const xsd = `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports
    .map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`)
    .join('\n')}\n</xs:schema>\n`;
  driver = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-oai-xsd-')), 'driver.xsd');
  fs.writeFileSync(driver, xsd);
  return driver;
}

/** xmllint's verdict on a document against a schema (the OAI-PMH driver by default). */
export function validate(xml: string, schema = driverSchema()): { ok: boolean; message: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { input: xml, encoding: 'utf8' });
  return { ok: r.status === 0, message: r.stderr };
}

/** Well-formedness alone (what a feed or sitemap without a schema here can be held to). */
export function wellFormed(xml: string): { ok: boolean; message: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: xml, encoding: 'utf8' });
  return { ok: r.status === 0, message: r.stderr };
}

let modsNoticeShown = false;
/**
 * Validates an OAI-PMH response. Without a MODS schema in shared/standards, each MODS record is
 * replaced by an empty oai_dc record so that the envelope (headers, tokens, request) is still checked.
 */
export function validateOai(xml: string): { ok: boolean; message: string } {
  if (!modsSchema() && xml.includes('<mods xmlns="http://www.loc.gov/mods/v3"')) {
    if (!modsNoticeShown)
      console.warn(`# ${STANDARDS}/mods-3-8.xsd is absent: MODS records are checked for well-formedness only`);
    modsNoticeShown = true;
    const inner = wellFormed(xml);
    if (!inner.ok) return inner;
    xml = xml.replace(
      /<mods xmlns="http:\/\/www\.loc\.gov\/mods\/v3"[\s\S]*?<\/mods>/g,
      '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"/>',
    );
  }
  return validate(xml);
}
