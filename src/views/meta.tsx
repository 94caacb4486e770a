// The item page's machine-readable head: Highwire Press citation_* tags (Google Scholar, Zotero),
// Dublin Core DC.* tags, and a schema.org JSON-LD description.
import { rightsOf, rightsStatement } from '../domain/licence.ts';
import { cslItem } from '../cite/csl.ts';
import { citedAuthors, creatorsWithRole, invertedName, pickText, type Creator } from '../cite/creators.ts';
import type { Kind } from '../domain/publication.ts';
import type { PublicationDetail, RelatedPublication } from '../domain/records.ts';
import type { UiLang } from '../i18n/i18n.ts';
import { dcmiType, identifierUris, languagesOf } from '../oai/dc.ts';
import { fullTextFiles } from '../visibility.ts';

const SCHEMA_TYPES: Record<Kind, string> = {
  report: 'Report', summary: 'Report', 'executive-summary': 'Report', study: 'Report', framework: 'Report', guidelines: 'Report',
  book: 'Book', handbook: 'Book', manual: 'Book', glossary: 'Book', 'childrens-book': 'Book', compendium: 'Book', workbook: 'Book',
  'conference-proceedings': 'Book', news: 'Article', poster: 'Poster', brochure: 'CreativeWork', other: 'CreativeWork',
};

/** The first PDF that is not a sample: what citation_pdf_url points to. */
function fullTextPdf(p: PublicationDetail, origin: string): string | null {
  const f = fullTextFiles(p.files).find((x) => x.media_type === 'application/pdf');
  return f ? `${origin}/publications/${p.slug}/files/${f.id}/${encodeURIComponent(f.original_name)}` : null;
}

function agent(c: Creator): Record<string, string> {
  return c.type === 'person'
    ? { '@type': 'Person', name: c.name, familyName: c.family!, ...(c.given ? { givenName: c.given } : {}) }
    : { '@type': 'Organization', name: c.name };
}

function work(r: RelatedPublication, origin: string) {
  const t = pickText(r.title, [r.original_language, 'en']);
  return { '@type': 'CreativeWork', name: t?.text, url: `${origin}/publications/${r.slug}` };
}

/** One value, or a list when there are several; undefined when there is none (JSON.stringify drops it). */
function oneOrMany<T>(list: T[]): T | T[] | undefined {
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
}

/** The schema.org description of a publication (Report, Book, Article, Poster or CreativeWork). */
export function jsonLd(p: PublicationDetail, origin: string, lang: UiLang): Record<string, unknown> {
  const url = `${origin}/publications/${p.slug}`;
  const item = cslItem(p, url, lang);
  const type = SCHEMA_TYPES[p.kind];
  const pdf = fullTextPdf(p, origin);
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  const orgs = (role: string) => oneOrMany(p.organisations.filter((o) => o.role === role).map((o) => ({
    '@type': 'Organization', name: pickText(o.name, [item.language, p.original_language, 'en'])!.text, ...(o.abbreviation ? { alternateName: o.abbreviation } : {}),
  })));
  return {
    '@context': 'https://schema.org',
    '@type': type,
    '@id': url,
    url,
    name: item.title,
    alternateName: oneOrMany(languagesOf(p.title, item.language).slice(1).map((l) => (p.title as Record<string, string>)[l]!)),
    description: item.abstract,
    inLanguage: oneOrMany(p.languages.length ? p.languages : [p.original_language]),
    datePublished: p.published_on ?? (p.year ? String(p.year) : undefined),
    author: oneOrMany(citedAuthors(p, [item.language, p.original_language, 'en']).map(agent)),
    editor: oneOrMany(creatorsWithRole(p, 'editor').map(agent)),
    translator: oneOrMany(creatorsWithRole(p, 'translator').map(agent)),
    ...(type === 'Book' ? { illustrator: oneOrMany(creatorsWithRole(p, 'illustrator').map(agent)), numberOfPages: p.pages ?? undefined, isbn: item.ISBN } : {}),
    publisher: orgs('publisher'),
    funder: orgs('funder'),
    isPartOf: oneOrMany([
      ...(p.series ? [{ '@type': 'CreativeWorkSeries', name: p.series }] : []),
      ...p.relations_out.filter((r) => r.type === 'partOf').map((r) => work(r, origin)),
    ]),
    translationOfWork: oneOrMany(p.relations_out.filter((r) => r.type === 'translationOf').map((r) => work(r, origin))),
    workTranslation: oneOrMany(p.relations_in.filter((r) => r.type === 'translationOf').map((r) => work(r, origin))),
    about: oneOrMany(p.topics.map((t) => ({ '@type': 'Thing', name: pickText(t.name, [item.language, 'en'])!.text, url: `${origin}/topics/${t.slug}` }))),
    keywords: item.keyword,
    spatialCoverage: oneOrMany(p.countries.map((c) => ({ '@type': 'Country', name: regions.of(c) ?? c, identifier: c }))),
    identifier: oneOrMany(p.identifiers.map((i) => ({ '@type': 'PropertyValue', propertyID: i.scheme.toUpperCase(), value: i.value }))),
    sameAs: item.DOI ? `https://doi.org/${item.DOI}` : undefined,
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

/** Name/content pairs of the Highwire Press and Dublin Core tags, in order. */
export function metaTags(p: PublicationDetail, origin: string, lang: UiLang): Array<{ name: string; content: string; lang?: string }> {
  const url = `${origin}/publications/${p.slug}`;
  const item = cslItem(p, url, lang);
  const langs = [item.language, p.original_language, 'en'];
  const authors = citedAuthors(p, langs);
  const publishers = creatorsWithRole(p, 'publisher', langs).map((c) => c.name);
  const topics = p.topics.map((t) => pickText(t.name, langs)!.text);
  const pdf = fullTextPdf(p, origin);
  const date = scholarDate(p);
  const languages = p.languages.length ? p.languages : [p.original_language];
  const tags: Array<{ name: string; content: string | number | null | undefined; lang?: string }> = [
    { name: 'citation_title', content: item.title },
    // Google Scholar and Zotero split "Family, Given"; an organisation's name is given whole, with no comma to split at.
    ...authors.map((a) => ({ name: 'citation_author', content: invertedName(a) })),
    { name: 'citation_publication_date', content: date },
    ...publishers.map((n) => ({ name: 'citation_publisher', content: n })),
    ...(item.type === 'report' ? publishers.map((n) => ({ name: 'citation_technical_report_institution', content: n })) : []),
    ...languages.map((l) => ({ name: 'citation_language', content: l })),
    { name: 'citation_num_pages', content: p.pages },
    { name: 'citation_series_title', content: p.series },
    { name: 'citation_isbn', content: item.ISBN },
    { name: 'citation_doi', content: item.DOI },
    { name: 'citation_keywords', content: topics.join('; ') },
    { name: 'citation_abstract_html_url', content: url },
    { name: 'citation_pdf_url', content: pdf },
    ...languagesOf(p.title, item.language).map((l) => ({ name: 'DC.title', content: (p.title as Record<string, string>)[l], lang: l })),
    ...authors.map((a) => ({ name: 'DC.creator', content: invertedName(a) })),
    ...publishers.map((n) => ({ name: 'DC.publisher', content: n })),
    { name: 'DC.date', content: p.published_on ?? p.year },
    { name: 'DC.type', content: dcmiType(p.kind) },
    ...[...new Set(p.files.map((f) => f.media_type))].map((m) => ({ name: 'DC.format', content: m })),
    { name: 'DC.identifier', content: url },
    ...identifierUris(p).map((u) => ({ name: 'DC.identifier', content: u })),
    ...languages.map((l) => ({ name: 'DC.language', content: l })),
    ...topics.map((s) => ({ name: 'DC.subject', content: s })),
    ...(p.licence ? [{ name: 'DC.rights', content: rightsStatement(rightsOf(p.licence, p.rights_holder)!) }] : []),
    { name: 'DC.description', content: item.abstract, lang: pickText(p.abstract, langs)?.lang },
  ];
  return tags.filter((t) => t.content !== null && t.content !== undefined && t.content !== '')
    .map((t) => ({ name: t.name, content: String(t.content), ...(t.lang ? { lang: t.lang } : {}) }));
}

/** Everything the item page adds to <head>. */
export function ItemMeta(props: { p: PublicationDetail; origin: string; lang: UiLang }) {
  const { p, origin, lang } = props;
  // JSON in a <script> ends at "</script>": every "<" is written as \u003c, which JSON reads back the same.
  const json = JSON.stringify(jsonLd(p, origin, lang)).replace(/</g, '\\u003c');
  return (
    <>
      <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/" />
      {metaTags(p, origin, lang).map((m) => <meta name={m.name} content={m.content} lang={m.lang} />)}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }}></script>
    </>
  );
}
