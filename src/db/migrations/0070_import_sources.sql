-- Issue 12 item 5: what each imported publication came from, so that importing the same source again
-- finds it even after staff renamed its slug or corrected its title. One row per source record: the key
-- says the kind of source and its own identifier ("oai:oai:repo.example.org:123", "doi:10.1234/x",
-- "isbn:9786011234567", "row:https://…", "title:labourmigration|2019").
create table import_sources (
  source_key text primary key,
  publication_id integer not null references publications (id) on delete cascade,
  imported_at timestamptz not null default now()
);
create index import_sources_publication on import_sources (publication_id);
