-- Found by the HTTP benchmark (bench/RESULTS.md):
-- the home page's "newest" order had no index and read every published row;
create index publications_published_newest on publications (year desc nulls last, published_at desc nulls last, id desc)
  where status = 'published';
-- and freeSlug's "slug like 'x-%'" cannot use the unique index under a non-C collation (PostgreSQL servers).
create index publications_slug_pattern on publications (slug text_pattern_ops);
