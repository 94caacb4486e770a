// GET and POST /admin/publications/:slug/delete — asks, then deletes a draft (issue 18). The deletion is kept for
// 30 days on /admin/deleted, where an admin can undo it.
import { originalLanguageOf } from '../../domain/publication.ts';
import { canDeletePublication } from '../../policies.ts';
import { publicationInputById } from '../../store/snapshots.ts';
import { filesOfPublication } from '../../store/file-versions.ts';
import { deletePublication } from '../../store/deleted.ts';
import { href } from '../../views/href.ts';
import { pageMeta } from '../../http/context.ts';
import { requirePublication } from '../edit-page.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { DeletePublicationPage } from '../views/deleted.tsx';

export async function publicationDeleteConfirm(c: StaffCtx) {
  const pub = await requirePublication(c);
  allow(canDeletePublication(actorOf(c), pub.status));
  const db = c.var.deps.db;
  const input = (await publicationInputById(db, pub.id))!;
  const files = await filesOfPublication(db, pub.id);
  return c.html(
    <DeletePublicationPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      slug={pub.slug}
      title={input.title}
      original={originalLanguageOf(input)}
      files={files.length}
    />,
  );
}

export async function publicationDelete(c: StaffCtx) {
  const pub = await requirePublication(c);
  const actor = actorOf(c);
  allow(canDeletePublication(actor, pub.status));
  await deletePublication(c.var.deps.db, pub.id, actor.id);
  return c.redirect(href(c.var.tr.lang, '/admin/deleted?deleted=1'), 303);
}
