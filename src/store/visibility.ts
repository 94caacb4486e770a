// What a reader may see, as SQL: the twin of src/visibility.ts for the queries that must filter in the
// database (lists, search, the lexicon, covers, entities, feeds, OAI). Every public query uses these
// fragments and no other test of status, embargo or version; src/visibility.test.ts keeps them equal to
// the rule written there.
import type { EntityType } from '../domain/records.ts';

/** A publication readers see (alias p by default): published. */
export const readablePublicationSql = (p = 'p') => `${p}.status = 'published'`;

/**
 * A file readers see, of a publication they see (alias f): the current version (not replaced by a newer
 * one) whose embargo, if any, is over. `publication` is false where the query already keeps to
 * readable publications (it joins them itself, or the facet index does).
 */
export function readableFileSql(f = 'f', publication = true): string {
  const own = `${f}.replaced_by is null and (${f}.embargo_until is null or ${f}.embargo_until <= current_date)`;
  return publication
    ? `${own} and exists (select 1 from publications rp where rp.id = ${f}.publication_id and ${readablePublicationSql('rp')})`
    : own;
}

/** The file part of the rule alone, for queries over the files of one readable publication. */
export const READABLE_FILE = readableFileSql('f', false);

/**
 * The cover a reader sees for a publication (alias p): the cover image of the file chosen as the cover, else
 * of its first readable file that has one. Item pages, browse cards, the home page and entity pages use it.
 */
export const coverSql = (p = 'p') =>
  `(select f.cover_sha256 from files f where f.publication_id = ${p}.id and f.cover_sha256 is not null and ${READABLE_FILE}
     order by f.is_cover desc, f.position, f.id limit 1)`;

/** How publications link to each entity type. */
export const ENTITY_LINK: Record<EntityType, { table: string; key: string }> = {
  organisations: { table: 'publication_organisations', key: 'organisation_id' },
  people: { table: 'publication_people', key: 'person_id' },
  projects: { table: 'publication_projects', key: 'project_id' },
  topics: { table: 'publication_topics', key: 'topic_id' },
};

/**
 * The readable publications an entity (alias e) appears on, as a subquery of their ids: an entity readers
 * see is one with at least one. A name entered only on drafts, records in review or withdrawn records is not.
 */
export const entityPublicationsSql = (type: EntityType, e = 'e') => {
  const l = ENTITY_LINK[type];
  return `(select l.publication_id from ${l.table} l join publications lp on lp.id = l.publication_id
     where l.${l.key} = ${e}.id and ${readablePublicationSql('lp')})`;
};

/** An entity readers see (alias e). */
export const readableEntitySql = (type: EntityType, e = 'e') => `exists ${entityPublicationsSql(type, e)}`;
