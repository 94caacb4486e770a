// POST /admin/users — a new account without a password, and the one-time link to choose one.
// The link is shown once, on this answer (200), and never stored: only its hash is.
import { setupLink } from '../../auth/setup-link.ts';
import { canManageUsers } from '../../policies.ts';
import { createUser } from '../../store/users.ts';
import { pageMeta, publicOrigin } from '../../http/context.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { checkUserForm, readUserForm } from '../user-form.ts';
import { SetupLinkPage, UserFormPage } from '../views/users.tsx';

export async function userCreate(c: StaffCtx) {
  allow(canManageUsers(actorOf(c)));
  const ctx = appCtx(c);
  const form = readUserForm(await c.req.parseBody());
  const checked = checkUserForm({ ...form, disabled: false });
  const created = checked.ok ? await createUser(c.var.deps.db, checked.value) : null;
  if (!created) {
    const errors = checked.ok ? [{ field: 'email', key: 'users.email_taken' as const }] : checked.errors;
    return c.html(
      <UserFormPage meta={pageMeta(ctx)} session={c.var.session} form={form} errors={errors} user={null} />,
      422,
    );
  }
  const link = await setupLink(c.var.deps.db, created.id, publicOrigin(ctx));
  return c.html(<SetupLinkPage meta={pageMeta(ctx)} session={c.var.session} user={created} link={link} created />);
}
