// GET and POST /setup/:token — a new account (or one whose password was forgotten) chooses a password
// through its one-time link. Success ends the account's other sessions and starts a new one.
import { consumeSetupToken, setupTokenUser } from '../store/setup-tokens.ts';
import { deleteUserSessions } from '../store/sessions.ts';
import { setPasswordHash, userById } from '../store/users.ts';
import { href } from '../views/href.ts';
import { pageMeta, type Ctx } from '../http/context.ts';
import { HttpError } from '../http/errors.tsx';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from './password.ts';
import { startSession } from './session.ts';
import { SetupPage } from './views.tsx';

async function accountOfLink(c: Ctx) {
  const token = c.req.param('token') ?? '';
  const userId = token.length <= 100 ? await setupTokenUser(c.var.deps.db, token) : null;
  const user = userId ? await userById(c.var.deps.db, userId) : null;
  if (!user) throw new HttpError(410, 'link_expired', 'setup.expired');
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return { token, user, action: href(c.var.tr.lang, `/setup/${token}`) };
}

export async function setupShow(c: Ctx) {
  const { user, action } = await accountOfLink(c);
  return c.html(<SetupPage meta={pageMeta(c)} email={user.email} action={action} message={null} />);
}

export async function setupSave(c: Ctx) {
  const { token, user, action } = await accountOfLink(c);
  const body = await c.req.parseBody();
  const password = typeof body.password === 'string' ? body.password : '';
  const problem =
    password.length < PASSWORD_MIN
      ? 'setup.too_short'
      : password.length > PASSWORD_MAX
        ? 'setup.too_long'
        : password !== body.confirm
          ? 'setup.mismatch'
          : null;
  if (problem)
    return c.html(
      <SetupPage
        meta={pageMeta(c)}
        email={user.email}
        action={action}
        message={c.var.tr.t(problem, { min: PASSWORD_MIN, max: PASSWORD_MAX })}
      />,
      422,
    );
  const db = c.var.deps.db;
  // The link is used up before anything changes: of several requests at once, only one sets a password.
  if ((await consumeSetupToken(db, token)) !== user.id) throw new HttpError(410, 'link_expired', 'setup.expired');
  await setPasswordHash(db, user.id, await hashPassword(password, c.var.deps.config.SCRYPT_COST));
  await deleteUserSessions(db, user.id);
  await startSession(c, user.id);
  return c.redirect(href(c.var.tr.lang, '/admin'), 303);
}
