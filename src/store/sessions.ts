// Staff sessions: the cookie holds a random token, the table its sha256, so a copy of the table lets no one in.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import type { User } from './users.ts';

export interface Session {
  idHash: string;
  csrfToken: string;
  user: User;
  /** True when this request extended the session (the cookie is then sent again with a new lifetime). */
  extended: boolean;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session for the user; returns the token for the cookie. Expired sessions are cleared on the way. */
export async function createSession(db: Db, userId: number, days: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('delete from sessions where expires_at < now()');
  await db.query(
    `insert into sessions (id_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + $4 * interval '1 day')`,
    [tokenHash(token), userId, randomBytes(24).toString('base64url'), days],
  );
  return token;
}

/**
 * The live session with this token and its (enabled) user, or null. Use extends it to `days` from now,
 * written at most once a minute so that browsing does not write on every page.
 */
export async function sessionByToken(db: Db, token: string, days: number): Promise<Session | null> {
  const row = await db.one<{
    id_hash: string;
    csrf_token: string;
    stale: boolean;
    id: number;
    email: string;
    name: string | null;
    role: User['role'];
    disabled: boolean;
    created_at: Date;
  }>(
    `select s.id_hash, s.csrf_token, s.last_seen_at < now() - interval '1 minute' as stale,
            u.id, u.email, u.name, u.role, u.disabled, u.created_at
       from sessions s join users u on u.id = s.user_id
      where s.id_hash = $1 and s.expires_at > now() and not u.disabled`,
    [tokenHash(token)],
  );
  if (!row) return null;
  if (row.stale) {
    await db.query(
      `update sessions set last_seen_at = now(), expires_at = now() + $2 * interval '1 day' where id_hash = $1`,
      [row.id_hash, days],
    );
  }
  const { id_hash, csrf_token, stale, ...user } = row;
  return { idHash: id_hash, csrfToken: csrf_token, user, extended: stale };
}

/** Ends one session. */
export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.query('delete from sessions where id_hash = $1', [idHash]);
}

/** Ends every session of a user ("log out everywhere", a new password, a disabled account). */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  return (await db.query('delete from sessions where user_id = $1 returning 1', [userId])).length;
}
