-- The staff list of publications (GET /admin) shows the latest changed first, 50 at a time: with this index a
-- page is read in order instead of sorting the whole catalogue for every page.
create index publications_updated on publications (updated_at desc, id desc);
