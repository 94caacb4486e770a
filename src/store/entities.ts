// Organisations, people, projects and topics: found or created by name, listed with their counts.
import type { Db } from '../db/db.ts';
import type { LocalizedText, TopicInput } from '../domain/publication.ts';
import type { Entity, EntityType } from '../domain/records.ts';
import { slugify } from '../domain/slug.ts';
import { entityPublicationsSql, readableEntitySql } from './visibility.ts';

/**
 * The id of the organisation with this name or abbreviation, created when missing.
 * Its slug is the abbreviation when there is one (/organisations/usaid), else the name.
 */
export async function organisationId(db: Db, name: string, abbreviation?: string): Promise<number> {
  const found = await db.one<{ id: number }>(
    `select id from organisations o
      where ($2::text is not null and lower(o.abbreviation) = lower($2))
         or exists (select 1 from jsonb_each_text(o.name) n where lower(n.value) = lower($1))
      order by id limit 1`,
    [name, abbreviation ?? null],
  );
  if (found) return found.id;
  const row = await db.one<{ id: number }>(
    `insert into organisations (slug, name, abbreviation) values ($1, $2, $3)
     on conflict (slug) do update set abbreviation = coalesce(organisations.abbreviation, excluded.abbreviation)
     returning id`,
    [slugify(abbreviation ?? name), { [scriptLanguage(name)]: name }, abbreviation ?? null],
  );
  return row!.id;
}

/** The id of the person with this name (by slug), created when missing. */
export async function personId(db: Db, name: string, affiliation?: string): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into people (slug, name, affiliation) values ($1, $2, $3)
     on conflict (slug) do update set affiliation = coalesce(people.affiliation, excluded.affiliation)
     returning id`,
    [slugify(name), name, affiliation ?? null],
  );
  return row!.id;
}

/** The id of the project with this name (by slug), created when missing. */
export async function projectId(db: Db, name: string, abbreviation?: string): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into projects (slug, name, abbreviation) values ($1, $2, $3)
     on conflict (slug) do update set abbreviation = coalesce(projects.abbreviation, excluded.abbreviation)
     returning id`,
    [slugify(name), { [scriptLanguage(name)]: name }, abbreviation ?? null],
  );
  return row!.id;
}

/** Creates or relabels a topic. */
export async function saveTopic(db: Db, topic: TopicInput): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into topics (slug, label) values ($1, $2)
     on conflict (slug) do update set label = topics.label || excluded.label returning id`,
    [topic.slug, topic.label],
  );
  return row!.id;
}

/** The id of a topic by slug; an unknown slug becomes a topic labelled with itself. */
export async function topicId(db: Db, slug: string): Promise<number> {
  const found = await db.one<{ id: number }>('select id from topics where slug = $1', [slug]);
  return found?.id ?? saveTopic(db, { slug, label: { en: slug.replace(/-/g, ' ') } });
}

// Per entity type: its table, its display name as jsonb, and how publications link to it.
const ENTITY_SQL: Record<EntityType, { table: string; name: string; abbr: string }> = {
  organisations: { table: 'organisations', name: 'e.name', abbr: 'e.abbreviation' },
  people: { table: 'people', name: "jsonb_build_object('en', e.name)", abbr: 'null' },
  projects: { table: 'projects', name: 'e.name', abbr: 'e.abbreviation' },
  topics: { table: 'topics', name: 'e.label', abbr: 'null' },
};

// Only entities readers see (src/store/visibility.ts): a name entered only on unpublished records is not listed.
function entitySelect(type: EntityType, where: string): string {
  const s = ENTITY_SQL[type];
  return `select '${type}' as type, e.id, e.slug, ${s.name} as name, ${s.abbr}::text as abbreviation,
      (select count(distinct x.publication_id)::int from ${entityPublicationsSql(type, 'e')} x) as publication_count
    from ${s.table} e where ${readableEntitySql(type, 'e')} ${where}`;
}

/** Every entity of a type that readers see, with its count of published publications, most used first. */
export async function readableEntities(db: Db, type: EntityType): Promise<Entity[]> {
  return db.query<Entity>(`${entitySelect(type, '')} order by publication_count desc, slug`);
}

/** One entity readers see, by slug, or null. */
export async function readableEntityBySlug(db: Db, type: EntityType, slug: string): Promise<Entity | null> {
  return db.one<Entity>(entitySelect(type, 'and e.slug = $1'), [slug]);
}

/** 'ru' for a Cyrillic name, 'en' otherwise: the language tag a bare name is stored under. */
function scriptLanguage(text: string): keyof LocalizedText {
  return /[\u0400-\u04ff]/.test(text) ? 'ru' : 'en';
}
