-- The search vectors of publications move to a table of their own. A broad query matches tens of
-- thousands of publications, and PostgreSQL reads a heap row for every match a GIN index gives it, even
-- when it needs only the id: among the wide rows of publications (titles, abstracts, dates, the vectors)
-- that was most of a search's time. Here a row is an id and its two vectors (about 1.4 kB in the
-- synthetic benchmark catalogue, where a publication row with them was 3.5 kB), and a search reads nothing
-- else of a match: whether it is published, its year and its facet values the server holds in memory
-- (src/store/facet-index.ts). A vector is read only to rank a result or to confirm a phrase.
-- toast_tuple_target moves the vectors of a row that outgrows a page quarter (a long abstract) out of
-- line, down to 128 bytes, instead of leaving it at 2 kB; smaller rows are not touched by the toaster.
create table publication_search (
  id int primary key references publications (id) on delete cascade,
  -- Every field, weighted (title A; subtitle and people B; the rest C), with its concepts and script-neutral keys.
  search tsvector not null default ''::tsvector,
  -- The title's part of it: a match there puts a publication in the first tier.
  title tsvector not null default ''::tsvector
) with (toast_tuple_target = 128);

insert into publication_search (id, search, title) select id, search, search_title from publications;
create index publication_search_search on publication_search using gin (search);
create index publication_search_title on publication_search using gin (title);

alter table publications drop column search, drop column search_title;

-- The in-memory index holds each published publication's year too.
drop trigger publications_facets_changed on publications;
create trigger publications_facets_changed after insert or delete or update of status, year, facet_keys on publications
  for each statement execute function kitap_facets_changed();
