// Taking the demo catalogue out of a library that goes into production (issue 18, `kitap demo remove`).
import type { Db } from '../db/db.ts';

export interface DemoRemoval {
  publications: number;
  entities: number;
  blobs: string[];
}

/**
 * Deletes the publications with these slugs (with their files, links and history), then the organisations,
 * people, projects and topics they named, or the catalogue's topics, that no other publication names.
 * Returns the checksums of the blobs (files, covers) no remaining file row names: the caller deletes the bytes.
 */
export async function removeDemoRecords(db: Db, slugs: string[], topicSlugs: string[]): Promise<DemoRemoval> {
  return db.tx(async (t) => {
    const ids = (
      await t.query<{ id: number }>('select id from publications where slug = any($1::text[])', [slugs])
    ).map((r) => r.id);
    const named = {
      organisations: await t.query<{ id: number }>(
        'select distinct organisation_id as id from publication_organisations where publication_id = any($1::int[])',
        [ids],
      ),
      people: await t.query<{ id: number }>(
        'select distinct person_id as id from publication_people where publication_id = any($1::int[])',
        [ids],
      ),
      projects: await t.query<{ id: number }>(
        'select distinct project_id as id from publication_projects where publication_id = any($1::int[])',
        [ids],
      ),
      topics: await t.query<{ id: number }>(
        `select distinct topic_id as id from publication_topics where publication_id = any($1::int[])
         union select id from topics where slug = any($2::text[])`,
        [ids, topicSlugs],
      ),
    };
    const blobs = (
      await t.query<{ sha: string }>(
        `select sha256 as sha from files where publication_id = any($1::int[])
       union select cover_sha256 from files where publication_id = any($1::int[]) and cover_sha256 is not null`,
        [ids],
      )
    ).map((r) => r.sha);
    await t.query('delete from publications where id = any($1::int[])', [ids]);
    let entities = 0;
    for (const [table, link, key] of [
      ['organisations', 'publication_organisations', 'organisation_id'],
      ['people', 'publication_people', 'person_id'],
      ['projects', 'publication_projects', 'project_id'],
      ['topics', 'publication_topics', 'topic_id'],
    ] as const) {
      entities += (
        await t.query(
          `delete from ${table} e where e.id = any($1::int[]) and not exists (select 1 from ${link} l where l.${key} = e.id) returning id`,
          [named[table].map((r) => r.id)],
        )
      ).length;
    }
    const still = new Set(
      (
        await t.query<{ sha: string }>(
          'select sha256 as sha from files where sha256 = any($1::text[]) union select cover_sha256 from files where cover_sha256 = any($1::text[])',
          [blobs],
        )
      ).map((r) => r.sha),
    );
    return { publications: ids.length, entities, blobs: blobs.filter((s) => !still.has(s)) };
  });
}
