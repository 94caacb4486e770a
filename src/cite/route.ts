// GET /publications/{slug}/cite?format=… (also under /ru and /kk: the prefix picks the edition a reader
// cites, the Russian title on /ru when there is one): one publication cited in one format.
import { publicationBySlug } from '../store/publications.ts';
import { type Ctx, publicOrigin } from '../http/context.ts';
import { HttpError } from '../http/errors.tsx';
import { readablePublication } from '../visibility.ts';
import { CITATION_FORMATS, formatCitation, isCitationFormat, isStyled, TEXT } from './format.ts';
import { citationOf } from './stored.ts';
import { referenceOf } from './reference.ts';

/** Today as YYYY-MM-DD (UTC): the access date a citation made now carries. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function citation(c: Ctx) {
  const format = c.req.query('format');
  if (!isCitationFormat(format)) {
    throw new HttpError(400, 'bad_format', 'error.cite_format', {
      format: format ?? '',
      formats: CITATION_FORMATS.join(', '),
    });
  }
  const p = readablePublication(await publicationBySlug(c.var.deps.db, c.req.param('slug')!), c.var.tr.lang);
  const [origin, lang] = [publicOrigin(c), c.var.tr.lang];
  // citeproc's formats come from the citations stored with the record (src/cite/stored.ts).
  const out = isStyled(format)
    ? { body: await citationOf(c.var.deps.db, p, origin, lang, format, today()), contentType: TEXT, extension: 'txt' }
    : formatCitation(referenceOf(p, origin, lang), format, today());
  return c.body(out.body, 200, {
    'Content-Type': out.contentType,
    'Content-Disposition': `inline; filename="${p.slug}.${out.extension}"`,
  });
}
