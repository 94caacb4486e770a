-- Issue 18 item 12: records and entities are written through the API too. A change made with an API token
-- names the token beside its user, so the history says it came through the API (no foreign key: an archive
-- made without accounts leaves the tokens out, and the history stays). Entities can now be created directly.
alter table publication_changes add column api_token_id int;
alter table entity_changes add column api_token_id int;
alter table deleted_publications add column api_token_id int;
-- A file uploaded through the API: its finished job records the change with the token.
alter table ingest_jobs add column api_token_id int;

alter table entity_changes drop constraint entity_changes_action_check;
alter table entity_changes
  add constraint entity_changes_action_check check (action in ('created', 'edited', 'merged', 'deleted', 'restored'));
