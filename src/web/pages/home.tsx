import { homePublications, publishedCount } from '../../store/browse.ts';
import { HomePage } from '../../views/home.tsx';
import { type Ctx, pageMeta } from '../../http/context.ts';

export async function home(c: Ctx) {
  const db = c.var.deps.db;
  const [{ newest, featured }, total] = await Promise.all([homePublications(db, 6), publishedCount(db)]);
  return c.html(<HomePage meta={pageMeta(c)} newest={newest} featured={featured} total={total} />);
}
