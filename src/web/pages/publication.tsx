import { publicationBySlug } from '../../store/publications.ts';
import { PublicationPage } from '../../views/publication.tsx';
import { type Ctx, pageMeta } from '../context.ts';
import { HttpError, notFound } from '../errors.tsx';

/** The item page; drafts are not public (404), a withdrawn publication leaves a tombstone (410). */
export async function publication(c: Ctx) {
  const p = await publicationBySlug(c.var.deps.db, c.req.param('slug')!);
  if (!p || p.status === 'draft' || p.status === 'in_review') throw notFound();
  if (p.status === 'withdrawn') {
    throw p.withdrawn_reason
      ? new HttpError(410, 'withdrawn', 'error.withdrawn_reason', { reason: p.withdrawn_reason })
      : new HttpError(410, 'withdrawn', 'error.withdrawn_text');
  }
  // Readers see only the published end of a relation.
  const visible = { ...p, relations_out: p.relations_out.filter((r) => r.status === 'published'), relations_in: p.relations_in.filter((r) => r.status === 'published') };
  return c.html(<PublicationPage meta={pageMeta(c)} p={visible} />);
}
