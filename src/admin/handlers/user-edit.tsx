// GET /admin/users/:id — an account's form.
import { canManageUsers } from '../../policies.ts';
import { userById } from '../../store/users.ts';
import { pageMeta } from '../../http/context.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { UserFormPage } from '../views/users.tsx';

export async function userEdit(c: StaffCtx) {
  allow(canManageUsers(actorOf(c)));
  const user = await userById(c.var.deps.db, Number(c.req.param('id')) || 0);
  if (!user) throw notFound();
  return c.html(
    <UserFormPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      form={{ ...user, name: user.name ?? '' }}
      errors={[]}
      user={user}
      notice={!!c.req.query('saved')}
    />,
  );
}
