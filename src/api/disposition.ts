// The file name a client gives in a Content-Disposition header (RFC 6266): filename* (RFC 8187,
// UTF-8 percent-encoded) wins over filename (quoted or a bare token).

/** The header's file name, or null when it names none (or names it in a way that cannot be read). */
export function dispositionFileName(header: string | undefined): string | null {
  if (!header) return null;
  const extended = /(?:^|;)\s*filename\*\s*=\s*utf-8'[^']*'([^;\s]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!) || null;
    } catch {
      return null;
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1') || null;
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s"]+)/i.exec(header);
  return token?.[1] ?? null;
}
