// GET /admin/publications/:slug — the staff page of a publication.
import { renderEditPage, requirePublication } from '../edit-page.tsx';
import type { StaffCtx } from '../guard.ts';

export async function publicationEdit(c: StaffCtx) {
  const pub = await requirePublication(c);
  const notice = c.req.query('queued') ? 'ingest.queued' : c.req.query('saved') ? 'admin.saved' : undefined;
  return renderEditPage(c, pub, { notice });
}
