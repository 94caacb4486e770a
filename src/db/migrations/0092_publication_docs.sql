-- Issue 16, serving speed: the record an item page shows (the detail query of src/store/publications.ts: the
-- publication with its people, organisations, projects, topics, identifiers, readable files, relations and
-- stored citations) kept whole as one JSON text, so that rendering a page reads one row instead of running ten
-- sub-queries. Derived data, a cache in the database: not archived; shared by every instance.
--
-- A kept record is used only while nothing it was read from has changed since:
--   * every write that changes an item page (the triggers of migration 0083) and every write of a stored
--     citation drops the kept records of the publications concerned and counts up their `gen`;
--   * a reader keeps a record only if `gen` is still what it was when the record was read (the statement that
--     reads it reads `gen` too), so a write committed in between is never hidden by an older copy;
--   * `stale_on`: the day the earliest embargo of its files ends (readers then see one file more);
--   * `version`: of the detail query that wrote it (src/store/publications.ts), so a new version of Kitap does
--     not read what an older one kept.
-- Every publication has its row from its creation on (trigger below); the row goes with the publication. Room
-- on each page for the next version of a row: a kept record is replaced in place, without a new index entry (the
-- slug changes only with a rename), and dead versions are pruned as pages are read (PGlite has no autovacuum).
create table publication_docs (
  publication_id int primary key references publications (id) on delete cascade,
  gen bigint not null default 0,
  slug text,
  version text,
  doc text,
  stale_on date
) with (fillfactor = 50);
create index publication_docs_slug on publication_docs (slug);

insert into publication_docs (publication_id, slug) select id, slug from publications;

-- By the primary key (= any: an index scan for the few ids a write names).
create or replace function kitap_docs_stale(ids int[]) returns void
language sql as $$
  update publication_docs set gen = gen + 1, doc = null where publication_id = any(ids)
$$;

create or replace function kitap_docs_created() returns trigger
language plpgsql as $$
begin
  insert into publication_docs (publication_id, slug) select id, slug from new_rows;
  return null;
end $$;

create trigger publications_docs_created after insert on publications referencing new table as new_rows
  for each statement execute function kitap_docs_created();

-- A stored citation is part of the kept record; writing one changes no page (no notification).
create or replace function kitap_docs_changed() returns trigger
language plpgsql as $$
declare
  ids int[] := '{}';
begin
  if tg_op = 'TRUNCATE' then
    update publication_docs set gen = gen + 1, doc = null;
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    ids := ids || coalesce((select array_agg(publication_id) from old_rows), '{}');
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    ids := ids || coalesce((select array_agg(publication_id) from new_rows), '{}');
  end if;
  perform kitap_docs_stale(ids);
  return null;
end $$;

create trigger publication_citations_docs_inserted after insert on publication_citations
  referencing new table as new_rows for each statement execute function kitap_docs_changed();
create trigger publication_citations_docs_updated after update on publication_citations
  referencing old table as old_rows new table as new_rows for each statement execute function kitap_docs_changed();
create trigger publication_citations_docs_deleted after delete on publication_citations
  referencing old table as old_rows for each statement execute function kitap_docs_changed();
create trigger publication_citations_docs_truncated after truncate on publication_citations
  for each statement execute function kitap_docs_changed();

-- Every page-changing write (the triggers of migration 0083) names the publications whose pages it changes to
-- kitap_pages_notify, which now drops their kept records first: the same publications, or every one where it
-- notifies 'pages *' (past 500).
alter function kitap_pages_notify(int[], text[]) rename to kitap_pages_notify_only;
create function kitap_pages_notify(ids int[], extra text[] default '{}') returns void
language plpgsql as $$
begin
  if (select count(distinct id) from unnest(ids) u(id)) > 500 or cardinality(extra) > 500 then
    update publication_docs set gen = gen + 1, doc = null;
  else
    perform kitap_docs_stale(ids);
  end if;
  perform kitap_pages_notify_only(ids, extra);
end $$;

-- A TRUNCATE notifies 'pages *' without naming anything: every kept record is dropped too.
do $$
declare
  tab text;
begin
  foreach tab in array array['publications', 'publication_people', 'publication_organisations',
    'publication_projects', 'publication_topics', 'publication_identifiers', 'publication_relations', 'files',
    'people', 'organisations', 'projects', 'topics'] loop
    execute format('create trigger %I after truncate on %I for each statement execute function kitap_docs_changed()',
      tab || '_docs_truncated', tab);
  end loop;
end $$;
