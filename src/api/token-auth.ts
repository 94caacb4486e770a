// Who is writing through the API: the staff member whose token is in "Authorization: Bearer …"
// (RFC 6750). The session cookie is never read here, so a page on another site that makes a logged-in
// browser post to the API gets a 401 — which is also why such requests need no Origin check (src/app.ts).
import { type TokenUser, userByApiToken } from '../store/api-tokens.ts';
import type { Ctx } from '../http/context.ts';
import { HttpError } from '../http/errors.tsx';

const BEARER = /^Bearer +([\w.~+/-]{1,200}=*) *$/i;

/** True for an API request that carries a bearer token: it cannot have been forged by another site's page. */
export function isBearerApiRequest(urlPath: string, authorization: string | undefined): boolean {
  return urlPath.startsWith('/api/') && /^Bearer\s/i.test(authorization ?? '');
}

/** The (enabled) user of the request's live token, with its id; else 401 with the WWW-Authenticate challenge. */
export async function tokenUser(c: Ctx): Promise<TokenUser> {
  c.header('Cache-Control', 'no-store');
  const header = c.req.header('Authorization');
  const token = header ? BEARER.exec(header)?.[1] : undefined;
  const user = token ? await userByApiToken(c.var.deps.db, token) : null;
  if (user) return user;
  // RFC 6750 §3: no error code when no credentials were sent, invalid_token for a wrong one.
  c.header('WWW-Authenticate', header ? 'Bearer realm="kitap", error="invalid_token"' : 'Bearer realm="kitap"');
  throw new HttpError(401, 'unauthorized', header ? 'error.token_invalid' : 'error.token_required');
}
