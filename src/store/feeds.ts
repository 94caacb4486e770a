// The SQL behind the Atom feeds and the sitemap: the newest published publications (of a topic or a
// project), and every public page with the date it last changed.
import type { Db } from '../db/db.ts';
import type { LocalizedText } from '../domain/publication.ts';
import type { EntityLink, RoleLink } from '../domain/records.ts';
import { readablePublicationSql } from './visibility.ts';

export interface FeedItem {
  slug: string;
  kind: string;
  title: LocalizedText;
  subtitle: LocalizedText;
  abstract: LocalizedText;
  original_language: string;
  published_at: Date;
  updated_at: Date;
  /** Authors and publishers only: what a feed entry's <author> needs. */
  people: RoleLink[];
  organisations: RoleLink[];
  topics: EntityLink[];
}

/** The newest published publications, optionally of one topic or project (by slug), newest first. */
export async function feedItems(
  db: Db,
  filter: { topic?: string; project?: string },
  limit: number,
): Promise<FeedItem[]> {
  const params: unknown[] = [limit];
  const where = [readablePublicationSql('p')];
  if (filter.topic)
    where.push(
      `exists (select 1 from publication_topics l join topics t on t.id = l.topic_id where l.publication_id = p.id and t.slug = $${params.push(filter.topic)})`,
    );
  if (filter.project)
    where.push(
      `exists (select 1 from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id and e.slug = $${params.push(filter.project)})`,
    );
  return db.query<FeedItem>(
    `select p.slug, p.kind, p.title, p.subtitle, p.abstract, p.original_language, coalesce(p.published_at, p.created_at) as published_at, p.updated_at,
       coalesce((select json_agg(json_build_object('slug', e.slug, 'name', e.names, 'given', e.given, 'family', e.family, 'patronymic', e.patronymic, 'role', l.role) order by l.position, e.name)
         from publication_people l join people e on e.id = l.person_id where l.publication_id = p.id and l.role = 'author'), '[]') as people,
       coalesce((select json_agg(json_build_object('slug', e.slug, 'name', e.name, 'role', l.role) order by l.position)
         from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id and l.role in ('author', 'publisher')), '[]') as organisations,
       coalesce((select json_agg(json_build_object('slug', e.slug, 'name', e.label) order by e.slug)
         from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id), '[]') as topics
     from publications p where ${where.join(' and ')}
     order by coalesce(p.published_at, p.created_at) desc, p.id desc limit $1`,
    params,
  );
}

export interface SitemapEntry {
  path: string;
  lastmod: Date;
}

/**
 * Every public page worth crawling, without language prefix: home, the lists, each published
 * publication, and each entity with at least one published publication. lastmod is the latest change
 * among the publications a page shows.
 */
export async function sitemapEntries(db: Db): Promise<SitemapEntry[]> {
  return db.query<SitemapEntry>(
    `with pub as (select id, slug, updated_at from publications p where ${readablePublicationSql('p')}),
     latest as (select coalesce(max(updated_at), now()) as at from pub)
     select '/' as path, at as lastmod from latest
     union all select '/publications', at from latest
     union all select '/' || t, at from latest, unnest(array['topics', 'organisations', 'projects', 'people']) t
     union all (select '/publications/' || slug, updated_at from pub order by slug)
     union all (select '/topics/' || e.slug, max(p.updated_at) from topics e join publication_topics l on l.topic_id = e.id join pub p on p.id = l.publication_id group by e.slug order by e.slug)
     union all (select '/projects/' || e.slug, max(p.updated_at) from projects e join publication_projects l on l.project_id = e.id join pub p on p.id = l.publication_id group by e.slug order by e.slug)
     union all (select '/organisations/' || e.slug, max(p.updated_at) from organisations e join publication_organisations l on l.organisation_id = e.id join pub p on p.id = l.publication_id group by e.slug order by e.slug)
     union all (select '/people/' || e.slug, max(p.updated_at) from people e join publication_people l on l.person_id = e.id join pub p on p.id = l.publication_id group by e.slug order by e.slug)`,
  );
}
