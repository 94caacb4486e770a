// GET /publications/:slug/files/:id/pages/:page — read a PDF page by page: the page as an image sized to the
// screen, its text as HTML beside it (selectable, read aloud, translated by the browser), previous/next, go to a
// page, and search inside the file with the words marked. The same reader rule as a download (src/visibility.ts).
import { z } from 'zod';
import { type Ctx, pageMeta } from '../../http/context.ts';
import { badParams, notFound } from '../../http/errors.tsx';
import { markQuery, turkicSnippet } from '../../search/snippet.ts';
import { readableFile } from '../../store/files.ts';
import { publicationBySlug } from '../../store/publications.ts';
import { readerPage } from '../../store/reader.ts';
import { compileQuery, matchingPages } from '../../store/search.ts';
import { href, qs } from '../../views/href.ts';
import { ReaderPageView } from '../../views/reader.tsx';
import { readablePublication } from '../../visibility.ts';

const params = z.object({
  slug: z.string().max(200),
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  page: z.coerce.number().int().min(1).max(100_000),
});
const query = z.object({
  q: z.string().trim().max(200).optional(),
  // The go-to-page form (a form cannot set a path): answered with 303 to that page.
  goto: z.coerce.number().int().min(1).max(100_000).optional(),
});

export async function readerPageHandler(c: Ctx) {
  const p = params.safeParse(c.req.param());
  if (!p.success) throw badParams(p.error);
  const q = query.safeParse(c.req.query());
  if (!q.success) throw badParams(q.error);
  if (q.data.goto !== undefined) {
    const to = `/publications/${p.data.slug}/files/${p.data.id}/pages/${q.data.goto}`;
    return c.redirect(href(c.var.tr.lang, to) + qs({ q: q.data.q || undefined }), 303);
  }
  const { db } = c.var.deps;
  const pub = readablePublication(await publicationBySlug(db, p.data.slug), c.var.tr.lang);
  const file = await readableFile(db, p.data.slug, p.data.id);
  if (!file || file.media_type !== 'application/pdf' || !file.pages || p.data.page > file.pages) throw notFound();
  const words = q.data.q || null;
  const compiled = words ? await compileQuery(db, words) : null;
  const marking = compiled?.textQuery ? markQuery(compiled.textQuery) : null;
  const page = await readerPage(db, file.id, p.data.page, marking);
  if (page && marking && (page.language === 'kk' || page.language === 'ky')) {
    page.marked = turkicSnippet(page.text, page.language, compiled!.textQuery!, 100_000);
  }
  const hits = compiled ? (await matchingPages(db, pub.id, compiled, 500)).filter((h) => h.file_id === file.id) : [];
  const title = c.var.tr.pick(pub.title, pub.original_language)!.text;
  return c.html(
    <ReaderPageView
      meta={pageMeta(c)}
      slug={pub.slug}
      title={title}
      file={file}
      page={p.data.page}
      text={page}
      q={words}
      hits={hits}
    />,
  );
}
