import { boxStyle, CiteBox } from '../../cite/box.tsx';
import { formatCitation } from '../../cite/format.ts';
import { referenceOf } from '../../cite/reference.ts';
import { today } from '../../cite/route.ts';
import type { PublicationDetail } from '../../domain/records.ts';
import { type Ctx, pageMeta, publicOrigin } from '../../http/context.ts';
import { publicationBySlug } from '../../store/publications.ts';
import { usageLine } from '../../stats/views/usage-line.tsx';
import { ItemMeta } from '../../views/meta.tsx';
import { PublicationPage, TombstonePage } from '../../views/publication.tsx';
import { readablePublication, sightOf } from '../../visibility.ts';

/** The item page, as readers may see it (src/visibility.ts: drafts 404, a withdrawn publication 410). */
export async function publication(c: Ctx) {
  const found = await publicationBySlug(c.var.deps.db, c.req.param('slug')!);
  const canonicalPath = `/publications/${found?.slug ?? ''}`;
  // A withdrawn publication keeps a page that still identifies and cites it: a tombstone, status 410.
  if (found && sightOf(found.status) === 'withdrawn') {
    return c.html(<TombstonePage meta={{ ...pageMeta(c), canonicalPath }} p={found} citation={citationText(c, found)} />, 410);
  }
  const p = readablePublication(found);
  const head = <ItemMeta p={p} origin={publicOrigin(c)} lang={c.var.tr.lang} />;
  const cite = <CiteBox tr={c.var.tr} slug={p.slug} style={boxStyle(c.var.tr)} text={citationText(c, p)} />;
  return c.html(<PublicationPage meta={{ ...pageMeta(c), head, canonicalPath }} p={p} cite={cite} usage={await usageLine(c, p.id)} />);
}

/** The citation in the style of the reader's language. */
function citationText(c: Ctx, p: PublicationDetail): string {
  const { tr } = c.var;
  return formatCitation(referenceOf(p, publicOrigin(c), tr.lang), boxStyle(tr), today()).body.trim();
}
