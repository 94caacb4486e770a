// One-time links for choosing a password: the link carries a random token, the table its sha256.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { tokenHash } from './sessions.ts';

/** A new setup token for the user, valid for `hours`; earlier ones of the same user stop working. */
export async function createSetupToken(db: Db, userId: number, hours: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('delete from user_setup_tokens where user_id = $1 or expires_at < now()', [userId]);
  await db.query(
    `insert into user_setup_tokens (token_hash, user_id, expires_at) values ($1, $2, now() + $3 * interval '1 hour')`,
    [tokenHash(token), userId, hours],
  );
  return token;
}

/** The id of the (enabled) user a live token belongs to, or null. */
export async function setupTokenUser(db: Db, token: string): Promise<number | null> {
  const row = await db.one<{ user_id: number }>(
    `select t.user_id from user_setup_tokens t join users u on u.id = t.user_id
      where t.token_hash = $1 and t.expires_at > now() and not u.disabled`,
    [tokenHash(token)],
  );
  return row?.user_id ?? null;
}

/** Uses up a live token in one statement and returns its user's id, or null: of requests that arrive together, one gets it. */
export async function consumeSetupToken(db: Db, token: string): Promise<number | null> {
  const row = await db.one<{ user_id: number }>(
    `delete from user_setup_tokens t using users u
      where t.token_hash = $1 and t.expires_at > now() and u.id = t.user_id and not u.disabled
      returning t.user_id`,
    [tokenHash(token)],
  );
  return row?.user_id ?? null;
}
