-- Thesaurus concepts indexed as one lexeme each ('#labour-migration'), so that a query naming a concept
-- adds one lexeme instead of its dozens of labels in four languages: the catalogue is matched with a
-- short query, and only the pages and snippets of the results are matched against the labels themselves.
-- Publications get theirs from src/store/search.ts (with the weight of the field that names the concept);
-- each file gets the concepts its text mentions here.

-- The concepts whose labels occur in a text's vector, as position-less lexemes.
create or replace function kitap_concepts_of(doc tsvector) returns tsvector
language sql stable parallel safe as $$
  select coalesce(array_to_tsvector(array_agg(distinct '#' || c.concept)), ''::tsvector)
  from search_concept_labels c where doc @@ c.query
$$;

create or replace function kitap_file_search(file_id int) returns tsvector
language sql stable parallel safe as $$
  select v || kitap_concepts_of(v)
  from (select strip(coalesce(kitap_tsvector_agg(fp.search), ''::tsvector)) as v from file_pages fp where fp.file_id = $1) x
$$;

create or replace function kitap_files_search() returns trigger
language plpgsql as $$
begin
  update files f set search = kitap_file_search(f.id) where f.id in (select distinct file_id from changed);
  return null;
end $$;

-- Which concepts a file mentions depends on the thesaurus: when it changes, ensureSearchData
-- (src/store/search.ts) computes every file's vector again.

-- What a search needs of each publication besides its vector, kept by the same indexer:
-- the title's own vector (a match there ranks a publication above one that only mentions the words),
-- and every facet value as 'facet:value' ('kind:report', 'topic:labour-migration', 'language:kk'),
-- so that filters are one array containment and the facet counts one pass over the matches.
alter table publications add column search_title tsvector not null default ''::tsvector;
alter table publications add column facet_keys text[] not null default '{}';
create index publications_search_title on publications using gin (search_title);
create index publications_facet_keys on publications using gin (facet_keys);

-- Servers count facets in memory (src/store/facet-index.ts) and reload when this value changes:
-- any write that can change which publications are published or their facet values changes it.
create or replace function kitap_facets_changed() returns trigger
language plpgsql as $$
begin
  insert into search_state (key, value) values ('facets', gen_random_uuid()::text)
    on conflict (key) do update set value = excluded.value;
  return null;
end $$;
create trigger publications_facets_changed after insert or delete or update of status, facet_keys on publications
  for each statement execute function kitap_facets_changed();
