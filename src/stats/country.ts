// The reader's country, the only location kept, from the IP-to-country ranges of the optional npm package
// @ip-location-db/geo-whois-asn-country (GeoFeed, Whois and ASN data merged; data CC BY 4.0 by the NRO). Each table
// (IPv4, IPv6) is read once, when first needed or by warmCountries() at start, into sorted range starts with a
// country each, and an address is found by binary search. Without the package every country is unknown (null).
// Only the two-letter code leaves this file: the address is never kept.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { isIPv6 } from 'node:net';

const PACKAGE = '@ip-location-db/geo-whois-asn-country';

/**
 * Ranges flattened so that none overlaps: `starts` ascending (`width` numbers each: one for IPv4, four 32-bit
 * words for IPv6), `codes` the country of the stretch from each start to the next (0: none).
 */
interface RangeTable {
  width: 1 | 4;
  starts: Uint32Array;
  codes: Uint16Array;
  size: number;
}

const require = createRequire(import.meta.url);

/** A data file of the package, or null when the package is not installed. */
function dataFile(name: string): string | null {
  try {
    return require.resolve(`${PACKAGE}/${name}`);
  } catch {
    return null;
  }
}

const codeOf = (cc: string) => (/^[A-Z]{2}$/.test(cc) ? (cc.charCodeAt(0) << 8) | cc.charCodeAt(1) : 0);
const letters = (code: number) => String.fromCharCode(code >> 8, code & 255);

/** IPv4 dotted quad → number, or -1. */
function v4(a: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= a.length; i++) {
    const ch = i < a.length ? a.charCodeAt(i) : 46; // '.' ends the last part
    if (ch === 46) {
      if (!digits || part > 255 || (i === a.length ? dots !== 3 : ++dots > 3)) return -1;
      n = n * 256 + part;
      part = digits = 0;
    } else if (ch >= 48 && ch <= 57 && ++digits <= 3) part = part * 10 + ch - 48;
    else return -1;
  }
  return n;
}

const groups = new Uint32Array(8);

/** IPv6 in hex groups (with at most one "::", no IPv4 tail) → four 32-bit words at `out[at]`, or false. */
function hexGroups(a: string, out: Uint32Array, at: number): boolean {
  let n = 0; // groups read
  let gap = -1; // where "::" stood, in groups
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= a.length; i++) {
    const ch = i < a.length ? a.charCodeAt(i) : 58; // ':' ends the last group
    if (ch === 58) {
      if (digits) {
        if (n === 8) return false;
        groups[n++] = value;
        value = digits = 0;
      } else if (i === a.length) {
        if (gap !== n) return false; // only "::" may end the address
      } else if (i !== 0 || a.charCodeAt(1) !== 58) return false; // an empty group only before a leading "::"
      if (i + 1 < a.length && a.charCodeAt(i + 1) === 58) {
        if (gap >= 0) return false;
        gap = n;
        i++;
      }
      continue;
    }
    const d = ch >= 48 && ch <= 57 ? ch - 48 : ch >= 97 && ch <= 102 ? ch - 87 : ch >= 65 && ch <= 70 ? ch - 55 : -1;
    if (d < 0 || ++digits > 4) return false;
    value = value * 16 + d;
  }
  if (gap < 0 ? n !== 8 : n > 7) return false;
  const missing = 8 - n;
  for (let w = 0; w < 4; w++) {
    const hi = 2 * w < (gap < 0 ? 8 : gap) ? groups[2 * w]! : 2 * w < gap + missing ? 0 : groups[2 * w - missing]!;
    const j = 2 * w + 1;
    const lo = j < (gap < 0 ? 8 : gap) ? groups[j]! : j < gap + missing ? 0 : groups[j - missing]!;
    out[at + w] = hi * 65536 + lo;
  }
  return true;
}

/** An IPv6 address → four 32-bit words (into `out`), or false. An IPv4 tail (::ffff:1.2.3.4) is read as two groups. */
function v6(address: string, out: Uint32Array): boolean {
  const a = address.replace(/%.*$/, '');
  if (!isIPv6(a)) return false;
  const tail = /(?<=:)(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (!tail) return hexGroups(a, out, 0);
  const n = v4(tail[1]!);
  const head = a.slice(0, -tail[1]!.length);
  return hexGroups(`${head}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`, out, 0);
}

/** Compares the key at `a` in `s` with the key in `k` (four words each). */
function cmp4(s: Uint32Array, a: number, k: Uint32Array): number {
  for (let i = 0; i < 4; i++) {
    const d = s[a + i]! - k[i]!;
    if (d) return d;
  }
  return 0;
}

/**
 * Builds a table from "start,end,CC" lines sorted by start, where a range may sit inside an earlier, wider one
 * (a more specific record): the inner one wins for its addresses and the outer one resumes after it.
 */
function buildTable(
  text: string,
  width: 1 | 4,
  parse: (text: string, from: number, to: number, out: Uint32Array) => boolean,
) {
  // About two stretches per range (its start, and an outer range's resumption or a gap after it); grown if not.
  const guess = Math.ceil(text.length / 16);
  let starts = new Uint32Array(guess * width);
  let codes = new Uint16Array(guess);
  let size = 0;
  const s = new Uint32Array(width);
  const e = new Uint32Array(width);
  const next = new Uint32Array(width);
  // Open ranges: their ends (width words each) and codes, innermost last.
  const openEnds: Uint32Array[] = [];
  const openCodes: number[] = [];
  const push = (start: Uint32Array, code: number) => {
    if (size * width + width > starts.length) {
      const grown = new Uint32Array(starts.length * 2 + width);
      grown.set(starts);
      starts = grown;
      const c = new Uint16Array(codes.length * 2 + 1);
      c.set(codes);
      codes = c;
    }
    // A stretch starting where the last one did replaces it (the later range is the more specific).
    if (size && cmp4Width(starts, (size - 1) * width, start, width) === 0) size--;
    starts.set(start, size * width);
    codes[size++] = code;
  };
  /** `next` = end + 1; false when end is the last address. */
  const after = (end: Uint32Array) => {
    next.set(end);
    for (let i = width - 1; i >= 0; i--) {
      if (next[i] === 0xffffffff) next[i] = 0;
      else {
        next[i]!++;
        return true;
      }
    }
    return false;
  };
  const close = (until: Uint32Array | null) => {
    // Ends the ranges that end before `until` (all when null); after each, the nearest outer range still open
    // (or nothing) resumes.
    while (openEnds.length && (!until || cmp4Width(openEnds.at(-1)!, 0, until, width) < 0)) {
      const end = openEnds.pop()!;
      openCodes.pop();
      while (openEnds.length && cmp4Width(openEnds.at(-1)!, 0, end, width) <= 0) {
        openEnds.pop();
        openCodes.pop();
      }
      if (!after(end) || (until && cmp4Width(next, 0, until, width) >= 0)) continue;
      push(next, openCodes.at(-1) ?? 0);
    }
  };
  for (let from = 0; from < text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const c1 = text.indexOf(',', from);
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    if (c2 > 0 && c2 < to && parse(text, from, c1, s) && parse(text, c1 + 1, c2, e)) {
      const code = to - c2 > 2 ? codeOf(text.slice(c2 + 1, c2 + 3)) : 0;
      close(s);
      push(s, code);
      openEnds.push(e.slice());
      openCodes.push(code);
    }
    from = to + 1;
  }
  close(null);
  return { width, starts: starts.subarray(0, size * width), codes: codes.subarray(0, size), size } as RangeTable;
}

function cmp4Width(s: Uint32Array, a: number, k: Uint32Array, width: number): number {
  return width === 1 ? s[a]! - k[0]! : cmp4(s, a, k);
}

/** The country of the stretch holding `key`, or null. */
function find(t: RangeTable, key: Uint32Array): string | null {
  let lo = 0;
  let hi = t.size; // first start above the key
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp4Width(t.starts, mid * t.width, key, t.width) <= 0) lo = mid + 1;
    else hi = mid;
  }
  const code = lo ? t.codes[lo - 1]! : 0;
  return code ? letters(code) : null;
}

let ipv4: RangeTable | null | undefined;
let ipv6: RangeTable | null | undefined;

function loadV4(): RangeTable | null {
  const file = dataFile('geo-whois-asn-country-ipv4-num.csv');
  if (!file) return null;
  return buildTable(fs.readFileSync(file, 'latin1'), 1, (text, from, to, out) => {
    let n = 0;
    for (let i = from; i < to; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      n = n * 10 + d;
    }
    if (to === from || n > 0xffffffff) return false;
    out[0] = n;
    return true;
  });
}

function loadV6(): RangeTable | null {
  const file = dataFile('geo-whois-asn-country-ipv6.csv');
  return file
    ? buildTable(fs.readFileSync(file, 'latin1'), 4, (text, from, to, out) => hexGroups(text.slice(from, to), out, 0))
    : null;
}

const key4 = new Uint32Array(1);
const key6 = new Uint32Array(4);

/** The two-letter country of an address (IPv4 or IPv6), or null: unknown, private, or no table installed. */
export function countryOf(address: string): string | null {
  const n = v4(address);
  if (n >= 0) {
    if (ipv4 === undefined) ipv4 = loadV4();
    if (!ipv4) return null;
    key4[0] = n;
    return find(ipv4, key4);
  }
  if (!v6(address, key6)) return null;
  // An IPv4 address written as IPv6 (::ffff:a.b.c.d, as sockets listening on :: report it).
  if (key6[0] === 0 && key6[1] === 0 && key6[2] === 0xffff) {
    if (ipv4 === undefined) ipv4 = loadV4();
    if (!ipv4) return null;
    key4[0] = key6[3]!;
    return find(ipv4, key4);
  }
  if (ipv6 === undefined) ipv6 = loadV6();
  return ipv6 ? find(ipv6, key6) : null;
}

/** Reads both tables now (at start, rather than on a reader's request); returns the ranges read, 0 without the package. */
export function warmCountries(): number {
  if (ipv4 === undefined) ipv4 = loadV4();
  if (ipv6 === undefined) ipv6 = loadV6();
  return (ipv4?.size ?? 0) + (ipv6?.size ?? 0);
}

/** Whether the IP-to-country package is installed. */
export function countriesInstalled(): boolean {
  return dataFile('geo-whois-asn-country-ipv4-num.csv') !== null;
}
