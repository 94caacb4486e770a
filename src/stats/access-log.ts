// Web-server access logs in the combined format of Apache and nginx (a common-format line, without referer
// and agent, is read too), and what a line means for the statistics: which item page or file it asked for.

/** One parsed line. */
export interface LogLine {
  address: string;
  at: Date;
  method: string;
  path: string;
  status: number;
  agent: string;
}

const LINE =
  /^(\S+) \S+ \S+ \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "(\S+) (\S+)(?: [^"]*)?" (\d{3}) \S+(?: "(?:[^"\\]|\\.)*" "((?:[^"\\]|\\.)*)")?/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A combined (or common) log line, or null when the line is not one. */
export function parseLogLine(line: string): LogLine | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[3]!);
  if (month < 0) return null;
  const [, address, dd, , yyyy, hh, mi, ss, zone, method, path, status, agent] = m;
  const at = new Date(
    `${yyyy}-${String(month + 1).padStart(2, '0')}-${dd}T${hh}:${mi}:${ss}${zone!.slice(0, 3)}:${zone!.slice(3)}`,
  );
  if (Number.isNaN(at.getTime())) return null;
  return {
    address: address!,
    at,
    method: method!,
    path: path!,
    status: Number(status),
    agent: (agent ?? '').replace(/\\(.)/g, '$1'),
  };
}

/** What a Kitap address names: an item page (by slug) or a file (by id); null for any other address. */
export function usageTarget(path: string): { slug: string } | { fileId: number } | null {
  const p = path.split(/[?#]/)[0]!;
  const file = /^(?:\/(?:ru|kk|ky))?\/publications\/[^/]+\/files\/(\d+)(?:\/[^/]*)?$/.exec(p);
  if (file) return { fileId: Number(file[1]) };
  const page = /^(?:\/(?:ru|kk|ky))?\/publications\/([^/]+)\/?$/.exec(p);
  if (page) {
    try {
      return { slug: decodeURIComponent(page[1]!) };
    } catch {
      return null;
    }
  }
  return null;
}

/** A mapping file: "OLD-ADDRESS NEW-ADDRESS" per line (blank lines and # comments skipped); old addresses exact, with or without the query. */
export function parseMapping(text: string): Map<string, string> {
  const map = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    if (parts.length !== 2 || !parts[0]!.startsWith('/') || !usageTarget(parts[1]!)) {
      throw new Error(
        `mapping line ${i + 1}: expected "OLD-ADDRESS NEW-ADDRESS" with a new item or file address, got "${line}"`,
      );
    }
    map.set(parts[0]!, parts[1]!);
  });
  return map;
}
