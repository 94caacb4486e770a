import { boxStyle, CiteBox } from '../../cite/box.tsx';
import { cslItem } from '../../cite/csl.ts';
import { formatCitation } from '../../cite/format.ts';
import { currentSession } from '../../auth/session.ts';
import { publicationBySlug } from '../../store/publications.ts';
import { href } from '../../views/href.ts';
import { ItemMeta } from '../../views/meta.tsx';
import { PublicationPage } from '../../views/publication.tsx';
import { type Ctx, pageMeta, publicOrigin } from '../../http/context.ts';
import { HttpError, notFound } from '../../http/errors.tsx';

/**
 * The item page; drafts are not public (404), a withdrawn publication leaves a tombstone (410). Logged-in
 * staff see any of them at the same address as a preview (issue 18): marked, noindex, never cached.
 */
export async function publication(c: Ctx) {
  const p = await publicationBySlug(c.var.deps.db, c.req.param('slug')!);
  if (!p) throw notFound();
  const preview = p.status !== 'published' && (await currentSession(c)) !== null;
  if (preview) {
    c.header('Cache-Control', 'private, no-store');
    c.header('X-Robots-Tag', 'noindex');
  }
  if (!preview && (p.status === 'draft' || p.status === 'in_review')) throw notFound();
  if (!preview && p.status === 'withdrawn') {
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
  const banner = preview && (
    <p class="notice preview" role="status">
      <strong>{tr.t('preview.title')}</strong> {tr.t('preview.text', { status: tr.t(`admin.status.${p.status}`) })}{' '}
      <a href={href(tr.lang, `/admin/publications/${p.slug}`)}>{tr.t('preview.edit')}</a>
    </p>
  );
  return c.html(<PublicationPage meta={{ ...pageMeta(c), head, noindex: preview || undefined }} p={visible} preview={banner || undefined} cite={<CiteBox tr={tr} slug={p.slug} style={style} text={citation} />} />);
}
