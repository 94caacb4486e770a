// POST /admin/publications/:slug/files/:id/remove — removes one version of a file (issue 18), recorded in the history.
import { changePublication } from '../../history/record.ts';
import { canEditPublication } from '../../policies.ts';
import { removeFileVersion, staffFile } from '../../store/file-versions.ts';
import { href } from '../../views/href.ts';
import { notFound } from '../../http/errors.tsx';
import { requirePublication } from '../edit-page.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function fileRemove(c: StaffCtx) {
  const pub = await requirePublication(c);
  const actor = actorOf(c);
  allow(canEditPublication(actor, pub.status));
  const db = c.var.deps.db;
  const file = await staffFile(db, pub.id, Number(c.req.param('id')) || 0);
  if (!file) throw notFound();
  await changePublication(
    db,
    pub.id,
    actor.id,
    'files',
    (t) => removeFileVersion(t, pub.id, file.id),
    `removed ${file.original_name}`,
  );
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${pub.slug}?saved=1#files-h`), 303);
}
