// GET /publications/:slug/files/:id/pages/:n.webp?w=WIDTH — one page of a PDF a reader may download, drawn
// `w` pixels wide (rounded up to a multiple of 100, 100–2400; 800 when not given) as WebP, for a page
// reader. Who may see it is exactly who may download the file (the same check as http/download.ts).
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { ingestLimits } from '../ingest/jobs.ts';
import { PageImages, pageImageWidth } from '../ingest/page-images.ts';
import { readableFile } from '../store/files.ts';
import type { Ctx } from '../http/context.ts';
import { badParams, notFound } from '../http/errors.tsx';

const params = z.object({
  slug: z.string().max(200),
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}\.webp$/)
    .transform((s) => Number(s.slice(0, -5))),
});
const query = z.object({ w: z.coerce.number().int().min(1).max(10_000).optional() });

const caches = new Map<string, PageImages>();
const cacheOf = (config: Config) => {
  const dir = path.join(path.dirname(config.filesDir), 'page-images');
  let cache = caches.get(dir);
  if (!cache) caches.set(dir, (cache = new PageImages(dir, config.PAGE_IMAGE_CACHE_MB * 1024 * 1024)));
  return cache;
};

export async function pageImage(c: Ctx) {
  const p = params.safeParse(c.req.param());
  if (!p.success) throw badParams(p.error);
  const q = query.safeParse(c.req.query());
  if (!q.success) throw badParams(q.error);
  const { db, files, config } = c.var.deps;
  // The same rule as a download (src/visibility.ts): a readable file of a publication readers see.
  const file = await readableFile(db, p.data.slug, p.data.id);
  if (!file || file.media_type !== 'application/pdf' || !(await files.exists(file.sha256))) throw notFound();
  if (file.pages !== null && p.data.page > file.pages) throw notFound();
  const width = pageImageWidth(q.data.w ?? 800);
  const etag = `"${file.sha256}-${p.data.page}-${width}"`;
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304, { ETag: etag });
  const image = await cacheOf(config).image(
    file.sha256,
    () => files.localCopy(file.sha256, { keep: true }),
    p.data.page,
    width,
    {
      ...ingestLimits(config),
      timeoutMs: 30_000,
    },
  );
  if (!image) throw notFound();
  return c.body(new Uint8Array(image), 200, {
    'Content-Type': 'image/webp',
    ETag: etag,
    'Cache-Control': 'public, max-age=86400',
    'X-Content-Type-Options': 'nosniff',
  });
}
