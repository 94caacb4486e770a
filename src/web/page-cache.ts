// Item pages, rendered once and then served from memory, gzipped, with an ETag, without asking the database
// anything. An item page is the same for every reader (nothing on it depends on a session), and rendering one
// costs a detail query, a citation and the JSX: milliseconds. Writes say which pages they change: triggers
// (migration 0083) notify 'pages SLUG …' (the publications written and those related to them) or 'pages *',
// and this process, listening (Db.listen), drops those copies only — every language and address of each.
// Listings (the home page, browsing without a query) show many publications, their counts and their funders'
// names: every change drops them ('pages …', and 'facets', which a new published record sends).
// While it does not listen (a lost connection, a database that cannot listen) nothing is kept. A copy also
// lasts a minute at most, since an embargo ends with the date, not with a write.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import type { ChangeListener, Db } from '../db/db.ts';
import { listening } from '../db/listen.ts';
import type { Ctx } from '../http/context.ts';
import { HtmlEscapedCallbackPhase, type HtmlEscapedString, resolveCallback } from 'hono/utils/html';

interface Copy {
  slug: string;
  expires: number;
  gzip: Buffer;
  etag: string;
  headers: Record<string, string>;
}

/** How long a copy may be served without a write having changed anything. */
const MAX_AGE_MS = 60_000;
/** Copies kept, by the bytes of their gzip, least recently used first out: some 10,000 item pages. */
const BUDGET_BYTES = 64 * 1024 * 1024;
/** The group of the listings' copies, in place of a slug (no slug has a space). */
export const LISTINGS = ' listings';
/**
 * Of the budget, what listings may take: some 1,000 browse pages (8–9 KB each at 10,000 publications). Their
 * addresses have no end (every combination of filters, orders and pages), so a crawler walking them would
 * otherwise push every item page out; past this, the listings kept longest go first.
 */
const LISTINGS_BUDGET_BYTES = 8 * 1024 * 1024;

export class PageCache implements ChangeListener {
  private readonly copies = new Map<string, Copy>();
  /** The addresses of each publication's copies (and of the listings', under LISTINGS), oldest first. */
  private readonly bySlug = new Map<string, Set<string>>();
  private bytes = 0;
  private listingBytes = 0;
  /** Whether this process hears of writes; nothing is kept while it does not. */
  private heard = false;
  /** Counts the changes heard; a copy rendered since `seq` s is kept only when nothing changed its page since. */
  seq = 0;
  private readonly droppedAt = new Map<string, number>();
  private allDroppedAt = 0;

  constructor(
    private readonly budget = BUDGET_BYTES,
    private readonly listingsBudget = LISTINGS_BUDGET_BYTES,
  ) {}

  notify(payload: string): void {
    if (payload === 'facets') {
      this.seq++;
      this.drop(LISTINGS);
      return;
    }
    if (!payload.startsWith('pages ')) return;
    this.seq++;
    const slugs = payload.slice(6).split(' ');
    if (slugs.includes('*')) this.dropAll();
    else for (const slug of [...slugs, LISTINGS]) this.drop(slug);
  }

  listening(on: boolean): void {
    this.heard = on;
    this.seq++;
    this.dropAll();
  }

  get(key: string): Copy | null {
    const copy = this.copies.get(key);
    if (!copy) return null;
    this.copies.delete(key);
    if (copy.expires < Date.now()) {
      this.forget(key, copy);
      return null;
    }
    this.copies.set(key, copy); // most recently used last
    return copy;
  }

  /** Keeps a copy rendered when the count of changes was `since`, unless its page changed since then. */
  set(key: string, copy: Copy, since: number): void {
    if (!this.heard || this.allDroppedAt > since || (this.droppedAt.get(copy.slug) ?? 0) > since) return;
    const old = this.copies.get(key);
    if (old) this.forget(key, old);
    this.copies.set(key, copy);
    this.bytes += copy.gzip.length;
    if (copy.slug === LISTINGS) this.listingBytes += copy.gzip.length;
    const keys = this.bySlug.get(copy.slug);
    if (keys) keys.add(key);
    else this.bySlug.set(copy.slug, new Set([key]));
    if (this.listingBytes > this.listingsBudget)
      for (const k of this.bySlug.get(LISTINGS) ?? []) {
        if (this.listingBytes <= this.listingsBudget) break;
        this.forget(k, this.copies.get(k)!);
      }
    for (const [k, c] of this.copies) {
      if (this.bytes <= this.budget) break;
      this.forget(k, c);
    }
  }

  /** Whether a copy is kept under this address (for tests). */
  has(key: string): boolean {
    return this.copies.has(key);
  }

  private forget(key: string, copy: Copy): void {
    this.copies.delete(key);
    this.bytes -= copy.gzip.length;
    if (copy.slug === LISTINGS) this.listingBytes -= copy.gzip.length;
    const keys = this.bySlug.get(copy.slug);
    keys?.delete(key);
    if (keys?.size === 0) this.bySlug.delete(copy.slug);
  }

  private drop(slug: string): void {
    this.droppedAt.set(slug, this.seq);
    // Renders take milliseconds: past this many recent drops, forget them and refuse every render under way.
    if (this.droppedAt.size > 10_000) {
      this.droppedAt.clear();
      this.allDroppedAt = this.seq;
    }
    for (const key of this.bySlug.get(slug) ?? []) {
      const copy = this.copies.get(key);
      if (copy) this.forget(key, copy);
    }
  }

  private dropAll(): void {
    this.copies.clear();
    this.bySlug.clear();
    this.bytes = 0;
    this.listingBytes = 0;
    this.droppedAt.clear();
    this.allDroppedAt = this.seq;
  }
}

const caches = new WeakMap<Db, Promise<PageCache>>();

/** This database's cache, listening from its first use. */
function cacheOf(db: Db): Promise<PageCache> {
  let cache = caches.get(db);
  if (!cache) {
    cache = listening(db, new PageCache()); // not listening, it keeps nothing
    caches.set(db, cache);
  }
  return cache;
}

/** A page to keep: its HTML alone (status 200, text/html). What must not be kept is answered with a Response. */
export interface PageToKeep {
  html: string;
}

/** A page written out for keeping: the string is gzipped as it is, not made into a Response and read back. */
export async function toKeep(page: HtmlEscapedString | Promise<HtmlEscapedString>): Promise<PageToKeep> {
  return { html: await resolveCallback(await page, HtmlEscapedCallbackPhase.Stringify, false, {}) };
}

const HTML_HEADERS = { 'content-type': 'text/html; charset=UTF-8' };
const gzipAsync = promisify(gzip);

/**
 * The bytes in memory of their own size: gzip answers with a view of a larger buffer (a 16 KB output chunk, or
 * Node's shared 8 KB pool under 4 KB), so each kept page of some 3 KB would hold 8–16 KB (and the budget, which
 * counts the 3 KB, several times what it says).
 */
function exactCopy(b: Buffer): Buffer {
  const own = Buffer.allocUnsafeSlow(b.length);
  b.copy(own);
  return own;
}

/** The kept bytes as they are sent: a view, not a copy (nothing writes to them). */
const bytesOf = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);

/**
 * The handler of a page that is the same for every reader, served from its copy while that is current: an item
 * page (dropped with its publication's changes), or with `listing` one that any change may alter.
 */
export function cachedPage(
  render: (c: Ctx) => Promise<Response | PageToKeep>,
  opts: { listing?: boolean } = {},
): (c: Ctx) => Promise<Response> {
  return async (c) => {
    const cache = await cacheOf(c.var.deps.db);
    const key = c.req.url;
    let copy = cache.get(key);
    // Whether this answer is a kept copy (X-Cache, as proxies say it): what a test or an operator can see.
    const hit = copy ? 'HIT' : 'MISS';
    if (!copy) {
      const since = cache.seq;
      const page = await render(c);
      // A page that must not be kept (a staff preview of an unpublished record, a tombstone) is a Response.
      if (page instanceof Response) return page;
      // Compressed on libuv's threads, not this one (~0.2 ms a page): other requests go on meanwhile.
      const gzip = exactCopy(await gzipAsync(Buffer.from(page.html)));
      copy = {
        slug: opts.listing ? LISTINGS : (c.req.param('slug') ?? ''),
        expires: Date.now() + MAX_AGE_MS,
        gzip,
        etag: `"${createHash('sha1').update(gzip).digest('base64url')}"`,
        headers: HTML_HEADERS,
      };
      cache.set(key, copy, since);
    }
    const common = { ...copy.headers, ETag: copy.etag, Vary: 'Accept-Encoding', 'X-Cache': hit };
    if (c.req.header('If-None-Match') === copy.etag) return c.body(null, 304, common);
    return /\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')
      ? c.body(bytesOf(copy.gzip), 200, { ...common, 'Content-Encoding': 'gzip' })
      : c.body(new Uint8Array(gunzipSync(copy.gzip)), 200, common);
  };
}
