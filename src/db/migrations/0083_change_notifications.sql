-- Issue 16: servers are told of writes by NOTIFY on channel kitap_changes instead of asking search_state on
-- every request. Each server LISTENs (src/db/db.ts listen) and drops from memory only what a write changed:
--   'pages SLUG SLUG …'  the item pages of these publications (every language and address) are stale;
--   'pages *'            too many to name (or a TRUNCATE): every item page is;
--   'facets'             the facet index is (kitap_state_changed, below, keeps search_state 'facets' as well).
-- A notification is delivered at commit, to every listening session, in commit order.

-- The item pages that show these publications: their own, and those of the publications related to them
-- (a related publication's title, year and status are on the page). Named in payloads under 8000 bytes. Bulk
-- writes (a restore) stay cheap: the ids deduplicated and joined through unnest, 'pages *' past 500 before any
-- slug is looked up, and a publication's old slug named only when it was renamed or deleted.
create or replace function kitap_pages_notify(ids int[], extra text[] default '{}') returns void
language plpgsql as $$
declare
  slugs text[];
  part text := '';
  s text;
begin
  ids := array(select distinct unnest(ids));
  if cardinality(ids) > 500 or cardinality(extra) > 500 then
    perform pg_notify('kitap_changes', 'pages *');
    return;
  end if;
  select coalesce(array_agg(distinct slug), '{}') into slugs from (
    select unnest(extra)
    union
    select p.slug from publications p join unnest(ids) u(id) on p.id = u.id
  ) x(slug) where slug is not null;
  if cardinality(slugs) = 0 then return; end if;
  foreach s in array slugs loop
    if length(part) + length(s) > 7000 then
      perform pg_notify('kitap_changes', 'pages' || part);
      part := '';
    end if;
    part := part || ' ' || s;
  end loop;
  perform pg_notify('kitap_changes', 'pages' || part);
end $$;

-- One statement trigger per table and operation (a transition table belongs to one event). The argument is
-- a query over the changed rows ({rows} t), giving the ids of the publications whose pages show them.
create or replace function kitap_pages_changed() returns trigger
language plpgsql as $$
declare
  ids int[] := '{}';
  part int[];
  slugs text[] := '{}';
begin
  if tg_op = 'TRUNCATE' then
    perform pg_notify('kitap_changes', 'pages *');
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    execute format('select array_agg(distinct id) from (%s) q(id)', replace(tg_argv[0], '{rows}', 'old_rows')) into part;
    ids := ids || coalesce(part, '{}');
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    execute format('select array_agg(distinct id) from (%s) q(id)', replace(tg_argv[0], '{rows}', 'new_rows')) into part;
    ids := ids || coalesce(part, '{}');
  end if;
  if tg_table_name = 'publications' then
    -- A deleted or renamed publication is named by the slug it had; its relations' pages show it too.
    if tg_op = 'DELETE' then
      select coalesce(array_agg(slug), '{}') into slugs from old_rows;
    elsif tg_op = 'UPDATE' then
      select coalesce(array_agg(o.slug), '{}') into slugs from old_rows o join new_rows n on n.id = o.id where n.slug <> o.slug;
    end if;
    ids := array(select distinct unnest(ids));
    if cardinality(ids) <= 500 then
      select ids || coalesce(array_agg(r.other), '{}') into ids from (
        select r.target_id from publication_relations r join unnest(ids) u(id) on r.source_id = u.id
        union select r.source_id from publication_relations r join unnest(ids) u(id) on r.target_id = u.id
      ) r(other);
    end if;
  end if;
  perform kitap_pages_notify(ids, slugs);
  return null;
end $$;

-- The triggers of migration 0015 gave search_state 'pages' a new value on every write: every page at once.
drop trigger publications_pages_changed on publications;
drop trigger publication_people_pages_changed on publication_people;
drop trigger publication_organisations_pages_changed on publication_organisations;
drop trigger publication_projects_pages_changed on publication_projects;
drop trigger publication_topics_pages_changed on publication_topics;
drop trigger publication_identifiers_pages_changed on publication_identifiers;
drop trigger publication_relations_pages_changed on publication_relations;
drop trigger files_pages_changed on files;
drop trigger people_pages_changed on people;
drop trigger organisations_pages_changed on organisations;
drop trigger projects_pages_changed on projects;
drop trigger topics_pages_changed on topics;
delete from search_state where key = 'pages';

-- (table, the ids its rows show up on): a new publication has no page yet, so publications have no insert trigger.
do $$
declare
  r record;
begin
  for r in select * from (values
    ('publications', 'select id from {rows} t', false),
    ('publication_people', 'select publication_id from {rows} t', true),
    ('publication_organisations', 'select publication_id from {rows} t', true),
    ('publication_projects', 'select publication_id from {rows} t', true),
    ('publication_topics', 'select publication_id from {rows} t', true),
    ('publication_identifiers', 'select publication_id from {rows} t', true),
    ('publication_relations', 'select unnest(array[source_id, target_id]) from {rows} t', true),
    ('files', 'select publication_id from {rows} t', true),
    ('people', 'select l.publication_id from {rows} t join publication_people l on l.person_id = t.id', false),
    ('organisations', 'select l.publication_id from {rows} t join publication_organisations l on l.organisation_id = t.id', false),
    ('projects', 'select l.publication_id from {rows} t join publication_projects l on l.project_id = t.id', false),
    ('topics', 'select l.publication_id from {rows} t join publication_topics l on l.topic_id = t.id', false)
  ) v(tab, ids, on_insert) loop
    if r.on_insert then
      execute format('create trigger %I after insert on %I referencing new table as new_rows
        for each statement execute function kitap_pages_changed(%L)', r.tab || '_pages_inserted', r.tab, r.ids);
    end if;
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows
      for each statement execute function kitap_pages_changed(%L)', r.tab || '_pages_updated', r.tab, r.ids);
    execute format('create trigger %I after delete on %I referencing old table as old_rows
      for each statement execute function kitap_pages_changed(%L)', r.tab || '_pages_deleted', r.tab, r.ids);
    execute format('create trigger %I after truncate on %I
      for each statement execute function kitap_pages_changed(%L)', r.tab || '_pages_truncated', r.tab, r.ids);
  end loop;
end $$;

-- search_state 'facets' keeps changing with the publications (a search reads it in its own statement), and
-- now says so too.
create or replace function kitap_state_changed() returns trigger
language plpgsql as $$
begin
  insert into search_state (key, value) values (tg_argv[0], gen_random_uuid()::text)
    on conflict (key) do update set value = excluded.value;
  perform pg_notify('kitap_changes', tg_argv[0]);
  return null;
end $$;
