-- The search vectors of publications move to a narrow table of their own. A broad query matches tens of
-- thousands of publications, and PostgreSQL reads a heap row for every match a GIN index gives it, even
-- when it needs only the id: among the wide rows of publications (titles, abstracts, dates, the vectors;
-- 3.5 kB in the synthetic benchmark catalogue) that was most of a search's time. Here a row is an id, two
-- TOAST pointers and a few bytes of padding, about 110 bytes, and a search reads nothing else of a match:
-- whether it is published, its year and its facet values the server holds in memory
-- (src/store/facet-index.ts). A vector is read only to rank a result or to confirm a phrase.
--
-- Why the padding: PostgreSQL moves values out of line only when a row is over 2 kB, whatever
-- toast_tuple_target says, and a publication's vectors are about 1.4 kB. `pad` is 2,100 identical
-- characters, so every row written is over 2 kB; the toaster then works down to toast_tuple_target,
-- moving both vectors out of line and compressing the padding to a few bytes (storage main keeps it in
-- the row). Matching reads five times fewer pages (1,300 instead of 7,000 for 100,000 publications): a
-- broad query's ids in 23 ms instead of 38. A new row gets the padding from the default; an update sets
-- it again (a value already compressed does not count), in indexPublications (src/store/search.ts), the
-- only writer.
create table publication_search (
  id int primary key references publications (id) on delete cascade,
  -- Every field, weighted (title A; subtitle and people B; the rest C), with its concepts and script-neutral keys.
  search tsvector not null default ''::tsvector,
  -- The title's part of it: a match there puts a publication in the first tier.
  title tsvector not null default ''::tsvector,
  pad text not null default repeat('-', 2100)
) with (toast_tuple_target = 128);
alter table publication_search alter column pad set storage main;

insert into publication_search (id, search, title) select id, search, search_title from publications;
create index publication_search_search on publication_search using gin (search);
create index publication_search_title on publication_search using gin (title);

alter table publications drop column search, drop column search_title;

-- The in-memory index holds each published publication's year too.
drop trigger publications_facets_changed on publications;
create trigger publications_facets_changed after insert or delete or update of status, year, facet_keys on publications
  for each statement execute function kitap_facets_changed();
