// Organisations, people, projects and topics: found or created by name, listed with their counts.
import type { Db } from '../db/db.ts';
import type { LocalizedText, TopicInput } from '../domain/publication.ts';
import type { EntityEdit, OrganisationEdit, PersonEdit, ProjectEdit, TopicEdit } from '../domain/entity.ts';
import { personDisplayNames } from '../domain/names.ts';
import type { Entity, EntityRecord, EntityType } from '../domain/records.ts';
import { slugify } from '../domain/slug.ts';
import { indexPublications } from './search.ts';
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
    `insert into organisations (slug, name, abbreviation, abbreviations) values ($1, $2, $3, $4)
     on conflict (slug) do update set abbreviation = excluded.abbreviation
       where organisations.abbreviation is null and excluded.abbreviation is not null
     returning id`,
    [
      slugify(abbreviation ?? name),
      { [scriptLanguage(name)]: name },
      abbreviation ?? null,
      abbreviation ? { [scriptLanguage(abbreviation)]: abbreviation } : {},
    ],
  );
  return row?.id ?? existingId(db, 'organisations', slugify(abbreviation ?? name));
}

/**
 * The id of the entity with this slug, for an upsert above that changed nothing and so returned no row: an update
 * that changes nothing would still be a write, which drops every page that shows the entity (migration 0083).
 */
async function existingId(db: Db, table: EntityType, slug: string): Promise<number> {
  return (await db.one<{ id: number }>(`select id from ${table} where slug = $1`, [slug]))!.id;
}

/** The id of the person with this name (by slug), created when missing. */
export async function personId(db: Db, name: string, affiliation?: string): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into people (slug, name, affiliation, names) values ($1, $2, $3, $4)
     on conflict (slug) do update set affiliation = excluded.affiliation
       where people.affiliation is null and excluded.affiliation is not null
     returning id`,
    [slugify(name), name, affiliation ?? null, { [scriptLanguage(name)]: name }],
  );
  return row?.id ?? existingId(db, 'people', slugify(name));
}

/** The id of the project with this name (by slug), created when missing. */
export async function projectId(db: Db, name: string, abbreviation?: string): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into projects (slug, name, abbreviation, abbreviations) values ($1, $2, $3, $4)
     on conflict (slug) do update set abbreviation = excluded.abbreviation
       where projects.abbreviation is null and excluded.abbreviation is not null
     returning id`,
    [
      slugify(name),
      { [scriptLanguage(name)]: name },
      abbreviation ?? null,
      abbreviation ? { [scriptLanguage(abbreviation)]: abbreviation } : {},
    ],
  );
  return row?.id ?? existingId(db, 'projects', slugify(name));
}

/** Creates or relabels a topic. */
export async function saveTopic(db: Db, topic: TopicInput): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into topics (slug, label) values ($1, $2)
     on conflict (slug) do update set label = topics.label || excluded.label
       where topics.label || excluded.label is distinct from topics.label
     returning id`,
    [topic.slug, topic.label],
  );
  return row?.id ?? existingId(db, 'topics', topic.slug);
}

/** The id of a topic by slug; an unknown slug becomes a topic labelled with itself. */
export async function topicId(db: Db, slug: string): Promise<number> {
  const found = await db.one<{ id: number }>('select id from topics where slug = $1', [slug]);
  return found?.id ?? saveTopic(db, { slug, label: { en: slug.replace(/-/g, ' ') } });
}

// Per entity type: its table, its columns as one shape (null or empty where the type has none), and how
// publications link to it.
const ENTITY_SQL: Record<EntityType, { table: string; cols: string; link: string; key: string }> = {
  organisations: {
    table: 'organisations',
    link: 'publication_organisations',
    key: 'organisation_id',
    cols: `e.name, e.abbreviation, e.abbreviations, e.url, e.ror, null::text as orcid, '{}'::text[] as grants,
      null::text as catalogued, '{}'::jsonb as given, '{}'::jsonb as family, '{}'::jsonb as patronymic, null::text as affiliation`,
  },
  people: {
    table: 'people',
    link: 'publication_people',
    key: 'person_id',
    cols: `e.names as name, null::text as abbreviation, '{}'::jsonb as abbreviations, null::text as url, null::text as ror, e.orcid, '{}'::text[] as grants,
      e.name as catalogued, e.given, e.family, e.patronymic, e.affiliation`,
  },
  projects: {
    table: 'projects',
    link: 'publication_projects',
    key: 'project_id',
    cols: `e.name, e.abbreviation, e.abbreviations, null::text as url, null::text as ror, null::text as orcid, e.grants,
      null::text as catalogued, '{}'::jsonb as given, '{}'::jsonb as family, '{}'::jsonb as patronymic, null::text as affiliation`,
  },
  topics: {
    table: 'topics',
    link: 'publication_topics',
    key: 'topic_id',
    cols: `e.label as name, null::text as abbreviation, '{}'::jsonb as abbreviations, null::text as url, null::text as ror, null::text as orcid, '{}'::text[] as grants,
      null::text as catalogued, '{}'::jsonb as given, '{}'::jsonb as family, '{}'::jsonb as patronymic, null::text as affiliation`,
  },
};

// Only entities readers see (src/store/visibility.ts): a name entered only on unpublished records is not listed;
// staff pages (readers = false) see every one.
function entitySelect(type: EntityType, where: string, readers = true): string {
  const s = ENTITY_SQL[type];
  return `select '${type}' as type, e.id, e.slug, ${s.cols}, e.updated_at,
      (select count(distinct x.publication_id)::int from ${entityPublicationsSql(type, 'e')} x) as publication_count,
      (select count(distinct l.publication_id)::int from ${s.link} l where l.${s.key} = e.id) as link_count
    from ${s.table} e where ${readers ? readableEntitySql(type, 'e') : 'true'} ${where}`;
}

/** Every entity of a type that readers see, with its count of published publications, most used first. */
export async function readableEntities(db: Db, type: EntityType): Promise<Entity[]> {
  return db.query<Entity>(`${entitySelect(type, '')} order by publication_count desc, slug`);
}

/** One entity readers see, by slug, or null. */
export async function readableEntityBySlug(db: Db, type: EntityType, slug: string): Promise<EntityRecord | null> {
  return db.one<EntityRecord>(entitySelect(type, 'and e.slug = $1'), [slug]);
}

/** One entity by slug, in any case (staff), or null. */
export async function entityBySlug(db: Db, type: EntityType, slug: string): Promise<EntityRecord | null> {
  return db.one<EntityRecord>(entitySelect(type, 'and e.slug = $1', false), [slug]);
}

/** One entity by id, in any case (staff), or null. */
export async function entityById(db: Db, type: EntityType, id: number): Promise<EntityRecord | null> {
  return db.one<EntityRecord>(entitySelect(type, 'and e.id = $1', false), [id]);
}

/**
 * The entities of a type for the staff list: those whose slug, name or abbreviation in any language, name as
 * catalogued or identifier contains `q` (all when empty), most used first, at most `limit`.
 */
export async function entitiesMatching(db: Db, type: EntityType, q: string, limit: number): Promise<EntityRecord[]> {
  return db.query<EntityRecord>(
    `select * from (${entitySelect(type, '', false)}) x
      where $1 = '' or x.slug ilike '%' || $1 || '%' or x.name::text ilike '%' || $1 || '%' or x.abbreviations::text ilike '%' || $1 || '%'
         or coalesce(x.abbreviation, '') ilike '%' || $1 || '%' or coalesce(x.catalogued, '') ilike '%' || $1 || '%'
         or coalesce(x.orcid, x.ror, '') ilike '%' || $1 || '%' or array_to_string(x.grants, ' ') ilike '%' || $1 || '%'
      order by link_count desc, slug limit $2`,
    [q.replace(/[\\%_]/g, (ch) => `\\${ch}`), limit],
  );
}

/** The publications (any status) that link to an entity, newest first: what the staff page lists. */
export async function publicationsLinkedTo(
  db: Db,
  type: EntityType,
  id: number,
): Promise<
  Array<{
    id: number;
    slug: string;
    title: LocalizedText;
    original_language: string;
    status: string;
    year: number | null;
  }>
> {
  const s = ENTITY_SQL[type];
  return db.query(
    `select p.id, p.slug, p.title, p.original_language, p.status, p.year from publications p
      where exists (select 1 from ${s.link} l where l.publication_id = p.id and l.${s.key} = $1)
      order by p.year desc nulls last, p.id desc`,
    [id],
  );
}

/** Whether another entity of the type has this slug. */
async function slugTaken(db: Db, type: EntityType, slug: string, id: number): Promise<boolean> {
  return (await db.one(`select 1 from ${ENTITY_SQL[type].table} where slug = $1 and id <> $2`, [slug, id])) !== null;
}

/**
 * Saves what staff wrote of an entity; a new slug leaves the old one redirecting. 'slug_taken' when another
 * entity of the type has the slug. The search index of its publications is rebuilt (names are searched).
 */
export async function saveEntity(
  db: Db,
  type: EntityType,
  id: number,
  edit: EntityEdit,
): Promise<'saved' | 'slug_taken' | null> {
  return db.tx(async (t) => {
    const old = await t.one<{ slug: string }>(`select slug from ${ENTITY_SQL[type].table} where id = $1 for update`, [
      id,
    ]);
    if (!old) return null;
    if (old.slug !== edit.slug) {
      if (await slugTaken(t, type, edit.slug, id)) return 'slug_taken';
      await t.query('delete from entity_redirects where type = $1 and slug = $2', [type, edit.slug]);
      await t.query(
        `insert into entity_redirects (type, slug, target_id) values ($1, $2, $3)
         on conflict (type, slug) do update set target_id = excluded.target_id`,
        [type, old.slug, id],
      );
    }
    if (type === 'organisations') {
      const e = edit as OrganisationEdit;
      await t.query(
        `update organisations set slug = $2, name = $3, abbreviations = $4, abbreviation = $5, url = $6, ror = $7, updated_at = now() where id = $1`,
        [id, e.slug, e.name, e.abbreviations, defaultAbbreviation(e.abbreviations), e.url, e.ror],
      );
    } else if (type === 'people') {
      const e = edit as PersonEdit;
      const names = personDisplayNames(e);
      await t.query(
        `update people set slug = $2, given = $3, family = $4, patronymic = $5, names = $6, orcid = $7, affiliation = $8, updated_at = now() where id = $1`,
        [id, e.slug, e.given, e.family, e.patronymic, names, e.orcid, e.affiliation],
      );
    } else if (type === 'projects') {
      const e = edit as ProjectEdit;
      await t.query(
        `update projects set slug = $2, name = $3, abbreviations = $4, abbreviation = $5, grants = $6, updated_at = now() where id = $1`,
        [id, e.slug, e.name, e.abbreviations, defaultAbbreviation(e.abbreviations), e.grants],
      );
    } else {
      const e = edit as TopicEdit;
      await t.query('update topics set slug = $2, label = $3, updated_at = now() where id = $1', [id, e.slug, e.name]);
    }
    const linked = await t.query<{ id: number }>(
      `select distinct publication_id as id from ${ENTITY_SQL[type].link} where ${ENTITY_SQL[type].key} = $1`,
      [id],
    );
    await indexPublications(
      t,
      linked.map((r) => r.id),
    );
    return 'saved';
  });
}

/**
 * Creates an entity from what staff wrote of it (the API, issue 18): its row, then the same save as an edit. The
 * new entity takes its address over from an old one that redirected there. 'slug_taken' when another has it.
 */
export async function createEntity(db: Db, type: EntityType, edit: EntityEdit): Promise<number | 'slug_taken'> {
  const { table } = ENTITY_SQL[type];
  return db.tx(async (t) => {
    if (await t.one(`select 1 from ${table} where slug = $1`, [edit.slug])) return 'slug_taken';
    await t.query('delete from entity_redirects where type = $1 and slug = $2', [type, edit.slug]);
    // people.name is the name as first catalogued (importers find a person by it); the others' names are maps.
    const first =
      type === 'people'
        ? (Object.values(personDisplayNames(edit as PersonEdit))[0] ?? edit.slug)
        : (edit as OrganisationEdit | ProjectEdit | TopicEdit).name;
    const row = await t.one<{ id: number }>(
      `insert into ${table} (slug, ${type === 'topics' ? 'label' : 'name'}) values ($1, $2) returning id`,
      [edit.slug, first],
    );
    await saveEntity(t, type, row!.id, edit);
    return row!.id;
  });
}

/** An entity's version (its last change, as the staff form and the API's ETag give it), its row locked until the transaction ends. */
export async function lockedEntityVersion(db: Db, type: EntityType, id: number): Promise<string | null> {
  const row = await db.one<{ updated_at: Date }>(
    `select updated_at from ${ENTITY_SQL[type].table} where id = $1 for update`,
    [id],
  );
  return row ? new Date(row.updated_at).toISOString() : null;
}

/** The abbreviation importers match on and readers see where their language has none: English, else any. */
function defaultAbbreviation(m: LocalizedText): string | null {
  return m.en ?? Object.values(m)[0] ?? null;
}

/** The slug an old address of this type now leads to (renamed or merged away), or null. */
export async function redirectedSlug(db: Db, type: EntityType, slug: string): Promise<string | null> {
  const row = await db.one<{ slug: string }>(
    `select e.slug from entity_redirects r join ${ENTITY_SQL[type].table} e on e.id = r.target_id where r.type = $1 and r.slug = $2`,
    [type, slug],
  );
  return row?.slug ?? null;
}

/** 'ru' for a Cyrillic name, 'en' otherwise: the language tag a bare name is stored under. */
function scriptLanguage(text: string): keyof LocalizedText {
  return /[\u0400-\u04ff]/.test(text) ? 'ru' : 'en';
}

/** An entity's row as stored, for the history and for undoing (issue 18); null when there is none. */
export async function entityRow(db: Db, type: EntityType, id: number): Promise<Record<string, unknown> | null> {
  return (
    (
      await db.one<{ r: Record<string, unknown> }>(
        `select row_to_json(e) as r from ${ENTITY_SQL[type].table} e where id = $1`,
        [id],
      )
    )?.r ?? null
  );
}

/** A link row of a merged entity, marked when the merge gave the target a link it did not have. */
export type MovedLink = Record<string, unknown> & { added: boolean };

/**
 * Merges entity `fromId` into `intoId` (issue 18): every publication that named the first names the second (in
 * the same role and place), the first's address and the addresses that led to it lead to the second, and the
 * first is deleted. Returns the first's row and its links, for the history and for undoing.
 */
export async function mergeEntity(
  db: Db,
  type: EntityType,
  fromId: number,
  intoId: number,
): Promise<{ row: Record<string, unknown>; links: MovedLink[] } | null> {
  const { table, link, key } = ENTITY_SQL[type];
  return db.tx(async (t) => {
    const row = await entityRow(t, type, fromId);
    if (!row || fromId === intoId || !(await entityRow(t, type, intoId))) return null;
    const links = (
      await t.query<{ r: Record<string, unknown> }>(`select row_to_json(l) as r from ${link} l where ${key} = $1`, [
        fromId,
      ])
    ).map((r) => r.r);
    const added = await t.query<{ r: Record<string, unknown> }>(
      `insert into ${link} select (json_populate_record(null::${link}, (row_to_json(l)::jsonb || jsonb_build_object('${key}', $2::int))::json)).*
         from ${link} l where l.${key} = $1 on conflict do nothing returning row_to_json(${link}.*) as r`,
      [fromId, intoId],
    );
    const addedKeys = new Set(added.map((a) => `${a.r.publication_id}/${a.r.role ?? ''}`));
    await t.query(`delete from ${link} where ${key} = $1`, [fromId]);
    await t.query('update entity_redirects set target_id = $3 where type = $1 and target_id = $2', [
      type,
      fromId,
      intoId,
    ]);
    await t.query(
      `insert into entity_redirects (type, slug, target_id) values ($1, $2, $3) on conflict (type, slug) do update set target_id = excluded.target_id`,
      [type, row.slug, intoId],
    );
    await t.query(`delete from ${table} where id = $1`, [fromId]);
    await indexPublications(t, [...new Set(links.map((l) => Number(l.publication_id)))]);
    return { row, links: links.map((l) => ({ ...l, added: addedKeys.has(`${l.publication_id}/${l.role ?? ''}`) })) };
  });
}

/** Deletes an entity no publication names (issue 18); returns its row, or null when it is named or not there. */
export async function deleteUnusedEntity(
  db: Db,
  type: EntityType,
  id: number,
): Promise<Record<string, unknown> | null> {
  const { table, link, key } = ENTITY_SQL[type];
  return db.tx(async (t) => {
    const row = await entityRow(t, type, id);
    if (!row || (await t.one(`select 1 from ${link} where ${key} = $1 limit 1`, [id]))) return null;
    await t.query(`delete from ${table} where id = $1`, [id]);
    return row;
  });
}

/**
 * Puts back an entity deleted or merged away (issue 18): its row as it was and, after a merge, its links, taking
 * from the other entity the links the merge gave it. 'slug_taken' when its address is in use again.
 */
export async function restoreEntity(
  db: Db,
  type: EntityType,
  row: Record<string, unknown>,
  links: MovedLink[],
  mergedInto: number | null,
): Promise<'restored' | 'slug_taken'> {
  const { table, link, key } = ENTITY_SQL[type];
  return db.tx(async (t) => {
    if (await t.one(`select 1 from ${table} where slug = $1 or id = $2`, [row.slug, row.id])) return 'slug_taken';
    await t.query(`insert into ${table} select * from json_populate_record(null::${table}, $1::json)`, [
      JSON.stringify(row),
    ]);
    await t.query('delete from entity_redirects where type = $1 and slug = $2', [type, row.slug]);
    if (mergedInto !== null) {
      for (const l of links.filter((x) => x.added)) {
        await t.query(
          `delete from ${link} where publication_id = $1 and ${key} = $2${'role' in l ? ' and role = $3' : ''}`,
          'role' in l ? [l.publication_id, mergedInto, l.role] : [l.publication_id, mergedInto],
        );
      }
    }
    const rows = links.map(({ added: _a, ...l }) => l);
    if (rows.length) {
      await t.query(
        `insert into ${link} select * from json_populate_recordset(null::${link}, $1::json) r
          where exists (select 1 from publications p where p.id = r.publication_id) on conflict do nothing`,
        [JSON.stringify(rows)],
      );
    }
    await indexPublications(t, [...new Set(rows.map((l) => Number(l.publication_id)))]);
    return 'restored';
  });
}
