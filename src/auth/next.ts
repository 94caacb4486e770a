// Where to go after logging in: only a staff page of this site, never another host ("//evil.example").

/** The `next` parameter when it names a staff page, else null. */
export function safeNext(next: string | undefined): string | null {
  if (!next || !/^(?:\/(?:ru|kk))?\/admin(?:\/[\w\-./%]*)?(?:\?[\w\-.=&%]*)?$/.test(next) || next.includes('..')) return null;
  return next;
}
