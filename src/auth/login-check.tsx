// POST /login — checks the password: 303 to the staff pages with a new session; 422 with the form
// again; 429 with Retry-After when the account or the address has failed too often lately.
// The same message for an unknown address and a wrong password, and the same time spent on both.
// Each attempt first reserves a hit of both limits (account, address) in the database, atomically, and
// only then pays for scrypt: parallel attempts past a limit get 429 without any hashing, so a window
// costs at most the limit's worth of scrypt work whatever arrives at once. A success gives its hits back.
import { z } from 'zod';
import { clearHits, limitKey, release, reserve, retryAfter, type Limit } from '../store/rate-limits.ts';
import { setPasswordHash, userWithHashByEmail } from '../store/users.ts';
import { href } from '../views/href.ts';
import { pageMeta, type Ctx } from '../http/context.ts';
import { clientAddress } from './address.ts';
import { safeNext } from './next.ts';
import { hashPassword, needsRehash, PASSWORD_MAX, verifyDummy, verifyPassword } from './password.ts';
import { startSession } from './session.ts';
import { LoginPage } from './views.tsx';

const form = z.object({
  email: z.string().trim().max(254).default(''),
  password: z.string().max(PASSWORD_MAX).default(''),
  next: z.string().max(500).default(''),
});

export async function loginCheck(c: Ctx) {
  const { db, config } = c.var.deps;
  const tr = c.var.tr;
  c.header('Cache-Control', 'no-store');
  const parsed = form.safeParse(await c.req.parseBody());
  const { email, password, next } = parsed.success ? parsed.data : { email: '', password: '', next: '' };
  const page = (key: Parameters<typeof tr.t>[0], vars?: Record<string, number>) => (
    <LoginPage meta={pageMeta(c)} email={email} next={safeNext(next) ?? ''} message={tr.t(key, vars)} />
  );
  const windowSeconds = config.LOGIN_WINDOW_MINUTES * 60;
  const limits: Limit[] = [
    { bucket: 'login-account', key: limitKey(email.toLowerCase()), max: config.LOGIN_LIMIT, windowSeconds },
    { bucket: 'login-address', key: limitKey(clientAddress(c)), max: config.LOGIN_ADDRESS_LIMIT, windowSeconds },
  ];
  // A refused login is logged with its reason, the address typed and the client's address; never the password.
  const refused = (reason: string) =>
    c.var.deps.log.warn(
      { reason, email: email.toLowerCase().slice(0, 254), address: clientAddress(c) },
      'login refused',
    );
  if (!parsed.success || !email || !password) return c.html(page('login.missing'), 422);
  const taken: Limit[] = [];
  for (const l of limits) {
    if (await reserve(db, l)) {
      taken.push(l);
      continue;
    }
    for (const back of taken) await release(db, back);
    const wait = await retryAfter(db, l);
    refused(`too many failed attempts (${l.bucket})`);
    return c.html(page('login.too_many', { count: Math.max(1, Math.ceil(wait / 60)) }), 429, {
      'Retry-After': String(Math.max(1, wait)),
    });
  }
  const user = await userWithHashByEmail(db, email);
  const ok =
    user?.password_hash && !user.disabled
      ? await verifyPassword(password, user.password_hash)
      : (await verifyDummy(password, config.SCRYPT_COST), false);
  if (!ok || !user) {
    refused(
      !user
        ? 'no such account'
        : user.disabled
          ? 'account disabled'
          : !user.password_hash
            ? 'account has no password yet'
            : 'wrong password',
    );
    return c.html(page('login.failed'), 422);
  }
  await clearHits(db, limits[0]!.bucket, limits[0]!.key);
  await release(db, limits[1]!);
  if (needsRehash(user.password_hash!, config.SCRYPT_COST))
    await setPasswordHash(db, user.id, await hashPassword(password, config.SCRYPT_COST));
  await startSession(c, user.id);
  return c.redirect(safeNext(next) ?? href(tr.lang, '/admin'), 303);
}
