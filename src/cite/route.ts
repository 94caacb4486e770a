// GET /publications/{slug}/cite?format=… (also under /ru and /kk: the prefix sets the citation's
// language): one publication cited in one format, as text for a reference manager or a bibliography.
import { publicationBySlug } from '../store/publications.ts';
import { type Ctx, publicOrigin } from '../http/context.ts';
import { HttpError, notFound } from '../http/errors.tsx';
import { cslItem } from './csl.ts';
import { CITATION_FORMATS, formatCitation, isCitationFormat } from './format.ts';

export async function citation(c: Ctx) {
  const format = c.req.query('format');
  if (!isCitationFormat(format)) {
    throw new HttpError(400, 'bad_format', 'error.cite_format', { format: format ?? '', formats: CITATION_FORMATS.join(', ') });
  }
  const p = await publicationBySlug(c.var.deps.db, c.req.param('slug')!);
  if (!p || p.status === 'draft' || p.status === 'in_review') throw notFound();
  if (p.status === 'withdrawn') throw new HttpError(410, 'withdrawn', 'error.withdrawn_text');
  const lang = c.var.tr.lang;
  const out = formatCitation(cslItem(p, `${publicOrigin(c)}/publications/${p.slug}`, lang), format, lang);
  return c.body(out.body, 200, { 'Content-Type': out.contentType, 'Content-Disposition': `inline; filename="${p.slug}.${out.extension}"` });
}
