// Where to go after logging in: only a staff page of this site, never another host ("//evil.example").
import { LANG_PREFIX_SOURCE } from '../i18n/i18n.ts';

const ADMIN_PATH = new RegExp(`^${LANG_PREFIX_SOURCE}/admin(?:/[\\w\\-./%]*)?(?:\\?[\\w\\-.=&%]*)?$`);

/** The `next` parameter when it names a staff page, else null. */
export function safeNext(next: string | undefined): string | null {
  if (!next || !ADMIN_PATH.test(next) || next.includes('..')) return null;
  return next;
}
