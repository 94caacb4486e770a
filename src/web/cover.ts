// GET /covers/:sha256.webp — a cover thumbnail from the file store; content-addressed, so cached forever.
import fs from 'node:fs';
import type { Ctx } from '../http/context.ts';
import { notFound } from '../http/errors.tsx';
import { isReadableCover } from '../store/files.ts';

export async function coverImage(c: Ctx) {
  const sha = /^([0-9a-f]{64})\.webp$/.exec(c.req.param('name') ?? '')?.[1];
  if (!sha) throw notFound();
  const { db, files } = c.var.deps;
  // Only the cover of a file readers may see: not of a draft's, an embargoed or a replaced file (nor any other blob).
  if (!files.has(sha) || !(await isReadableCover(db, sha))) throw notFound();
  return c.body(fs.readFileSync(files.pathOf(sha)), 200, { 'Content-Type': 'image/webp', 'Cache-Control': 'public, max-age=31536000, immutable' });
}
