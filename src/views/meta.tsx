// The item page's machine-readable head: Highwire Press citation_* tags (Google Scholar, Zotero's and
// Mendeley's Embedded Metadata readers), Dublin Core DC.* tags with the few extra RDF terms Zotero reads
// (item type, pages, place), and a schema.org JSON-LD description. Why each tag is as it is:
// docs/reference-managers.md.
import type { Creator } from '../cite/creators.ts';
import { pickText } from '../cite/creators.ts';
import { fullTitle, referenceOf, type Reference } from '../cite/reference.ts';
import { rightsOf, rightsStatement } from '../domain/licence.ts';
import type { PublicationDetail, RelatedPublication } from '../domain/records.ts';
import type { UiLang } from '../i18n/i18n.ts';
import { dcmiType, identifierUris, languagesOf } from '../oai/dc.ts';
import { href } from './href.ts';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

function agent(c: Creator): Record<string, string> {
  return c.type === 'person'
    ? { '@type': 'Person', name: c.name, familyName: c.family!, ...(c.given ? { givenName: c.given } : {}) }
    : { '@type': 'Organization', name: c.name };
}

/**
 * A creator as Zotero's Embedded Metadata reads citation_author and DC.creator: a person "Family, Given";
 * an organisation with a comma at the end and none inside, which Zotero's name cleaner reads as one
 * last name with no first name (without it, "International Organization for Migration" becomes
 * first name "International Organization for", last name "Migration").
 */
export function metaName(c: Creator): string {
  return c.type === 'person' ? (c.given ? `${c.family}, ${c.given}` : c.family!) : `${c.name.replace(/,/g, '')},`;
}

function work(r: RelatedPublication, origin: string) {
  const t = pickText(r.title, [r.original_language, 'en']);
  return { '@type': 'CreativeWork', name: t?.text, url: `${origin}/publications/${r.slug}` };
}

/** One value, or a list when there are several; undefined when there is none (JSON.stringify drops it). */
function oneOrMany<T>(list: T[]): T | T[] | undefined {
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
}

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });

/** The schema.org description of a publication (Report, Book, Article, Poster or CreativeWork). */
function jsonLd(p: PublicationDetail, origin: string, r: Reference): Record<string, unknown> {
  const url = r.url;
  const type = r.types.schema;
  const pdf = r.pdfUrl;
  const orgs = (role: string) =>
    oneOrMany(
      p.organisations
        .filter((o) => o.role === role)
        .map((o) => ({
          '@type': 'Organization',
          name: pickText(o.name, [r.titleLang, p.original_language, 'en'])!.text,
          ...(o.abbreviation ? { alternateName: o.abbreviation } : {}),
        })),
    );
  return {
    '@context': 'https://schema.org',
    '@type': type,
    '@id': url,
    url,
    name: fullTitle(r),
    alternateName: oneOrMany(
      languagesOf(p.title, r.titleLang)
        .slice(1)
        .map((l) => (p.title as Record<string, string>)[l]!),
    ),
    description: r.abstract,
    inLanguage: oneOrMany(r.languages),
    datePublished: p.published_on ?? (p.year ? String(p.year) : undefined),
    author: oneOrMany(r.cited.map(agent)),
    editor: oneOrMany(r.editors.map(agent)),
    translator: oneOrMany(r.translators.map(agent)),
    locationCreated: r.place ? { '@type': 'Place', name: r.place } : undefined,
    ...(type === 'Book'
      ? { illustrator: oneOrMany(r.illustrators.map(agent)), numberOfPages: r.pages, isbn: r.isbn }
      : {}),
    publisher: orgs('publisher'),
    funder: orgs('funder'),
    isPartOf: oneOrMany([
      ...(p.series ? [{ '@type': 'CreativeWorkSeries', name: p.series }] : []),
      ...p.relations_out.filter((x) => x.type === 'partOf').map((x) => work(x, origin)),
    ]),
    translationOfWork: oneOrMany(p.relations_out.filter((x) => x.type === 'translationOf').map((x) => work(x, origin))),
    workTranslation: oneOrMany(p.relations_in.filter((x) => x.type === 'translationOf').map((x) => work(x, origin))),
    about: oneOrMany(
      p.topics.map((t) => ({
        '@type': 'Thing',
        name: pickText(t.name, [r.titleLang, 'en'])!.text,
        url: `${origin}/topics/${t.slug}`,
      })),
    ),
    keywords: r.keywords.length ? r.keywords.join(', ') : undefined,
    spatialCoverage: oneOrMany(
      p.countries.map((c) => ({ '@type': 'Country', name: REGIONS.of(c) ?? c, identifier: c })),
    ),
    identifier: oneOrMany(
      p.identifiers.map((i) => ({ '@type': 'PropertyValue', propertyID: i.scheme.toUpperCase(), value: i.value })),
    ),
    sameAs: r.doi ? `https://doi.org/${r.doi}` : undefined,
    isAccessibleForFree: p.download || undefined,
    encoding: pdf ? { '@type': 'MediaObject', contentUrl: pdf, encodingFormat: 'application/pdf' } : undefined,
    image: p.cover_sha256 ? `${origin}/covers/${p.cover_sha256}.webp` : undefined,
    license: rightsOf(p.licence, p.rights_holder)?.url ?? undefined,
  };
}

/** "2017/05/04" or "2017", as Google Scholar reads citation_publication_date. */
function scholarDate(p: PublicationDetail): string | null {
  return p.published_on ? p.published_on.replaceAll('-', '/') : p.year ? String(p.year) : null;
}

/** Name/content pairs of the Highwire Press, Dublin Core and RDF tags, in order. */
function metaTags(p: PublicationDetail, r: Reference): Array<{ name: string; content: string; lang?: string }> {
  const date = scholarDate(p);
  const publisher = r.publishers.join('; ');
  const tags: Array<{ name: string; content: string | number | null | undefined; lang?: string }> = [
    { name: 'citation_title', content: fullTitle(r) },
    ...r.cited.map((a) => ({ name: 'citation_author', content: metaName(a) })),
    ...r.editors.map((a) => ({ name: 'citation_editor', content: metaName(a) })),
    { name: 'citation_publication_date', content: date },
    // Zotero and Scholar read the first citation_publisher only: all publishers in one.
    { name: 'citation_publisher', content: publisher },
    // The one Highwire tag that makes Zotero save a report (with the publisher as its institution).
    ...(r.types.zotero === 'report' ? [{ name: 'citation_technical_report_institution', content: publisher }] : []),
    // The language the publication is cited in first: Zotero and Scholar take the first.
    ...r.languages.map((l) => ({ name: 'citation_language', content: l })),
    { name: 'citation_num_pages', content: r.pages },
    { name: 'citation_series_title', content: r.series },
    { name: 'citation_isbn', content: r.isbn },
    { name: 'citation_doi', content: r.doi },
    { name: 'citation_keywords', content: r.keywords.join('; ') },
    { name: 'citation_abstract_html_url', content: r.url },
    { name: 'citation_pdf_url', content: r.pdfUrl },
    // Zotero's RDF reading of these tags: the first DC.type naming a Zotero item type is the item type
    // (a handbook a book, a poster an artwork), bibo.numPages its number of pages, eprints.place_of_pub its place.
    { name: 'DC.type', content: r.types.zotero },
    { name: 'DC.type', content: dcmiType(p.kind) },
    ...languagesOf(p.title, r.titleLang).map((l) => ({
      name: 'DC.title',
      content: (p.title as Record<string, string>)[l],
      lang: l,
    })),
    ...r.cited.map((a) => ({ name: 'DC.creator', content: metaName(a) })),
    ...r.publishers.map((n) => ({ name: 'DC.publisher', content: n })),
    { name: 'DC.date', content: p.published_on ?? p.year },
    ...[...new Set(p.files.map((f) => f.media_type))].map((m) => ({ name: 'DC.format', content: m })),
    { name: 'DC.identifier', content: r.url },
    ...identifierUris(p).map((u) => ({ name: 'DC.identifier', content: u })),
    ...r.languages.map((l) => ({ name: 'DC.language', content: l })),
    ...r.keywords.map((s) => ({ name: 'DC.subject', content: s })),
    {
      name: 'DC.description',
      content: r.abstract,
      lang: pickText(p.abstract, [r.titleLang, p.original_language, 'en'])?.lang,
    },
    { name: 'bibo.numPages', content: r.pages },
    { name: 'eprints.place_of_pub', content: r.place },
    ...(p.licence ? [{ name: 'DC.rights', content: rightsStatement(rightsOf(p.licence, p.rights_holder)!) }] : []),
  ];
  return tags
    .filter((t) => t.content !== null && t.content !== undefined && t.content !== '')
    .map((t) => ({ name: t.name, content: String(t.content), ...(t.lang ? { lang: t.lang } : {}) }));
}

/** Everything the item page adds to <head> (written with html``, as the rest of the head: src/views/layout.tsx). */
export function itemMeta(p: PublicationDetail, origin: string, lang: UiLang) {
  // JSON in a <script> ends at "</script>": every "<" is written as \u003c, which JSON reads back the same.
  const r = referenceOf(p, origin, lang);
  const json = JSON.stringify(jsonLd(p, origin, r)).replace(/</g, '\\u003c');
  const cite = href(lang, `/publications/${p.slug}/cite`);
  // For tools that look for a downloadable record; no Zotero translator reads these, so they cannot replace the tags.
  return html`<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/><link rel="alternate" type="application/x-research-info-systems" href="${cite}?format=ris" title="RIS"/><link rel="alternate" type="application/x-bibtex" href="${cite}?format=bibtex" title="BibTeX"/>${metaTags(p, r).map((m) => (m.lang ? html`<meta name="${m.name}" content="${m.content}" lang="${m.lang}"/>` : html`<meta name="${m.name}" content="${m.content}"/>`))}<script type="application/ld+json">${raw(json)}</script>` as HtmlEscapedString;
}
