// GET /admin/users — every staff account (admins only).
import { canManageUsers } from '../../policies.ts';
import { users } from '../../store/users.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { UsersPage } from '../views/users.tsx';

export async function usersList(c: StaffCtx) {
  allow(canManageUsers(actorOf(c)));
  return c.html(<UsersPage meta={pageMeta(appCtx(c))} session={c.var.session} users={await users(c.var.deps.db)} />);
}
