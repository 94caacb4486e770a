// The page cache's budgets, on copies made here: listings (the home page, browse addresses, which have no end)
// keep within their own share and never push item pages out; the whole keeps within its budget.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LISTINGS, PageCache } from './page-cache.ts';

const copy = (slug: string, bytes: number) => ({
  slug,
  expires: Date.now() + 60_000,
  gzip: Buffer.alloc(bytes),
  etag: '"x"',
  headers: {},
});

test('listings keep within their share, the oldest going first, and leave item pages alone', () => {
  const cache = new PageCache(100_000, 10_000);
  cache.listening(true);
  const items = ['a', 'b', 'c', 'd', 'e'].map((slug) => `/publications/${slug}`);
  for (const key of items) cache.set(key, copy(key.slice(14), 3000), cache.seq);
  const listings = Array.from({ length: 20 }, (_, i) => `/publications?page=${i + 1}`);
  for (const key of listings) cache.set(key, copy(LISTINGS, 1000), cache.seq);
  assert.deepEqual(
    listings.map((k) => cache.has(k)),
    listings.map((_, i) => i >= 10),
    'the ten newest listings (10,000 bytes) are kept',
  );
  assert.ok(
    items.every((k) => cache.has(k)),
    'every item page is still kept',
  );

  // Any change drops every listing, and only the named item pages.
  cache.notify('pages c');
  assert.ok(listings.every((k) => !cache.has(k)));
  assert.deepEqual(
    items.map((k) => cache.has(k)),
    [true, true, false, true, true],
  );
});

test('the whole budget: past it, the least recently used copies go', () => {
  const cache = new PageCache(12_000, 10_000);
  cache.listening(true);
  for (let i = 0; i < 4; i++) cache.set(`/publications/p${i}`, copy(`p${i}`, 3000), cache.seq);
  assert.equal(cache.get('/publications/p0')?.slug, 'p0'); // used: now the most recent
  cache.set('/publications/p4', copy('p4', 3000), cache.seq);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => cache.has(`/publications/p${i}`)),
    [true, false, true, true, true],
  );
});
