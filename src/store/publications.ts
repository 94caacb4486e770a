// Publications: the one write path (create/replace from a PublicationInput) and the reads of one record.
import { createHash } from 'node:crypto';
import { CITEPROC_VERSION } from '../cite/format.ts';
import { BOX_SLOTS, storeBoxCitations, storedCitationsSql } from '../cite/stored.ts';
import { type Db, prepared } from '../db/db.ts';
import { originalLanguageOf, type PublicationInput } from '../domain/publication.ts';
import type { PublicationDetail } from '../domain/records.ts';
import { slugify } from '../domain/slug.ts';
import { organisationId, personId, projectId, topicId } from './entities.ts';
import { ensureSearchData, indexPublication } from './search.ts';
import { coverSql, READABLE_FILE } from './visibility.ts';

/** A relation whose target slug does not exist (yet). */
export interface PendingRelation {
  source: string;
  type: string;
  target: string;
}

/** Creates a publication; relations to slugs that do not exist yet are returned, not stored. */
export async function createPublication(
  db: Db,
  input: PublicationInput,
): Promise<{ id: number; slug: string; pending: PendingRelation[] }> {
  return db.tx(async (t) => {
    const slug = await freeSlug(t, input.slug ?? defaultSlug(input));
    const row = await t.one<{ id: number }>(
      `insert into publications (slug, kind, title) values ($1, $2, $3) returning id`,
      [slug, input.kind, input.title],
    );
    const pending = await writePublication(t, row!.id, slug, input);
    return { id: row!.id, slug, pending };
  });
}

/** Replaces every field and link of a publication with the input's; the slug stays. */
export async function replacePublication(db: Db, id: number, input: PublicationInput): Promise<PendingRelation[]> {
  return db.tx(async (t) => {
    const row = await t.one<{ slug: string }>('select slug from publications where id = $1 for update', [id]);
    if (!row) throw new Error(`publication ${id} does not exist`);
    for (const table of [
      'publication_people',
      'publication_organisations',
      'publication_projects',
      'publication_topics',
      'publication_identifiers',
    ]) {
      await t.query(`delete from ${table} where publication_id = $1`, [id]);
    }
    await t.query('delete from publication_relations where source_id = $1', [id]);
    return writePublication(t, id, row.slug, input);
  });
}

async function writePublication(t: Db, id: number, slug: string, p: PublicationInput): Promise<PendingRelation[]> {
  await t.query(
    `update publications set kind = $2, status = $3, featured = $4, title = $5, subtitle = $6, abstract = $7,
       original_language = $8, year = $9, published_on = $10, pages = $11, formats = $12, languages = $13,
       countries = $14, series = $15, download = $16, print_on_request = $17, for_sale = $18, price = $19,
       external_url = $20, contact_phone = $21, withdrawn_reason = $22, place = $23, licence = $24, rights_holder = $25, updated_at = now(),
       published_at = case when $3 = 'published' then coalesce(published_at, now()) else published_at end
     where id = $1`,
    [
      id,
      p.kind,
      p.status,
      p.featured,
      p.title,
      p.subtitle,
      p.abstract,
      originalLanguageOf(p),
      p.year,
      p.published_on,
      p.pages,
      p.formats,
      p.languages,
      p.countries,
      p.series,
      p.download,
      p.print_on_request,
      p.for_sale,
      p.price,
      p.external_url,
      p.contact_phone,
      p.withdrawn_reason,
      p.place,
      p.licence,
      p.rights_holder,
    ],
  );
  for (const [i, person] of p.people.entries()) {
    await t.query('insert into publication_people values ($1, $2, $3, $4) on conflict do nothing', [
      id,
      await personId(t, person.name, person.affiliation),
      person.role,
      i,
    ]);
  }
  for (const [i, org] of p.organisations.entries()) {
    await t.query('insert into publication_organisations values ($1, $2, $3, $4) on conflict do nothing', [
      id,
      await organisationId(t, org.name, org.abbreviation),
      org.role,
      i,
    ]);
  }
  for (const project of p.projects) {
    await t.query('insert into publication_projects values ($1, $2) on conflict do nothing', [
      id,
      await projectId(t, project.name, project.abbreviation),
    ]);
  }
  for (const topic of p.topics) {
    await t.query('insert into publication_topics values ($1, $2) on conflict do nothing', [
      id,
      await topicId(t, topic),
    ]);
  }
  for (const ident of p.identifiers) {
    await t.query('insert into publication_identifiers values ($1, $2, $3) on conflict do nothing', [
      id,
      ident.scheme,
      ident.value,
    ]);
  }
  const pending: PendingRelation[] = [];
  for (const rel of p.relations) {
    if (!(await addRelation(t, id, rel.type, rel.target)))
      pending.push({ source: slug, type: rel.type, target: rel.target });
  }
  await refreshSearch(t, id);
  // The Cite box's citation formatted now, once, rather than by the item page's first reader; then the record
  // as the item page reads it (src/store/publications.ts publicationBySlug), kept.
  await storeBoxCitations(t, (await publicationById(t, id))!);
  await keepPublication(t, id);
  return pending;
}

/** Links source to the publication with the target slug; false when that slug does not exist. */
export async function addRelation(db: Db, sourceId: number, type: string, targetSlug: string): Promise<boolean> {
  const rows = await db.query(
    `insert into publication_relations (source_id, type, target_id)
     select $1, $2, id from publications where slug = $3 and id <> $1 on conflict do nothing returning target_id`,
    [sourceId, type, targetSlug],
  );
  return rows.length > 0 || (await db.one('select 1 from publications where slug = $1', [targetSlug])) !== null;
}

/**
 * Rebuilds the search index of a publication: its weighted vector (A title; B subtitle, people,
 * organisations; C abstract and the rest), stemmed by the language of each value, its subject
 * terms from the thesaurus and its words for spelling suggestions (src/store/search.ts).
 */
export async function refreshSearch(db: Db, id: number): Promise<void> {
  await ensureSearchData(db);
  await indexPublication(db, id);
}

/** A publication with everything it links to, as columns; `where` follows (publicationBySlug reads it). */
export const DETAIL_SQL = `
select p.id, p.slug, p.kind, p.status, p.featured, p.title, p.subtitle, p.abstract, p.original_language, p.year,
  p.published_on, p.pages, p.formats, p.languages, p.countries, p.series, p.place, p.download, p.print_on_request, p.for_sale,
  p.price, p.external_url, p.contact_phone, p.withdrawn_reason, p.created_at, p.updated_at, p.published_at, p.licence, p.rights_holder,
  ${coverSql('p')} as cover_sha256,
  coalesce((select json_agg(json_build_object('slug', e.slug, 'name', e.names, 'given', e.given, 'family', e.family, 'patronymic', e.patronymic, 'orcid', e.orcid, 'role', l.role) order by l.position, e.name)
    from publication_people l join people e on e.id = l.person_id where l.publication_id = p.id), '[]') as people,
  coalesce((select json_agg(json_build_object('slug', e.slug, 'name', e.name, 'abbreviation', e.abbreviation, 'abbreviations', e.abbreviations, 'ror', e.ror, 'role', l.role) order by l.position)
    from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id), '[]') as organisations,
  coalesce((select json_agg(json_build_object('slug', e.slug, 'name', e.name, 'abbreviation', e.abbreviation, 'abbreviations', e.abbreviations) order by e.slug)
    from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id), '[]') as projects,
  coalesce((select json_agg(json_build_object('slug', e.slug, 'name', e.label) order by e.slug)
    from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id), '[]') as topics,
  coalesce((select json_agg(json_build_object('scheme', i.scheme, 'value', i.value) order by i.scheme, i.value)
    from publication_identifiers i where i.publication_id = p.id), '[]') as identifiers,
  coalesce((select json_agg(json_build_object('id', f.id, 'sha256', f.sha256, 'original_name', f.original_name,
      'media_type', f.media_type, 'size', f.size, 'pages', f.pages, 'language', f.language, 'is_sample', f.is_sample,
      'licence', f.licence, 'rights_holder', f.rights_holder, 'label', f.label) order by f.position, f.id)
    from files f where f.publication_id = p.id and ${READABLE_FILE}), '[]') as files,
  coalesce((select json_agg(json_build_object('type', r.type, 'slug', q.slug, 'title', q.title, 'original_language', q.original_language,
      'year', q.year, 'status', q.status) order by q.year desc nulls last, q.slug)
    from publication_relations r join publications q on q.id = r.target_id where r.source_id = p.id), '[]') as relations_out,
  coalesce((select json_agg(json_build_object('type', r.type, 'slug', q.slug, 'title', q.title, 'original_language', q.original_language,
      'year', q.year, 'status', q.status) order by q.year desc nulls last, q.slug)
    from publication_relations r join publications q on q.id = r.source_id where r.target_id = p.id), '[]') as relations_in,
  ${storedCitationsSql('p')} as citations
from publications p`;

/**
 * A publication with everything it links to, or null. Any status: callers decide who may see it. Read from its
 * kept copy (table publication_docs, migration 0092) while that is current, else by the detail query, whose
 * result the same statement keeps (see KEEPING).
 */
export async function publicationBySlug(db: Db, slug: string): Promise<PublicationDetail | null> {
  const kept = await db.one<{ doc: string }>(KEPT_BY_SLUG, [slug, DOC_VERSION]);
  if (kept) return detailOf(kept.doc);
  const live = await db
    .one<{ doc: string }>(LIVE_BY_SLUG, [slug, DOC_VERSION])
    // A database that cannot take the write (read-only) still answers.
    .catch(async (err) => {
      if ((err as { code?: string }).code !== '25006') throw err;
      return db.one<{ doc: string }>(`select doc from (${LIVE_SQL} where p.slug = $1) d) live`, [slug]);
    });
  return live && detailOf(live.doc);
}

/** The same by id, by the detail query (the write path and the citations' filler read what they just wrote). */
async function publicationById(db: Db, id: number): Promise<PublicationDetail | null> {
  const live = await db.one<{ doc: string }>(`${LIVE_SQL} where p.id = $1) d`, [id]);
  return live && detailOf(live.doc);
}

/** Keeps the record of publication `id` as the item page reads it (after a write, or by the filler). */
async function keepPublication(db: Db, id: number): Promise<void> {
  await db.query(KEEP_BY_ID, [id, DOC_VERSION]);
}

/**
 * Kept records for the publications that lack a current one (written by an older version, dropped by a write to
 * what they show, or past an embargo's end), one at a time with a pause between, so that readers are served
 * meanwhile; stops early when `stopped()` says so. Returns how many it kept.
 */
export function fillPublicationDocs(db: Db, stopped: () => boolean = () => false): Promise<number> {
  return eachPaced(
    (after) =>
      db.query<{ id: number }>(
        `select publication_id as id from publication_docs where publication_id > $1
           and (doc is null or version is distinct from $2 or stale_on <= current_date)
         order by publication_id limit 100`,
        [after, DOC_VERSION],
      ),
    (id) => keepPublication(db, id),
    stopped,
  );
}

/**
 * Runs `work` on each id that `next(after)` gives (in order, 100 at a time), one at a time with a pause between,
 * so that readers are served meanwhile; stops early when `stopped()` says so. Returns how many it did.
 */
async function eachPaced(
  next: (after: number) => Promise<Array<{ id: number }>>,
  work: (id: number) => Promise<void>,
  stopped: () => boolean,
): Promise<number> {
  let done = 0;
  for (let after = 0; !stopped(); ) {
    const ids = await next(after);
    if (!ids.length) break;
    for (const { id } of ids) {
      if (stopped()) break;
      await work(id);
      done++;
      await new Promise((r) => setImmediate(r));
    }
    after = ids.at(-1)!.id;
  }
  return done;
}

// The detail query's row as one JSON text: how it is kept, and one value to parse instead of thirty. Its end,
// `) d`, follows the condition. `stale_on`: the day the first embargo of a current file ends.
const LIVE_SQL = `select row_to_json(d)::text as doc, d.id, d.slug,
    (select min(f.embargo_until) from files f where f.publication_id = d.id and f.replaced_by is null
       and f.embargo_until > current_date) as stale_on
  from (${DETAIL_SQL}`;
/**
 * Reads the detail and keeps it in one statement, in the statement's snapshot: only if the row's `gen` is still
 * the one read with the detail (a write committed meanwhile counted it up: then the next reader reads again), and
 * only if no writer's transaction holds the row (a reader never waits for one).
 */
const KEEPING = (where: string) => `with live as (
    select d.*, x.gen from (${LIVE_SQL} where ${where}) d) d left join publication_docs x on x.publication_id = d.id),
  kept as (update publication_docs y set doc = live.doc, slug = live.slug, version = $2, stale_on = live.stale_on
    from live where y.publication_id = (select z.publication_id from publication_docs z
                                        where z.publication_id = live.id and z.gen = live.gen for update skip locked))
  select doc from live`;
// Prepared: the item page runs these for every page it renders, and planning them costs more than running them.
const KEPT_BY_SLUG = prepared(
  'publication_kept',
  `select doc from publication_docs where slug = $1 and version = $2 and doc is not null
     and (stale_on is null or stale_on > current_date)`,
);
const LIVE_BY_SLUG = prepared('publication_detail', KEEPING('p.slug = $1'));
const KEEP_BY_ID = prepared('publication_keep', KEEPING('p.id = $1'));
/** What a kept record was written by: another detail query (a new CITEPROC_VERSION included) makes it stale. */
const DOC_VERSION = createHash('sha256').update(LIVE_SQL).digest('base64url').slice(0, 22);

/** The detail query's row from its JSON: the timestamps as Dates, as the database driver gives them. */
function detailOf(doc: string): PublicationDetail {
  const p = JSON.parse(doc) as PublicationDetail;
  p.created_at = new Date(p.created_at);
  p.updated_at = new Date(p.updated_at);
  if (p.published_at !== null) p.published_at = new Date(p.published_at);
  return p;
}

/**
 * Stores the Cite box citations of every publication that lacks a current one (a catalogue written by an older
 * version, a restore, a change to citation formatting), a publication at a time with a pause between, so that
 * readers are served meanwhile; stops early when `stopped()` says so. Returns how many it formatted.
 */
export function fillBoxCitations(db: Db, stopped: () => boolean = () => false): Promise<number> {
  return eachPaced(
    (after) =>
      db.query<{ id: number }>(
        `select p.id from publications p where p.id > $1 and (select count(*) from publication_citations c
           where c.publication_id = p.id and c.slot = any($2) and c.version = $3) < cardinality($2::text[])
         order by p.id limit 100`,
        [after, BOX_SLOTS, CITEPROC_VERSION],
      ),
    async (id) => {
      const p = await publicationById(db, id);
      if (p) await storeBoxCitations(db, p);
    },
    stopped,
  );
}

/** Slugs of all publications, for the loaders' "already there?" checks. */
export async function publicationIdBySlug(db: Db, slug: string): Promise<number | null> {
  return (await db.one<{ id: number }>('select id from publications where slug = $1', [slug]))?.id ?? null;
}

/** The publication with this normalised title (any language) and year: how importers recognise a record they made before. */
export async function publicationIdByTitleYear(db: Db, title: string, year: number | null): Promise<number | null> {
  const row = await db.one<{ id: number }>(
    `select id from publications p where year is not distinct from $2
       and exists (select 1 from jsonb_each_text(p.title) t(k, v)
                   where regexp_replace(lower(unaccent(v)), '[^[:alnum:]]+', '', 'g') = regexp_replace(lower(unaccent($1)), '[^[:alnum:]]+', '', 'g'))
     order by id limit 1`,
    [title, year],
  );
  return row?.id ?? null;
}

/** Counts publications in any status: an empty catalogue is what triggers the demo load. */
export async function publicationCount(db: Db): Promise<number> {
  return (await db.one<{ n: number }>('select count(*)::int as n from publications'))!.n;
}

function defaultSlug(p: PublicationInput): string {
  const title = p.title[p.original_language as keyof typeof p.title] ?? Object.values(p.title)[0]!;
  return p.year ? `${slugify(title, 55)}-${p.year}` : slugify(title, 60);
}

/** The wanted slug, or the wanted slug with -2, -3, … when it is taken. */
async function freeSlug(db: Db, wanted: string): Promise<string> {
  const taken = new Set(
    (
      await db.query<{ slug: string }>(`select slug from publications where slug = $1 or slug like $1 || '-%'`, [
        wanted,
      ])
    ).map((r) => r.slug),
  );
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

/** The id of the publication with this slug when it has no file and no ingest job that did not fail; else null. */
export async function publicationWithoutFiles(db: Db, slug: string): Promise<number | null> {
  const row = await db.one<{ id: number }>(
    `select p.id from publications p where p.slug = $1
       and not exists (select 1 from files f where f.publication_id = p.id)
       and not exists (select 1 from ingest_jobs j where j.publication_id = p.id and j.state <> 'failed')`,
    [slug],
  );
  return row?.id ?? null;
}
