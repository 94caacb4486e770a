import { z } from 'zod';
import { browseQuery, MAX_QUERY } from '../../domain/browse.ts';
import { browsePublications } from '../../store/browse.ts';
import { publicationBySlug } from '../../store/publications.ts';
import { compileQuery, matchingPages } from '../../store/search.ts';
import { BrowsePage, WithinPage } from '../../views/browse.tsx';
import { type Ctx, pageMeta } from '../../http/context.ts';
import { badParams } from '../../http/errors.tsx';
import { type PageToKeep, toKeep } from '../page-cache.ts';
import { readablePublication } from '../../visibility.ts';

// `within` turns the page into a search inside one publication's files (the form on its page).
const withinQuery = z.object({
  within: z
    .string()
    .regex(/^[a-z0-9-]{1,120}$/, 'a slug: lowercase letters, digits and hyphens')
    .optional(),
});
const WITHIN_PAGES = 50;

/**
 * Browsing and searching. Browsing without a query is the same for every reader and is kept as a listing
 * (src/web/page-cache.ts); a search, which also depends on the files' text and the words the catalogue knows,
 * is rendered each time.
 */
export async function browse(c: Ctx): Promise<Response | PageToKeep> {
  const parsed = browseQuery.safeParse(c.req.query());
  if (!parsed.success) throw badParams(parsed.error);
  const within = withinQuery.safeParse(c.req.query());
  if (!within.success) throw badParams(within.error);
  if (within.data.within) return searchWithin(c, within.data.within, parsed.data.q ?? '');
  const result = await browsePublications(c.var.deps.db, parsed.data, c.var.tr.lang);
  const shortened = (c.req.query('q')?.trim().length ?? 0) > MAX_QUERY;
  const page = <BrowsePage meta={pageMeta(c)} query={parsed.data} {...result} shortened={shortened} />;
  return parsed.data.q ? c.html(page) : toKeep(page);
}

async function searchWithin(c: Ctx, slug: string, q: string) {
  const db = c.var.deps.db;
  const p = readablePublication(await publicationBySlug(db, slug), c.var.tr.lang);
  const compiled = q ? await compileQuery(db, q) : null;
  const pages = compiled ? await matchingPages(db, p.id, compiled, WITHIN_PAGES) : [];
  const title = c.var.tr.pick(p.title, p.original_language)!.text;
  return c.html(<WithinPage meta={pageMeta(c)} slug={slug} title={title} q={q} pages={pages} />);
}
