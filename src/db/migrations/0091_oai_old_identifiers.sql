-- A renamed publication's old OAI identifier (oai:host:OLD-SLUG) is a deleted record from the rename on, so
-- that a harvester drops the record it holds under that identifier instead of keeping it beside the new one
-- (src/store/oai.ts). Headers page by (datestamp, id): an old slug's header has the id -id of its row here.
alter table publication_redirects add column id serial unique;
create index publication_redirects_oai on publication_redirects (created_at, (-id));
