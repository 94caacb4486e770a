import { boxStyle, CiteBox } from '../../cite/box.tsx';
import { cslItem } from '../../cite/csl.ts';
import { formatCitation } from '../../cite/format.ts';
import { publicationBySlug } from '../../store/publications.ts';
import { ItemMeta } from '../../views/meta.tsx';
import { PublicationPage } from '../../views/publication.tsx';
import { type Ctx, pageMeta, publicOrigin } from '../../http/context.ts';
import { HttpError, notFound } from '../../http/errors.tsx';

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
  const { tr } = c.var;
  const origin = publicOrigin(c);
  const style = boxStyle(tr);
  const citation = formatCitation(cslItem(visible, `${origin}/publications/${p.slug}`, tr.lang), style, tr.lang).body.trim();
  const head = <ItemMeta p={visible} origin={origin} lang={tr.lang} />;
  return c.html(<PublicationPage meta={{ ...pageMeta(c), head }} p={visible} cite={<CiteBox tr={tr} slug={p.slug} style={style} text={citation} />} />);
}
