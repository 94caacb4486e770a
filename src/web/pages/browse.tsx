import { browseQuery } from '../../domain/browse.ts';
import { browsePublications } from '../../store/browse.ts';
import { BrowsePage } from '../../views/browse.tsx';
import { type Ctx, pageMeta } from '../context.ts';
import { badParams } from '../errors.tsx';

export async function browse(c: Ctx) {
  const parsed = browseQuery.safeParse(c.req.query());
  if (!parsed.success) throw badParams(parsed.error);
  const result = await browsePublications(c.var.deps.db, parsed.data, c.var.tr.lang);
  return c.html(<BrowsePage meta={pageMeta(c)} query={parsed.data} {...result} />);
}
