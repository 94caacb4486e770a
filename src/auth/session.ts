// The session cookie: HttpOnly, SameSite=Lax, Secure over TLS; its token names a row of the sessions table.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createSession, deleteSession, sessionByToken, type Session } from '../store/sessions.ts';
import type { AppEnv, Ctx } from '../http/context.ts';
import { overTls } from './address.ts';

export const SESSION_COOKIE = 'kitap_session';

/** The variables of routes that know who is asking: the session, null for a visitor. */
export type StaffEnv = { Variables: AppEnv['Variables'] & { session: Session } };

/** The session of this request, or null: no cookie, an unknown or expired token, a disabled account. */
export async function currentSession(c: Ctx): Promise<Session | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  const session = await sessionByToken(c.var.deps.db, token, c.var.deps.config.SESSION_DAYS);
  if (session?.extended) setSessionCookie(c, token);
  return session;
}

/** The cookie lives as long as the session row: SESSION_DAYS from the last use. */
function setSessionCookie(c: Ctx, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: overTls(c),
    maxAge: Math.round(c.var.deps.config.SESSION_DAYS * 86400),
  });
}

/** Starts a session for the user and sets its cookie (a new token at every login: no session fixation). */
export async function startSession(c: Ctx, userId: number): Promise<void> {
  setSessionCookie(c, await createSession(c.var.deps.db, userId, c.var.deps.config.SESSION_DAYS));
}

/** Ends this request's session, if any, and removes the cookie. */
export async function endSession(c: Ctx, session: Session | null): Promise<void> {
  if (session) await deleteSession(c.var.deps.db, session.idHash);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: overTls(c) });
}
