// Password hashes with node's scrypt: "scrypt$N$r$p$salt$hash", so a later change of cost still reads old hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_BYTES = 32;
const R = 8;
const P = 1;
/** Longer passwords are refused before hashing: scrypt's work does not grow with them, but the request should not either. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1000;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  // maxmem must exceed 128·N·r, which node's 32 MiB default does not for N = 2^17.
  const opts: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A new salted hash of the password at cost N. */
export async function hashPassword(password: string, N: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when the password matches the stored hash; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!m) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await derive(password, Buffer.from(m[4]!, 'base64url'), Number(m[1]), Number(m[2]), Number(m[3]));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash was made with other parameters than the current ones (rehash after a login). */
export function needsRehash(stored: string, N: number): boolean {
  return !stored.startsWith(`scrypt$${N}$${R}$${P}$`);
}

let dummy: Promise<string> | undefined;
/** Spends the time a real check would, so a login for an unknown address answers as slowly as a wrong password. */
export async function verifyDummy(password: string, N: number): Promise<void> {
  dummy ??= hashPassword('not a password of anyone', N);
  await verifyPassword(password, await dummy);
}
