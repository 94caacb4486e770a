// API tokens: a program acts as the staff member who made the token. The token is random and shown
// once; the table keeps its sha256 (as for sessions), its name, when it was made, last used and revoked.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { tokenHash } from './sessions.ts';
import type { User } from './users.ts';

/** The prefix of every token: it tells a reader (and a secret scanner) what the string is. */
export const TOKEN_PREFIX = 'kitap_';

export interface ApiToken {
  id: number;
  user_id: number;
  email: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  /** active, revoked, expired, or disabled (its account may not log in). */
  state: 'active' | 'revoked' | 'expired' | 'disabled';
}

const COLUMNS = `t.id, t.user_id, u.email, t.name, t.created_at, t.last_used_at, t.expires_at, t.revoked_at,
  case when t.revoked_at is not null then 'revoked' when t.expires_at <= now() then 'expired'
       when u.disabled then 'disabled' else 'active' end as state`;

/** Makes a token for the user, valid `days` days (or until revoked when null); returns its row and the token itself. */
export async function createApiToken(
  db: Db,
  userId: number,
  name: string,
  days: number | null,
): Promise<{ token: string; row: ApiToken }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const { id } = (await db.one<{ id: number }>(
    `insert into api_tokens (user_id, name, token_hash, expires_at)
     values ($1, $2, $3, case when $4::int is null then null else now() + $4::int * interval '1 day' end) returning id`,
    [userId, name, tokenHash(token), days],
  ))!;
  return { token, row: (await apiTokenById(db, id))! };
}

/** The token with this id, or null. */
export async function apiTokenById(db: Db, id: number): Promise<ApiToken | null> {
  return db.one(`select ${COLUMNS} from api_tokens t join users u on u.id = t.user_id where t.id = $1`, [id]);
}

/** Tokens, newest first: of one user, or of everyone when userId is null. */
export async function apiTokens(db: Db, userId: number | null): Promise<ApiToken[]> {
  return db.query(
    `select ${COLUMNS} from api_tokens t join users u on u.id = t.user_id where $1::int is null or t.user_id = $1 order by t.id desc`,
    [userId],
  );
}

/**
 * Revokes a token — only one of ownerId's when ownerId is given; returns false when there is no such
 * live token. Revoking is final: a revoked token is never valid again.
 */
export async function revokeApiToken(db: Db, id: number, ownerId: number | null): Promise<boolean> {
  const rows = await db.query(
    'update api_tokens set revoked_at = now() where id = $1 and ($2::int is null or user_id = $2) and revoked_at is null returning 1',
    [id, ownerId],
  );
  return rows.length > 0;
}

/** A user acting through one of their API tokens: the history names the token beside the user. */
export type TokenUser = User & { token_id: number };

/**
 * The enabled user a live token (not revoked, not expired) belongs to, with the token's id, or null. Notes
 * the use, at most once a minute, so that a busy program does not write on every request.
 */
export async function userByApiToken(db: Db, token: string): Promise<TokenUser | null> {
  const row = await db.one<User & { token_id: number; stale: boolean }>(
    `select t.id as token_id, coalesce(t.last_used_at < now() - interval '1 minute', true) as stale,
            u.id, u.email, u.name, u.role, u.disabled, u.created_at
       from api_tokens t join users u on u.id = t.user_id
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now()) and not u.disabled`,
    [tokenHash(token)],
  );
  if (!row) return null;
  if (row.stale) await db.query('update api_tokens set last_used_at = now() where id = $1', [row.token_id]);
  const { stale, ...user } = row;
  return user;
}
