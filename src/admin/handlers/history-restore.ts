// POST /admin/publications/:slug/history/:id/restore — writes an old version back through the one
// write path; the restore is itself a new change. Files are not touched: their versions all stay.
import { publicationInput } from '../../domain/publication.ts';
import { changePublication } from '../../history/record.ts';
import { canRestoreVersion } from '../../policies.ts';
import { changeById } from '../../store/history.ts';
import { replacePublication } from '../../store/publications.ts';
import { href } from '../../views/href.ts';
import { notFound } from '../../http/errors.tsx';
import { requirePublication } from '../edit-page.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function historyRestore(c: StaffCtx) {
  const pub = await requirePublication(c);
  const db = c.var.deps.db;
  const change = await changeById(db, pub.id, Number(c.req.param('id')) || 0);
  if (!change) throw notFound();
  // Parsed again: a snapshot from an older schema gets today's defaults.
  const input = { ...publicationInput.parse(change.snapshot), slug: pub.slug };
  allow(canRestoreVersion(actorOf(c), pub.status, input.status));
  await changePublication(
    db,
    pub.id,
    actorOf(c).id,
    'restored',
    (t) => replacePublication(t, pub.id, input),
    `#${change.id}`,
  );
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${pub.slug}/history`), 303);
}
