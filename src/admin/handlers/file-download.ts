// GET /admin/publications/:slug/files/:id — any version of a file, embargoed or not, for staff.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { staffFile } from '../../store/file-versions.ts';
import { contentDisposition } from '../../http/download.ts';
import { notFound } from '../../http/errors.tsx';
import { requirePublication } from '../edit-page.tsx';
import type { StaffCtx } from '../guard.ts';

export async function fileDownload(c: StaffCtx) {
  const pub = await requirePublication(c);
  const { db, files } = c.var.deps;
  const file = await staffFile(db, pub.id, Number(c.req.param('id')) || 0);
  if (!file || !files.has(file.sha256)) throw notFound();
  return c.body(Readable.toWeb(fs.createReadStream(files.pathOf(file.sha256))) as ReadableStream, 200, {
    'Content-Type': file.media_type,
    'Content-Disposition': contentDisposition(file.original_name),
    'Content-Length': String(file.size),
    'X-Content-Type-Options': 'nosniff',
  });
}
