// The client's address, for the per-address rate limits: the socket's peer, or behind a trusted
// reverse proxy (TRUST_PROXY=true) the address that proxy appended to X-Forwarded-For.
import type { IncomingMessage } from 'node:http';
import type { Ctx } from '../http/context.ts';

export function clientAddress(c: Ctx): string {
  if (c.var.deps.config.TRUST_PROXY) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Whether the reader reached us over TLS: the session cookie is then marked Secure. */
export function overTls(c: Ctx): boolean {
  const { COOKIE_SECURE, PUBLIC_URL, TRUST_PROXY } = c.var.deps.config;
  if (COOKIE_SECURE !== 'auto') return COOKIE_SECURE === 'always';
  return (
    PUBLIC_URL?.startsWith('https:') ||
    new URL(c.req.url).protocol === 'https:' ||
    (TRUST_PROXY && c.req.header('X-Forwarded-Proto') === 'https')
  );
}
