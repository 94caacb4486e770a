// GET /admin/publications/:slug/files/:id — any version of a file, embargoed or not, for staff who may
// change the publication's files (policies.ts canDownloadAnyFileVersion).
import { Readable } from 'node:stream';
import { staffFile } from '../../store/file-versions.ts';
import { contentDisposition } from '../../http/download.ts';
import { notFound } from '../../http/errors.tsx';
import { requirePublication } from '../edit-page.tsx';
import type { Status } from '../../domain/publication.ts';
import { canDownloadAnyFileVersion } from '../../policies.ts';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function fileDownload(c: StaffCtx) {
  const pub = await requirePublication(c);
  allow(canDownloadAnyFileVersion(actorOf(c), pub.status as Status));
  const { db, files } = c.var.deps;
  const file = await staffFile(db, pub.id, Number(c.req.param('id')) || 0);
  const body = file && (await files.read(file.sha256));
  if (!file || !body) throw notFound();
  return c.body(Readable.toWeb(body) as ReadableStream, 200, {
    'Content-Type': file.media_type,
    'Content-Disposition': contentDisposition(file.original_name),
    'Content-Length': String(file.size),
    'X-Content-Type-Options': 'nosniff',
  });
}
