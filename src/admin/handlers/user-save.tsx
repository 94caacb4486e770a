// POST /admin/users/:id — name, role, disabled. A disabled account's sessions end at once;
// the last enabled admin can be neither demoted nor disabled.
import { canManageUsers } from '../../policies.ts';
import { deleteUserSessions } from '../../store/sessions.ts';
import { activeAdminCount, updateUser, userById } from '../../store/users.ts';
import { href } from '../../views/href.ts';
import { pageMeta } from '../../http/context.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { checkUserForm, readUserForm } from '../user-form.ts';
import { UserFormPage } from '../views/users.tsx';

export async function userSave(c: StaffCtx) {
  allow(canManageUsers(actorOf(c)));
  const db = c.var.deps.db;
  const user = await userById(db, Number(c.req.param('id')) || 0);
  if (!user) throw notFound();
  const form = { ...readUserForm(await c.req.parseBody()), email: user.email };
  const checked = checkUserForm(form);
  const lastAdmin =
    checked.ok &&
    user.role === 'admin' &&
    !user.disabled &&
    (checked.value.role !== 'admin' || checked.value.disabled) &&
    (await activeAdminCount(db)) <= 1;
  if (!checked.ok || lastAdmin) {
    const errors = checked.ok ? [{ field: 'role', key: 'users.last_admin' as const }] : checked.errors;
    return c.html(
      <UserFormPage meta={pageMeta(appCtx(c))} session={c.var.session} form={form} errors={errors} user={user} />,
      422,
    );
  }
  await updateUser(db, user.id, checked.value);
  if (checked.value.disabled) await deleteUserSessions(db, user.id);
  return c.redirect(href(c.var.tr.lang, `/admin/users/${user.id}?saved=1`), 303);
}
