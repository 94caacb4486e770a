-- The staff list of publications (GET /admin, src/store/staff-lists.ts).
--
-- Its order: the latest changed first, 50 at a time; with this index a page is read in order instead of
-- sorting the whole catalogue for every page.
create index publications_updated on publications (updated_at desc, id desc);

-- Its search: everything staff may look a record up by, as one text per publication — slug, series, the values
-- of its titles, subtitles, abstracts and places in every language, its identifiers as written and without
-- their hyphens, its people's names as catalogued and in each language, its organisations' and projects'
-- names and abbreviations in each language, its topics' slugs and labels. A query's words are found in it by
-- ILIKE (any part of a word, any script) through a trigram index, for thousands of records without reading
-- every link of each. indexPublications (src/store/search.ts), which every write and every rename or merge
-- of an entity goes through, keeps it current.
create or replace function kitap_values(m jsonb) returns text
language sql immutable parallel safe as $$ select coalesce((select string_agg(v, ' ') from jsonb_each_text(m) j(k, v)), '') $$;

-- In PL/pgSQL, whose statements are checked when first run: `place` comes with migration 0060, after this one
-- on a new database (which has no publication yet to run it on).
create or replace function kitap_staff_text(pid int) returns text
language plpgsql stable as $$
begin
return (select concat_ws(' ', p.slug, p.series, kitap_values(p.title), kitap_values(p.subtitle), kitap_values(p.abstract), kitap_values(p.place),
  (select string_agg(i.value || ' ' || regexp_replace(i.value, '[^0-9A-Za-z]', '', 'g'), ' ') from publication_identifiers i where i.publication_id = p.id),
  (select string_agg(concat_ws(' ', e.name, kitap_values(e.names)), ' ') from publication_people l join people e on e.id = l.person_id where l.publication_id = p.id),
  (select string_agg(concat_ws(' ', kitap_values(e.name), e.abbreviation, kitap_values(e.abbreviations)), ' ')
     from publication_organisations l join organisations e on e.id = l.organisation_id where l.publication_id = p.id),
  (select string_agg(concat_ws(' ', kitap_values(e.name), e.abbreviation, kitap_values(e.abbreviations)), ' ')
     from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id),
  (select string_agg(e.slug || ' ' || kitap_values(e.label), ' ') from publication_topics l join topics e on e.id = l.topic_id where l.publication_id = p.id))
from publications p where p.id = pid);
end $$;

create table publication_staff_text (
  id int primary key references publications (id) on delete cascade,
  text text not null
);
insert into publication_staff_text (id, text) select id, kitap_staff_text(id) from publications;
create index publication_staff_text_trgm on publication_staff_text using gin (text gin_trgm_ops);
