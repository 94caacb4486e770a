// POST /logout — ends this session; POST /logout/everywhere — ends every session of the account.
// Both need the session's CSRF token: a forged logout is a nuisance we need not allow.
import { deleteUserSessions } from '../store/sessions.ts';
import { href } from '../views/href.ts';
import type { Ctx } from '../http/context.ts';
import { CSRF_FIELD, validCsrfToken } from './csrf.ts';
import { forbidden } from '../http/errors.tsx';
import { currentSession, endSession } from './session.ts';

function logout(everywhere: boolean) {
  return async (c: Ctx) => {
    const session = await currentSession(c);
    if (session) {
      if (!validCsrfToken(session, (await c.req.parseBody())[CSRF_FIELD])) throw forbidden();
      if (everywhere) await deleteUserSessions(c.var.deps.db, session.user.id);
    }
    await endSession(c, session);
    return c.redirect(href(c.var.tr.lang, '/login'), 303);
  };
}

export const logoutHere = logout(false);
export const logoutEverywhere = logout(true);
