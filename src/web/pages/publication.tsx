import { currentSession } from '../../auth/session.ts';
import { CiteBox } from '../../views/cite-box.tsx';
import { today } from '../../cite/route.ts';
import { boxFormat, citationOf } from '../../cite/stored.ts';
import type { PublicationDetail } from '../../domain/records.ts';
import { type Ctx, pageMeta, publicOrigin } from '../../http/context.ts';
import { usageLine } from '../../stats/views/usage-line.tsx';
import { publicationBySlug } from '../../store/publications.ts';
import { href } from '../../views/href.ts';
import { itemMeta } from '../../views/meta.tsx';
import { PublicationPage, TombstonePage } from '../../views/publication.tsx';
import { readablePublication, sightOf } from '../../visibility.ts';
import { type PageToKeep, toKeep } from '../page-cache.ts';

/**
 * The item page, as readers may see it (src/visibility.ts: drafts 404, a withdrawn publication 410). Logged-in
 * staff see any unpublished record at the same address as a preview (issue 18): marked, noindex, never cached.
 * A published page is returned as HTML to keep (src/web/page-cache.ts), everything else as a Response.
 */
export async function publication(c: Ctx): Promise<Response | PageToKeep> {
  const found = await publicationBySlug(c.var.deps.db, c.req.param('slug')!);
  if (found && found.status !== 'published' && (await currentSession(c)) !== null) return preview(c, found);
  const canonicalPath = `/publications/${found?.slug ?? ''}`;
  // A withdrawn publication keeps a page that still identifies and cites it: a tombstone, status 410.
  if (found && sightOf(found.status) === 'withdrawn') {
    return c.html(
      <TombstonePage meta={{ ...pageMeta(c), canonicalPath }} p={found} citation={await citationText(c, found)} />,
      410,
    );
  }
  const p = readablePublication(found, c.var.tr.lang);
  const head = itemMeta(p, publicOrigin(c), c.var.tr.lang);
  return toKeep(
    <PublicationPage
      meta={{ ...pageMeta(c), head, canonicalPath }}
      p={p}
      cite={await citeBox(c, p)}
      usage={await usageLine(c, p.id)}
    />,
  );
}

/** A staff member's preview of an unpublished record: the readers' page with a mark, not indexed, not kept. */
async function preview(c: Ctx, found: PublicationDetail) {
  const { tr } = c.var;
  c.header('Cache-Control', 'private, no-store');
  c.header('X-Robots-Tag', 'noindex');
  // Only the published end of a relation, as readers will see it.
  const p = {
    ...found,
    relations_out: found.relations_out.filter((r) => r.status === 'published'),
    relations_in: found.relations_in.filter((r) => r.status === 'published'),
  };
  const head = itemMeta(p, publicOrigin(c), tr.lang);
  const banner = (
    <p class="notice preview" role="status">
      <strong>{tr.t('preview.title')}</strong> {tr.t('preview.text', { status: tr.t(`admin.status.${p.status}`) })}{' '}
      <a href={href(tr.lang, `/admin/publications/${p.slug}`)}>{tr.t('preview.edit')}</a>
    </p>
  );
  return c.html(
    <PublicationPage
      meta={{ ...pageMeta(c), head, noindex: true }}
      p={p}
      preview={banner}
      cite={await citeBox(c, p)}
    />,
  );
}

/** The citation in the style of the reader's language (stored with the record: src/cite/stored.ts). */
async function citationText(c: Ctx, p: PublicationDetail): Promise<string> {
  const lang = c.var.tr.lang;
  return (await citationOf(c.var.deps.db, p, publicOrigin(c), lang, boxFormat(lang), today())).trim();
}

/** The Cite box of the item page. */
const citeBox = async (c: Ctx, p: PublicationDetail) =>
  CiteBox({ tr: c.var.tr, slug: p.slug, style: boxFormat(c.var.tr.lang), text: await citationText(c, p) });
