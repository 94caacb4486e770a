// What the store returns and the views render: plain records, no behaviour.
import type { Kind, LocalizedText, RelationType, Status } from './publication.ts';

export interface PublicationSummary {
  id: number;
  slug: string;
  kind: Kind;
  status: Status;
  featured: boolean;
  title: LocalizedText;
  subtitle: LocalizedText;
  original_language: string;
  year: number | null;
  languages: string[];
  /** The cover thumbnail's sha256 (the chosen cover, else the first readable file's: store/visibility.ts coverSql); null for none. */
  cover_sha256: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * A link to an entity: its name in each language (a person's as shown in each language, src/domain/names.ts),
 * and for people the parts a citation needs; read names through entityName (src/domain/names.ts).
 */
export interface EntityLink {
  slug: string;
  name: LocalizedText;
  abbreviation?: string | null;
  abbreviations?: LocalizedText;
  given?: LocalizedText;
  family?: LocalizedText;
  patronymic?: LocalizedText;
  orcid?: string | null;
  ror?: string | null;
}
export interface RoleLink extends EntityLink {
  role: string;
}
export interface RelatedPublication {
  type: RelationType;
  slug: string;
  title: LocalizedText;
  original_language: string;
  year: number | null;
  status: Status;
}

export interface FileRecord {
  id: number;
  sha256: string;
  original_name: string;
  media_type: string;
  size: number;
  pages: number | null;
  language: string | null;
  is_sample: boolean;
  /** Issue 18: what the file is, per language ("Full report"); {} when unnamed (readers then see original_name). */
  label?: LocalizedText;
  /** Issue 18: null when the file carries its publication's licence. */
  licence?: string | null;
  rights_holder?: string | null;
}

export interface PublicationDetail extends PublicationSummary {
  abstract: LocalizedText;
  published_on: string | null;
  pages: number | null;
  formats: string[];
  countries: string[];
  series: string | null;
  /** Place of publication, per language. */
  place: LocalizedText;
  download: boolean;
  print_on_request: boolean;
  for_sale: boolean;
  price: string | null;
  external_url: string | null;
  contact_phone: string | null;
  withdrawn_reason: LocalizedText | null;
  published_at: Date | null;
  licence: string | null;
  rights_holder: string | null;
  people: RoleLink[];
  organisations: RoleLink[];
  projects: EntityLink[];
  topics: EntityLink[];
  identifiers: Array<{ scheme: string; value: string }>;
  files: FileRecord[];
  /** This publication is the source: "this summaryOf that". */
  relations_out: RelatedPublication[];
  /** This publication is the target: "that summaryOf this". */
  relations_in: RelatedPublication[];
  /** Its styled citations as stored (src/cite/stored.ts), by slot ('apa en'); null when none is current. */
  citations?: Record<string, { input: string; body: string }> | null;
}

export type EntityType = 'organisations' | 'people' | 'projects' | 'topics';

export interface Entity {
  type: EntityType;
  id: number;
  slug: string;
  name: LocalizedText;
  abbreviation: string | null;
  publication_count: number;
  /** Issue 18: the abbreviation per language, identifiers and links; null or empty where the type has none. */
  abbreviations: LocalizedText;
  url: string | null;
  ror: string | null;
  orcid: string | null;
  grants: string[];
}

/** Everything staff edit of an entity (the admin page, the API), with its count of publications in any status. */
export interface EntityRecord extends Entity {
  /** People: the name as first catalogued, and its parts per language. */
  catalogued: string | null;
  given: LocalizedText;
  family: LocalizedText;
  patronymic: LocalizedText;
  affiliation: string | null;
  /** Publications in any status that link to it. */
  link_count: number;
  updated_at: Date;
}
