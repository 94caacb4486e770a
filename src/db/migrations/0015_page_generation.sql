-- Item pages are kept in memory once rendered (src/web/page-cache.ts) until anything they show may have
-- changed: every statement that writes a table an item page reads gives search_state 'pages' a new value,
-- which each request compares with the one its copy was rendered at. Servers sharing a database all see it.
-- One function for every such value: the key is the trigger's argument ('pages', 'facets').
create or replace function kitap_state_changed() returns trigger
language plpgsql as $$
begin
  insert into search_state (key, value) values (tg_argv[0], gen_random_uuid()::text)
    on conflict (key) do update set value = excluded.value;
  return null;
end $$;

drop trigger publications_facets_changed on publications;
create trigger publications_facets_changed after insert or delete or update of status, year, facet_keys on publications
  for each statement execute function kitap_state_changed('facets');
drop function kitap_facets_changed();

create trigger publications_pages_changed after insert or update or delete or truncate on publications
  for each statement execute function kitap_state_changed('pages');
create trigger publication_people_pages_changed after insert or update or delete or truncate on publication_people
  for each statement execute function kitap_state_changed('pages');
create trigger publication_organisations_pages_changed after insert or update or delete or truncate on publication_organisations
  for each statement execute function kitap_state_changed('pages');
create trigger publication_projects_pages_changed after insert or update or delete or truncate on publication_projects
  for each statement execute function kitap_state_changed('pages');
create trigger publication_topics_pages_changed after insert or update or delete or truncate on publication_topics
  for each statement execute function kitap_state_changed('pages');
create trigger publication_identifiers_pages_changed after insert or update or delete or truncate on publication_identifiers
  for each statement execute function kitap_state_changed('pages');
create trigger publication_relations_pages_changed after insert or update or delete or truncate on publication_relations
  for each statement execute function kitap_state_changed('pages');
create trigger files_pages_changed after insert or update or delete or truncate on files
  for each statement execute function kitap_state_changed('pages');
create trigger people_pages_changed after insert or update or delete or truncate on people
  for each statement execute function kitap_state_changed('pages');
create trigger organisations_pages_changed after insert or update or delete or truncate on organisations
  for each statement execute function kitap_state_changed('pages');
create trigger projects_pages_changed after insert or update or delete or truncate on projects
  for each statement execute function kitap_state_changed('pages');
create trigger topics_pages_changed after insert or update or delete or truncate on topics
  for each statement execute function kitap_state_changed('pages');
