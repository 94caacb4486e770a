-- Issue 16: the functions of migration 0083 for bulk writes: the affected ids deduplicated and joined through
-- unnest (not id = any(a large array)), 'pages *' past 500 publications before any slug is looked up, and a
-- publication's old slug named only when it was renamed or deleted.

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
