// GET /admin/users/new — the form for a new account.
import { canManageUsers } from '../../policies.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { UserFormPage } from '../views/users.tsx';

export async function userNew(c: StaffCtx) {
  allow(canManageUsers(actorOf(c)));
  return c.html(
    <UserFormPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      form={{ email: '', name: '', role: 'contributor', disabled: false }}
      errors={[]}
      user={null}
    />,
  );
}
