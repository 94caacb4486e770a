import { homePublications, publishedCount } from '../../store/browse.ts';
import { HomePage } from '../../views/home.tsx';
import { type Ctx, pageMeta } from '../../http/context.ts';
import { type PageToKeep, toKeep } from '../page-cache.ts';

/** The home page: the same for every reader, kept as a listing (src/web/page-cache.ts). */
export async function home(c: Ctx): Promise<PageToKeep> {
  const db = c.var.deps.db;
  const [{ newest, featured }, total] = await Promise.all([homePublications(db, 6), publishedCount(db)]);
  return toKeep(<HomePage meta={pageMeta(c)} newest={newest} featured={featured} total={total} />);
}
