// POST /admin/users/:id/link — a new one-time link to choose a password (a forgotten one, say).
import { setupLink } from '../../auth/setup-link.ts';
import { canManageUsers } from '../../policies.ts';
import { userById } from '../../store/users.ts';
import { pageMeta, publicOrigin } from '../../http/context.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { SetupLinkPage } from '../views/users.tsx';

export async function userLink(c: StaffCtx) {
  allow(canManageUsers(actorOf(c)));
  const user = await userById(c.var.deps.db, Number(c.req.param('id')) || 0);
  if (!user) throw notFound();
  const ctx = appCtx(c);
  const link = await setupLink(c.var.deps.db, user.id, publicOrigin(ctx));
  return c.html(<SetupLinkPage meta={pageMeta(ctx)} session={c.var.session} user={user} link={link} created={false} />);
}
