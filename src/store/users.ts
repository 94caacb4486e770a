// Staff accounts: found by address or id, listed, created, changed. Addresses are kept lower-cased.
import type { Db } from '../db/db.ts';
import type { Role } from '../domain/roles.ts';

export interface User {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  created_at: Date;
}

const COLUMNS = 'id, email, name, role, disabled, created_at';

/** The account with this address (any case) and its password hash, or null. */
export async function userWithHashByEmail(
  db: Db,
  email: string,
): Promise<(User & { password_hash: string | null }) | null> {
  return db.one(`select ${COLUMNS}, password_hash from users where email = lower($1)`, [email.trim()]);
}

/** The account with this id, or null. */
export async function userById(db: Db, id: number): Promise<User | null> {
  return db.one(`select ${COLUMNS} from users where id = $1`, [id]);
}

/** Every account, by address. */
export async function users(db: Db): Promise<User[]> {
  return db.query(`select ${COLUMNS} from users order by email`);
}

/** Creates an account; null when the address is taken. */
export async function createUser(
  db: Db,
  u: { email: string; role: Role; name?: string | null; passwordHash?: string | null },
): Promise<User | null> {
  return db.one(
    `insert into users (email, role, name, password_hash) values (lower($1), $2, $3, $4)
     on conflict (email) do nothing returning ${COLUMNS}`,
    [u.email.trim(), u.role, u.name ?? null, u.passwordHash ?? null],
  );
}

/** Changes an account's name, role and whether it may log in. */
export async function updateUser(
  db: Db,
  id: number,
  u: { name: string | null; role: Role; disabled: boolean },
): Promise<void> {
  await db.query('update users set name = $2, role = $3, disabled = $4, updated_at = now() where id = $1', [
    id,
    u.name,
    u.role,
    u.disabled,
  ]);
}

/** Sets an account's password hash. */
export async function setPasswordHash(db: Db, id: number, hash: string): Promise<void> {
  await db.query('update users set password_hash = $2, updated_at = now() where id = $1', [id, hash]);
}

/** How many enabled admins there are: the last one may not be demoted or disabled. */
export async function activeAdminCount(db: Db): Promise<number> {
  return (await db.one<{ n: number }>("select count(*)::int as n from users where role = 'admin' and not disabled"))!.n;
}
