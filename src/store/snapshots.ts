// A stored publication read back as the one input shape (PublicationInput): what the edit form shows,
// what history keeps, and what a restore writes back through replacePublication.
import type { Db } from '../db/db.ts';
import { publicationInput, type LocalizedText, type PublicationInput, type Status } from '../domain/publication.ts';

/** What handlers need to find a publication and decide who may touch it. */
export interface PublicationRef {
  id: number;
  slug: string;
  status: Status;
  withdrawn_reason: LocalizedText | null;
  version: string;
}

const VERSION = `to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as version`;

/** The id, status and version (updated_at, for "changed meanwhile" checks) of a publication, or null. */
export async function publicationRefBySlug(db: Db, slug: string): Promise<PublicationRef | null> {
  return db.one(`select id, slug, status, withdrawn_reason, ${VERSION} from publications where slug = $1`, [slug]);
}

/** A publication's version, its row locked until the transaction ends (a write that checks what its writer read). */
export async function lockedPublicationVersion(db: Db, id: number): Promise<string | null> {
  return (
    (await db.one<{ version: string }>(`select ${VERSION} from publications where id = $1 for update`, [id]))
      ?.version ?? null
  );
}

// An organisation's or project's name is a language map; any of its names finds it again, English first.
export const NAME = `coalesce(e.name->>'en', (select v from jsonb_each_text(e.name) as n(k, v) order by k limit 1))`;

const INPUT_SQL = `
select p.slug, p.kind, p.status, p.featured, p.title, p.subtitle, p.abstract, p.original_language, p.year, p.published_on,
  p.pages, p.formats, p.languages, p.countries, p.series, p.place, p.download, p.print_on_request, p.for_sale, p.price,
  p.external_url, p.contact_phone, p.withdrawn_reason, p.licence, p.rights_holder,
  coalesce((select json_agg(json_build_object('name', e.name, 'role', l.role, 'affiliation', e.affiliation) order by l.position, e.name)
    from publication_people l join people e on e.id = l.person_id where l.publication_id = p.id), '[]') as people,
  coalesce((select json_agg(json_build_object('name', ${NAME}, 'abbreviation', e.abbreviation, 'role', l.role) order by l.position, e.slug)
    from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id), '[]') as organisations,
  coalesce((select json_agg(json_build_object('name', ${NAME}, 'abbreviation', e.abbreviation) order by e.slug)
    from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id), '[]') as projects,
  coalesce((select json_agg(e.slug order by e.slug) from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id), '[]') as topics,
  coalesce((select json_agg(json_build_object('scheme', i.scheme, 'value', i.value) order by i.scheme, i.value)
    from publication_identifiers i where i.publication_id = p.id), '[]') as identifiers,
  coalesce((select json_agg(json_build_object('type', r.type, 'target', q.slug) order by r.type, q.slug)
    from publication_relations r join publications q on q.id = r.target_id where r.source_id = p.id), '[]') as relations
from publications p where p.id = $1`;

/** Drops nulls inside link rows: the input shape has optional fields there, not nullable ones. */
const withoutNulls = (rows: Array<Record<string, unknown>>) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)));

/** The publication as a PublicationInput, or null when there is none. */
export async function publicationInputById(db: Db, id: number): Promise<PublicationInput | null> {
  const row = await db.one<Record<string, unknown>>(INPUT_SQL, [id]);
  if (!row) return null;
  for (const k of ['people', 'organisations', 'projects'])
    row[k] = withoutNulls(row[k] as Array<Record<string, unknown>>);
  return publicationInput.parse(row);
}
