// Item pages, rendered once and then served from memory, gzipped, with an ETag. An item page is the same
// for every reader (nothing on it depends on a session), and rendering one costs a detail query, a
// citation and the JSX: milliseconds, where a copy costs one small query. A copy is good while search_state
// 'pages' keeps the value it was rendered at (every write to a table an item page reads changes it:
// migration 0015) and for a minute at most, since an embargo ends with the date, not with a write.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from '../db/db.ts';
import { stateValue } from '../store/state.ts';
import type { Ctx } from '../http/context.ts';

interface Copy {
  generation: string;
  expires: number;
  gzip: Buffer;
  etag: string;
  headers: Record<string, string>;
}

/** How long a copy may be served without a write having changed anything. */
const MAX_AGE_MS = 60_000;
/** Copies kept, by the bytes of their gzip, least recently used first out: some 10,000 item pages. */
const BUDGET_BYTES = 64 * 1024 * 1024;

class PageCache {
  private readonly copies = new Map<string, Copy>();
  private bytes = 0;

  get(key: string, generation: string): Copy | null {
    const copy = this.copies.get(key);
    if (!copy) return null;
    this.copies.delete(key);
    if (copy.generation !== generation || copy.expires < Date.now()) {
      this.bytes -= copy.gzip.length;
      return null;
    }
    this.copies.set(key, copy); // most recently used last
    return copy;
  }

  set(key: string, copy: Copy): void {
    const old = this.copies.get(key);
    if (old) {
      this.copies.delete(key);
      this.bytes -= old.gzip.length;
    }
    this.copies.set(key, copy);
    this.bytes += copy.gzip.length;
    for (const [k, c] of this.copies) {
      if (this.bytes <= BUDGET_BYTES) break;
      this.copies.delete(k);
      this.bytes -= c.gzip.length;
    }
  }
}

const caches = new WeakMap<Db, PageCache>();

/** The handler of a page that is the same for every reader, served from its copy while that is current. */
export function cachedPage(render: (c: Ctx) => Promise<Response>): (c: Ctx) => Promise<Response> {
  return async (c) => {
    const db = c.var.deps.db;
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = new PageCache()));
    // Read before rendering: a write during the rendering leaves the copy labelled older, so it is redone.
    const generation = await stateValue(db, 'pages');
    const key = c.req.url;
    let copy = cache.get(key, generation);
    if (!copy) {
      const res = await render(c);
      // A page that must not be kept (a staff preview of an unpublished record) is never stored.
      if (res.status !== 200 || /no-store/.test(res.headers.get('Cache-Control') ?? '')) return res;
      const gzip = gzipSync(Buffer.from(await res.text()));
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'content-encoding') headers[k] = v;
      });
      copy = {
        generation,
        expires: Date.now() + MAX_AGE_MS,
        gzip,
        etag: `"${createHash('sha1').update(gzip).digest('base64url')}"`,
        headers,
      };
      cache.set(key, copy);
    }
    const common = { ...copy.headers, ETag: copy.etag, Vary: 'Accept-Encoding' };
    if (c.req.header('If-None-Match') === copy.etag) return c.body(null, 304, common);
    return /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')
      ? c.body(new Uint8Array(copy.gzip), 200, { ...common, 'Content-Encoding': 'gzip' })
      : c.body(new Uint8Array(gunzipSync(copy.gzip)), 200, common);
  };
}
