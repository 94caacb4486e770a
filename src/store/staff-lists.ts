// Lists for the staff pages: every publication in any status (searched, filtered, sorted), the translations
// they lack, and the names the edit form suggests.
import type { Db } from '../db/db.ts';
import type { ContentLanguage, Kind, LocalizedText, Status } from '../domain/publication.ts';
import {
  TRANSLATED_FIELDS,
  TRANSLATION_LANGUAGES,
  type TranslatedField,
  type TranslationLanguage,
} from '../domain/translations.ts';
import { compileQuery } from './search.ts';
import { NAME } from './snapshots.ts';

export interface StaffListItem {
  id: number;
  slug: string;
  status: Status;
  kind: Kind;
  title: LocalizedText;
  original_language: string;
  year: number | null;
  updated_at: Date;
  /** The translated fields (src/domain/translations.ts) this record lacks in the filter's language, when one is given. */
  missing: TranslatedField[];
}

export const STAFF_SORTS = ['updated', 'title', 'year', 'status'] as const;
export type StaffSort = (typeof STAFF_SORTS)[number];

/** What the staff list of publications is asked (src/admin/handlers/dashboard.tsx); null is "any". */
export interface StaffFilter {
  /** Words looked for in every field, people, organisations, projects, topics, identifiers and the files' text. */
  q: string | null;
  status: Status | null;
  kind: Kind | null;
  year: number | null;
  /** A language the publication is in. */
  language: ContentLanguage | null;
  /** Lacks a translation into this language (of `field`, or of any translated field). */
  missing: TranslationLanguage | null;
  field: TranslatedField | null;
  files: 'with' | 'without' | null;
  sort: StaffSort;
  page: number;
  perPage: number;
}

/** SQL true when publication p has the field in some language but not in the language of parameter `lang`. */
export const lacksSql = (field: TranslatedField, lang: string) =>
  `(p.${field} <> '{}'::jsonb and not p.${field} ? ${lang})`;

const ORDER: Record<StaffSort, string> = {
  updated: 'p.updated_at desc, p.id desc',
  title: `lower(coalesce(p.title->>p.original_language, kitap_values(p.title))), p.id`,
  year: 'p.year desc nulls last, p.updated_at desc, p.id desc',
  status: `array_position(array['draft', 'in_review', 'published', 'withdrawn'], p.status), p.updated_at desc, p.id desc`,
};

/** The words of a query as ILIKE patterns (at most 8; %, _ and backslash taken literally). */
function patterns(q: string): string[] {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => `%${w.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
}

/**
 * The publications (any status) that match a query as the readers' search does: stemmed, in other scripts,
 * through the thesaurus, and in the text of their files (any version). Read from the GIN indexes alone, as
 * src/store/browse.ts does: the planner would otherwise test every row's vector.
 */
async function textMatches(db: Db, q: string): Promise<number[]> {
  const { tsquery } = await compileQuery(db, q);
  if (!tsquery) return [];
  return db.tx(async (t) => {
    await t.exec('set local enable_seqscan = off; set local max_parallel_workers_per_gather = 0');
    const rows = await t.query<{ id: number }>(
      `select id from publication_search where search @@ $1::tsquery
       union select publication_id from files where search @@ kitap_without_phrases($1::tsquery)`,
      [tsquery],
    );
    return rows.map((r) => r.id);
  });
}

/**
 * Publications in any status, filtered, sorted and paged. A query matches a record having each of its words
 * somewhere in its fields and links (any part of a word, any language), or matching it as the readers' search
 * does (stemmed, other scripts, thesaurus; also the text of its files, any version).
 */
export async function staffPublications(db: Db, f: StaffFilter): Promise<{ total: number; items: StaffListItem[] }> {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (f.q) {
    const matched = await textMatches(db, f.q);
    const words = patterns(f.q).map((w) => `s.text ilike ${p(w)}`);
    where.push(
      `(p.id in (select s.id from publication_staff_text s where ${words.join(' and ')}) or p.id = any(${p(matched)}::int[]) or p.slug ilike ${p(patterns(f.q.replace(/\s+/g, '-'))[0])})`,
    );
  }
  if (f.status) where.push(`p.status = ${p(f.status)}`);
  if (f.kind) where.push(`p.kind = ${p(f.kind)}`);
  if (f.year !== null) where.push(`p.year = ${p(f.year)}`);
  if (f.language) where.push(`p.languages @> array[${p(f.language)}]::text[]`);
  const missingLang = f.missing ? p(f.missing) : null;
  if (missingLang) {
    const fields = f.field ? [f.field] : TRANSLATED_FIELDS;
    where.push(`(${fields.map((x) => lacksSql(x, missingLang)).join(' or ')})`);
  }
  if (f.files) {
    where.push(
      `${f.files === 'with' ? '' : 'not '}exists (select 1 from files x where x.publication_id = p.id and x.replaced_by is null)`,
    );
  }
  const filter = where.length ? `where ${where.join(' and ')}` : '';
  const missingCols = missingLang
    ? `array_remove(array[${TRANSLATED_FIELDS.map((x) => `case when ${lacksSql(x, missingLang)} then '${x}' end`).join(', ')}], null)`
    : `'{}'::text[]`;
  const total = (await db.one<{ n: number }>(`select count(*)::int as n from publications p ${filter}`, params))!.n;
  const items = await db.query<StaffListItem>(
    `select p.id, p.slug, p.status, p.kind, p.title, p.original_language, p.year, p.updated_at, ${missingCols} as missing
     from publications p ${filter} order by ${ORDER[f.sort]} limit ${p(f.perPage)} offset ${p((f.page - 1) * f.perPage)}`,
    params,
  );
  return { total, items };
}

/** How many publications lack each translated field in each tracked language: the translations page's table. */
export async function translationCounts(db: Db): Promise<Record<TranslationLanguage, Record<TranslatedField, number>>> {
  const cols = TRANSLATION_LANGUAGES.flatMap((l) =>
    TRANSLATED_FIELDS.map((f) => `count(*) filter (where ${lacksSql(f, `'${l}'`)})::int as "${l}.${f}"`),
  );
  const row = (await db.one<Record<string, number>>(`select ${cols.join(', ')} from publications p`))!;
  return Object.fromEntries(
    TRANSLATION_LANGUAGES.map((l) => [l, Object.fromEntries(TRANSLATED_FIELDS.map((f) => [f, row[`${l}.${f}`] ?? 0]))]),
  ) as Record<TranslationLanguage, Record<TranslatedField, number>>;
}

/** An organisation, project or topic a publication names, with its names in every language. */
export interface LinkedEntityNames {
  type: 'organisations' | 'projects' | 'topics';
  id: number;
  names: LocalizedText;
}

/** The organisations, projects and topics of a publication with their names: which of them lack a language. */
export async function linkedEntityNames(db: Db, publicationId: number): Promise<LinkedEntityNames[]> {
  return db.query(
    `select 'organisations' as type, e.id, e.name as names from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = $1
     union all select 'projects', e.id, e.name from publication_projects l join projects e on e.id = l.project_id where l.publication_id = $1
     union all select 'topics', e.id, e.label from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = $1`,
    [publicationId],
  );
}

/** What a bulk action needs of each checked publication, in the order of the ids given; missing ones left out. */
export async function publicationsByIds(
  db: Db,
  ids: number[],
): Promise<Array<{ id: number; slug: string; status: Status; title: LocalizedText; original_language: string }>> {
  return db.query(
    `select p.id, p.slug, p.status, p.title, p.original_language from unnest($1::int[]) with ordinality as x(id, n)
     join publications p on p.id = x.id order by x.n`,
    [ids],
  );
}

/** A project as the one input shape names it (its English name, else its first), or null. */
export async function projectRef(db: Db, id: number): Promise<{ name: string; abbreviation?: string } | null> {
  const row = await db.one<{ name: string; abbreviation: string | null }>(
    `select ${NAME} as name, e.abbreviation from projects e where e.id = $1`,
    [id],
  );
  return row ? { name: row.name, ...(row.abbreviation ? { abbreviation: row.abbreviation } : {}) } : null;
}

/** Topics to choose from for a bulk "add the topic". */
export function topicChoices(db: Db): Promise<Array<{ slug: string; label: LocalizedText }>> {
  return db.query('select slug, label from topics order by slug');
}

/** Projects to choose from for a bulk "add to project": the most used first. */
export async function projectChoices(
  db: Db,
  cap = 300,
): Promise<Array<{ id: number; name: LocalizedText; abbreviation: string | null }>> {
  return db.query(
    `select e.id, e.name, e.abbreviation from projects e
     order by (select count(*) from publication_projects l where l.project_id = e.id) desc, e.slug limit $1`,
    [cap],
  );
}

export interface Suggestions {
  people: string[];
  organisations: string[];
  projects: string[];
  topics: Array<{ slug: string; label: LocalizedText }>;
  slugs: string[];
}

/**
 * What the edit form offers to choose from: names of people, organisations and projects, most used
 * first, and publication slugs, newest first. Capped so the page stays light in a large catalogue;
 * any other name can still be typed (and is created on saving).
 */
export async function suggestions(db: Db, cap = 100): Promise<Suggestions> {
  const names = (table: string, link: string, key: string, name: string) =>
    db.query<{ n: string }>(
      `select ${name} as n from ${table} e order by (select count(*) from ${link} l where l.${key} = e.id) desc, e.slug limit $1`,
      [cap],
    );
  const any = `coalesce(e.name->>'en', (select v from jsonb_each_text(e.name) as n(k, v) order by k limit 1))`;
  const [people, organisations, projects, topics, slugs] = await Promise.all([
    names('people', 'publication_people', 'person_id', 'e.name'),
    names('organisations', 'publication_organisations', 'organisation_id', any),
    names('projects', 'publication_projects', 'project_id', any),
    db.query<{ slug: string; label: LocalizedText }>('select slug, label from topics order by slug'),
    db.query<{ slug: string }>('select slug from publications order by id desc limit $1', [cap]),
  ]);
  return {
    people: people.map((r) => r.n),
    organisations: organisations.map((r) => r.n),
    projects: projects.map((r) => r.n),
    topics,
    slugs: slugs.map((r) => r.slug),
  };
}
