// GET /covers/:sha256.webp — a cover thumbnail from the file store; content-addressed, so cached forever.
import fs from 'node:fs';
import type { Ctx } from '../http/context.ts';
import { notFound } from '../http/errors.tsx';

export async function coverImage(c: Ctx) {
  const sha = /^([0-9a-f]{64})\.webp$/.exec(c.req.param('name') ?? '')?.[1];
  if (!sha) throw notFound();
  const { db, files } = c.var.deps;
  // Only a cover some file row names is served: the store's other blobs are not images.
  if (!files.has(sha) || !(await db.one('select 1 from files where cover_sha256 = $1 limit 1', [sha]))) throw notFound();
  return c.body(fs.readFileSync(files.pathOf(sha)), 200, { 'Content-Type': 'image/webp', 'Cache-Control': 'public, max-age=31536000, immutable' });
}
