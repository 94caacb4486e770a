// GET /publications/{slug}/cite?format=… (also under /ru and /kk: the prefix sets the citation's
// language): one publication cited in one format, as text for a reference manager or a bibliography.
import { publicationBySlug } from '../store/publications.ts';
import { type Ctx, publicOrigin } from '../http/context.ts';
import { HttpError } from '../http/errors.tsx';
import { readablePublication } from '../visibility.ts';
import { cslItem } from './csl.ts';
import { CITATION_FORMATS, formatCitation, isCitationFormat } from './format.ts';

export async function citation(c: Ctx) {
  const format = c.req.query('format');
  if (!isCitationFormat(format)) {
    throw new HttpError(400, 'bad_format', 'error.cite_format', { format: format ?? '', formats: CITATION_FORMATS.join(', ') });
  }
  const p = readablePublication(await publicationBySlug(c.var.deps.db, c.req.param('slug')!));
  const lang = c.var.tr.lang;
  const out = formatCitation(cslItem(p, `${publicOrigin(c)}/publications/${p.slug}`, lang), format, lang);
  return c.body(out.body, 200, { 'Content-Type': out.contentType, 'Content-Disposition': `inline; filename="${p.slug}.${out.extension}"` });
}
