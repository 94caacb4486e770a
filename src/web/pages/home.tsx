import { homePublications } from '../../store/browse.ts';
import { HomePage } from '../../views/home.tsx';
import { type Ctx, pageMeta } from '../../http/context.ts';

export async function home(c: Ctx) {
  const db = c.var.deps.db;
  const [{ newest, featured }, total] = await Promise.all([
    homePublications(db, 6),
    db.one<{ n: number }>("select count(*)::int as n from publications where status = 'published'"),
  ]);
  return c.html(<HomePage meta={pageMeta(c)} newest={newest} featured={featured} total={total!.n} />);
}
