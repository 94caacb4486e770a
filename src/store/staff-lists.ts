// Lists for the staff pages: every publication in any status, and the names the edit form suggests.
import type { Db } from '../db/db.ts';
import type { LocalizedText, Status } from '../domain/publication.ts';

export interface StaffListItem {
  id: number;
  slug: string;
  status: Status;
  title: LocalizedText;
  original_language: string;
  year: number | null;
  updated_at: Date;
}

/** Publications in any status (or one), newest change first, optionally matching words of a title or slug. */
export async function staffPublications(
  db: Db,
  f: { status: Status | null; q: string | null; page: number; perPage: number },
): Promise<{ total: number; items: StaffListItem[] }> {
  const where = `where ($1::text is null or p.status = $1)
    and ($2::text is null or p.slug ilike '%' || $2 || '%' or exists (select 1 from jsonb_each_text(p.title) t(k, v) where v ilike '%' || $2 || '%'))`;
  const q = f.q ? f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`) : null;
  const items = await db.query<StaffListItem>(
    `select p.id, p.slug, p.status, p.title, p.original_language, p.year, p.updated_at from publications p ${where}
      order by p.updated_at desc, p.id desc limit $3 offset $4`,
    [f.status, q, f.perPage, (f.page - 1) * f.perPage],
  );
  const total = (await db.one<{ n: number }>(`select count(*)::int as n from publications p ${where}`, [f.status, q]))!
    .n;
  return { total, items };
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
