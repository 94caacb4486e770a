import { boxStyle, CiteBox } from '../../cite/box.tsx';
import { formatCitation } from '../../cite/format.ts';
import { referenceOf } from '../../cite/reference.ts';
import { today } from '../../cite/route.ts';
import { publicationBySlug } from '../../store/publications.ts';
import { ItemMeta } from '../../views/meta.tsx';
import { PublicationPage } from '../../views/publication.tsx';
import { type Ctx, pageMeta, publicOrigin } from '../../http/context.ts';
import { readablePublication } from '../../visibility.ts';

/** The item page, as readers may see it (src/visibility.ts: drafts 404, a withdrawn publication 410). */
export async function publication(c: Ctx) {
  const p = readablePublication(await publicationBySlug(c.var.deps.db, c.req.param('slug')!));
  const { tr } = c.var;
  const origin = publicOrigin(c);
  const style = boxStyle(tr);
  const citation = formatCitation(referenceOf(p, origin, tr.lang), style, today()).body.trim();
  const head = <ItemMeta p={p} origin={origin} lang={tr.lang} />;
  return c.html(<PublicationPage meta={{ ...pageMeta(c), head, canonicalPath: `/publications/${p.slug}` }} p={p} cite={<CiteBox tr={tr} slug={p.slug} style={style} text={citation} />} />);
}
