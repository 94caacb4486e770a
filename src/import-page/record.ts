// The importer's record: what `kitap import-page --dry-run --json` prints for each publication.
import type { Kind, RelationType } from '../domain/publication.ts';

export interface OrgRef {
  name: string;
  abbreviation?: string;
}
export type PersonRole = 'author' | 'editor' | 'illustrator' | 'translator' | 'contributor' | 'contact';
/** A person, or an organisation that wrote the publication (organisation: true). */
export interface AuthorRef {
  name: string;
  role: PersonRole;
  affiliation?: string;
  abbreviation?: string;
  organisation?: true;
}
export interface ProjectRef {
  name: string;
  abbreviation?: string;
}

export interface ImportRecord {
  /** Stable, readable identifier; also the publication's slug. */
  key: string;
  title: string;
  subtitle: string | null;
  kind: Kind;
  year: number | null;
  pages: number | null;
  /** pdf, electronic, print. */
  format: string[];
  /** ISO 639-1 codes. */
  languages: string[];
  authors: AuthorRef[];
  publishers: OrgRef[];
  funders: OrgRef[];
  partners: OrgRef[];
  project: ProjectRef | null;
  series: string | null;
  /** Place of publication as the page writes it ("Bishkek", "Алматы"), from an imprint or a citation. */
  place: string | null;
  relations: Array<{ type: RelationType; target: string }>;
  has_download: boolean;
  /** Links to the publication's files found on the page (HTML): their source URLs. */
  file_urls: string[];
  external_url: string | null;
  for_sale: boolean;
  print_on_request: boolean;
  contact_phone: string | null;
  topics: string[];
  /** ISO 3166-1 alpha-2 codes. */
  countries: string[];
  description: string;
  ligature_repairs: Array<{ from: string; to: string; line: number }>;
  /** First and last source line of the block the record came from. */
  source_lines: [number, number];
  /** Source lines of the same publication listed again on the page, merged into this record. */
  duplicate_lines: Array<[number, number]>;
  /**
   * How sure the importer is of each field it filled (0–1): 0.95 a labelled field, 0.85 read from the title
   * line or a citation, 0.7 a byline or the running text, 0.5 or less a guess. Fields it left empty are absent.
   */
  field_confidence: Partial<Record<'title' | 'year' | 'kind' | 'languages' | 'authors' | 'pages', number>>;
  /** The record's confidence: the lower of its title's and its year's (0.6 when it has no year). */
  confidence: number;
  /**
   * Structured sources only (src/import-sources/): what the record came from ("doi:10.1234/x", "oai:…"),
   * remembered so that importing the same source again finds the publication it made.
   */
  source_key?: string;
  /** Structured sources only: DOI, ISBN, ISSN, handle, URL identifiers as the source gave them. */
  identifiers?: Array<{ scheme: 'isbn' | 'issn' | 'doi' | 'url' | 'handle' | 'other'; value: string }>;
  /** Structured sources only: the title in other languages than the record's first (ISO 639-1 → title). */
  other_titles?: Record<string, string>;
}
