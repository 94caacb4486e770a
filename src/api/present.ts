// Records → API JSON: absolute URLs and single-language strings beside the full multilingual values.
import { rightsOf } from '../domain/licence.ts';
import type z from 'zod';
import type {
  Entity,
  EntityLink,
  EntityRecord,
  EntityType,
  PublicationDetail,
  PublicationSummary,
  RoleLink,
} from '../domain/records.ts';
import { type PublicationInput, pickText } from '../domain/publication.ts';
import type { PublicationRef } from '../store/snapshots.ts';
import type { JobWithFile } from '../store/api-jobs.ts';
import { snippetParts } from '../search/snippet.ts';
import type { SearchItem } from '../store/browse.ts';
import type {
  entityItem,
  entityRecord,
  ingestJob,
  publicationFull,
  publicationItem,
  publicationRecord,
  searchItem,
  storedFile,
} from './schemas.ts';

export function presentItem(p: PublicationSummary, origin: string, lang?: string): z.infer<typeof publicationItem> {
  return {
    slug: p.slug,
    title: pickText(p.title, lang, p.original_language) ?? '',
    subtitle: pickText(p.subtitle, lang, p.original_language),
    titles: p.title,
    year: p.year,
    kind: p.kind,
    languages: p.languages,
    featured: p.featured,
    url: `${origin}/publications/${p.slug}`,
    api_url: `${origin}/api/v1/publications/${p.slug}`,
  };
}

export function presentSearchItem(p: SearchItem, origin: string, lang?: string): z.infer<typeof searchItem> {
  const hit = p.page_hit;
  return {
    ...presentItem(p, origin, lang),
    snippet: p.snippet ? snippetParts(p.snippet) : null,
    page_hit: hit
      ? {
          page: hit.page,
          file_name: hit.name,
          snippet: snippetParts(hit.snippet),
          url: `${origin}/publications/${p.slug}/files/${hit.file_id}/${encodeURIComponent(hit.name)}#page=${hit.page}`,
        }
      : null,
  };
}

function presentLink(l: EntityLink, type: string, origin: string, lang?: string) {
  return {
    slug: l.slug,
    name: pickText(l.name, lang) ?? l.slug,
    names: l.name,
    abbreviation: l.abbreviation ?? null,
    url: `${origin}/${type}/${l.slug}`,
  };
}
const presentRole = (l: RoleLink, type: string, origin: string, lang?: string) => ({
  ...presentLink(l, type, origin, lang),
  role: l.role,
});

export function presentPublication(
  p: PublicationDetail,
  origin: string,
  lang?: string,
): z.infer<typeof publicationFull> {
  const rel = (r: PublicationDetail['relations_out'][number]) => ({
    type: r.type,
    slug: r.slug,
    title: pickText(r.title, lang, r.original_language) ?? '',
    year: r.year,
    url: `${origin}/publications/${r.slug}`,
  });
  return {
    ...presentItem(p, origin, lang),
    status: p.status,
    subtitles: p.subtitle,
    abstract: pickText(p.abstract, lang, p.original_language),
    abstracts: p.abstract,
    original_language: p.original_language,
    published_on: p.published_on,
    pages: p.pages,
    formats: p.formats,
    countries: p.countries,
    series: p.series,
    place: pickText(p.place, lang, p.original_language),
    places: p.place,
    people: p.people.map((l) => presentRole(l, 'people', origin, lang)),
    organisations: p.organisations.map((l) => presentRole(l, 'organisations', origin, lang)),
    projects: p.projects.map((l) => presentLink(l, 'projects', origin, lang)),
    topics: p.topics.map((l) => presentLink(l, 'topics', origin, lang)),
    identifiers: p.identifiers,
    availability: {
      download: p.download,
      print_on_request: p.print_on_request,
      for_sale: p.for_sale,
      price: p.price,
      external_url: p.external_url,
      contact_phone: p.contact_phone,
    },
    licence: rightsOf(p.licence, p.rights_holder),
    files: p.files.map((f) => ({
      name: f.original_name,
      label: pickText(f.label ?? {}, lang, f.language ?? p.original_language),
      labels: f.label ?? {},
      media_type: f.media_type,
      size: Number(f.size),
      pages: f.pages,
      language: f.language,
      sha256: f.sha256,
      sample: f.is_sample,
      url: `${origin}/publications/${p.slug}/files/${f.id}/${encodeURIComponent(f.original_name)}`,
      licence: rightsOf(f.licence, f.rights_holder) ?? rightsOf(p.licence, p.rights_holder),
    })),
    related: {
      // p is a reader's view (readablePublication): its relations lead to shown publications only.
      outgoing: p.relations_out.map(rel),
      incoming: p.relations_in.map(rel),
    },
    created_at: new Date(p.created_at).toISOString(),
    updated_at: new Date(p.updated_at).toISOString(),
  };
}

export function presentEntity(e: Entity, origin: string, lang?: string): z.infer<typeof entityItem> {
  return {
    slug: e.slug,
    name: pickText(e.name, lang) ?? e.slug,
    names: e.name,
    abbreviation: e.abbreviation,
    publication_count: e.publication_count,
    url: `${origin}/${e.type}/${e.slug}`,
    api_url: `${origin}/api/v1/${e.type}/${e.slug}`,
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A file as the API's writes answer it: its row and its readers' address. */
export function presentStoredFile(
  f: NonNullable<JobWithFile['file']>,
  slug: string,
  origin: string,
): z.infer<typeof storedFile> {
  return {
    id: f.id,
    name: f.original_name,
    media_type: f.media_type,
    size: Number(f.size),
    pages: f.pages,
    language: f.language,
    sha256: f.sha256,
    url: `${origin}/publications/${slug}/files/${f.id}/${encodeURIComponent(f.original_name)}`,
  };
}

/** An ingest job: its state, progress, failure and, once done, its file. */
export function presentJob(j: JobWithFile, origin: string): z.infer<typeof ingestJob> {
  return {
    id: j.id,
    state: j.state,
    publication: j.slug,
    name: j.original_name,
    language: j.language,
    progress: { page: j.progress_page, total: j.progress_total },
    error: j.error,
    error_code: j.error_code ?? null,
    file: j.file ? presentStoredFile(j.file, j.slug, origin) : null,
    created_at: iso(j.created_at)!,
    updated_at: iso(j.updated_at)!,
    finished_at: iso(j.finished_at),
    url: `${origin}/api/v1/jobs/${j.id}`,
  };
}

/** A publication as staff edit it through the API: its status, version and fields (the input shape less status). */
export function presentPublicationRecord(
  ref: PublicationRef,
  input: PublicationInput,
  origin: string,
): z.infer<typeof publicationRecord> {
  const { status: _s, withdrawn_reason: _w, ...fields } = input;
  return {
    slug: ref.slug,
    status: ref.status,
    withdrawn_reason: ref.withdrawn_reason,
    version: ref.version,
    fields: { ...fields, slug: ref.slug },
    url: `${origin}/publications/${ref.slug}`,
    api_url: `${origin}/api/v1/publications/${ref.slug}`,
    history_url: `${origin}/admin/publications/${ref.slug}/history`,
  };
}

/** An entity's fields as its write schema takes them (src/domain/entity.ts). */
export function entityFields(type: EntityType, e: EntityRecord): Record<string, unknown> {
  if (type === 'organisations')
    return { slug: e.slug, name: e.name, abbreviations: e.abbreviations, url: e.url, ror: e.ror };
  if (type === 'people')
    return {
      slug: e.slug,
      given: e.given,
      family: e.family,
      patronymic: e.patronymic,
      orcid: e.orcid,
      affiliation: e.affiliation,
    };
  if (type === 'projects') return { slug: e.slug, name: e.name, abbreviations: e.abbreviations, grants: e.grants };
  return { slug: e.slug, name: e.name };
}

/** The version of an entity: its last change, as the staff form carries it. */
export const entityVersion = (e: EntityRecord) => new Date(e.updated_at).toISOString();

/** An entity as staff edit it through the API. */
export function presentEntityRecord(
  type: EntityType,
  e: EntityRecord,
  origin: string,
  lang?: string,
): z.infer<typeof entityRecord> {
  return {
    id: e.id,
    slug: e.slug,
    name: pickText(e.name, lang) ?? e.slug,
    version: entityVersion(e),
    link_count: e.link_count,
    publication_count: e.publication_count,
    fields: entityFields(type, e),
    url: `${origin}/${type}/${e.slug}`,
    api_url: `${origin}/api/v1/${type}/${e.slug}/record`,
  };
}
