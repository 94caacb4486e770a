// An imported record → the PublicationInput every writer of the catalogue goes through.
import { CONTENT_LANGUAGES, FORMATS, publicationInput, type PublicationInput } from '../domain/publication.ts';
import type { ImportRecord } from './record.ts';

/** The record as catalogue input (a draft unless publish); languages outside the catalogue's are dropped. */
export function toPublicationInput(r: ImportRecord, publish = false): PublicationInput {
  const languages = r.languages.filter((l): l is (typeof CONTENT_LANGUAGES)[number] =>
    (CONTENT_LANGUAGES as readonly string[]).includes(l),
  );
  const org = (o: { name: string; abbreviation?: string }, role: 'publisher' | 'funder' | 'partner' | 'author') => ({
    name: o.name,
    role,
    ...(o.abbreviation && o.abbreviation !== o.name ? { abbreviation: o.abbreviation } : {}),
  });
  const original = languages[0] ?? 'en';
  return publicationInput.parse({
    slug: r.key,
    kind: r.kind,
    status: publish ? 'published' : 'draft',
    title: { ...otherTitles(r), [original]: r.title },
    subtitle: r.subtitle ? { [original]: r.subtitle } : {},
    abstract: r.description ? { [original]: r.description.slice(0, 20_000) } : {},
    original_language: original,
    year: r.year,
    pages: r.pages,
    formats: r.format.filter((f) => (FORMATS as readonly string[]).includes(f)),
    languages,
    people: r.authors
      .filter((a) => !a.organisation)
      .map((a) => ({
        name: a.name,
        role: a.role,
        ...(a.affiliation ? { affiliation: a.affiliation.slice(0, 300) } : {}),
      })),
    organisations: [
      ...r.authors.filter((a) => a.organisation).map((a) => org(a, 'author')),
      ...r.publishers.map((o) => org(o, 'publisher')),
      ...r.funders.map((o) => org(o, 'funder')),
      ...r.partners.map((o) => org(o, 'partner')),
    ],
    projects: r.project ? [r.project] : [],
    series: r.series,
    place: r.place ? { [original]: r.place } : {},
    identifiers: r.identifiers ?? [],
    topics: r.topics,
    countries: r.countries,
    download: r.has_download,
    print_on_request: r.print_on_request,
    for_sale: r.for_sale,
    external_url: r.external_url,
    contact_phone: r.contact_phone,
    relations: r.relations,
  });
}

/** Titles the source gave in other catalogue languages (a spreadsheet's "Название (рус)" column). */
function otherTitles(r: ImportRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [lang, title] of Object.entries(r.other_titles ?? {}))
    if ((CONTENT_LANGUAGES as readonly string[]).includes(lang) && title.trim()) out[lang] = title.trim();
  return out;
}
