import { boxStyle, CiteBox } from '../../cite/box.tsx';
import { cslItem } from '../../cite/csl.ts';
import { formatCitation } from '../../cite/format.ts';
import { publicationBySlug } from '../../store/publications.ts';
import { usageLine } from '../../stats/views/usage-line.tsx';
import { ItemMeta } from '../../views/meta.tsx';
import type { PublicationDetail } from '../../domain/records.ts';
import { PublicationPage, TombstonePage } from '../../views/publication.tsx';
import { type Ctx, pageMeta, publicOrigin } from '../../http/context.ts';
import { readablePublication, sightOf } from '../../visibility.ts';

/** The item page, as readers may see it (src/visibility.ts: drafts 404, a withdrawn publication 410). */
export async function publication(c: Ctx) {
  const found = await publicationBySlug(c.var.deps.db, c.req.param('slug')!);
  // A withdrawn publication keeps a page that still identifies and cites it: a tombstone, status 410.
  if (found && sightOf(found.status) === 'withdrawn') return c.html(<TombstonePage meta={pageMeta(c)} p={found} citation={citationText(c, found)} />, 410);
  const p = readablePublication(found);
  const origin = publicOrigin(c);
  const head = <ItemMeta p={p} origin={origin} lang={c.var.tr.lang} />;
  return c.html(<PublicationPage meta={{ ...pageMeta(c), head }} p={p} cite={citeBox(c, p)} usage={await usageLine(c, p.id)} />);
}

/** The citation in the style of the reader's language. */
function citationText(c: Ctx, p: PublicationDetail): string {
  const { tr } = c.var;
  return formatCitation(cslItem(p, `${publicOrigin(c)}/publications/${p.slug}`, tr.lang), boxStyle(tr), tr.lang).body.trim();
}

/** The Cite box of the item page. */
const citeBox = (c: Ctx, p: PublicationDetail) => <CiteBox tr={c.var.tr} slug={p.slug} style={boxStyle(c.var.tr)} text={citationText(c, p)} />;
