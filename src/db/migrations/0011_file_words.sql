-- "Did you mean" knows the words of files too, not only the catalogue's metadata: whatever writes
-- file_pages (ingest, restore) adds their words to the lexicon, as the store does for metadata
-- (src/search/document.ts: lowercased, without accents, ё as е, 3 to 40 letters).
create or replace function kitap_file_pages_words() returns trigger
language plpgsql as $$
begin
  insert into search_words (word)
  select distinct w.m[1]
  from changed, regexp_matches(replace(lower(kitap_unaccent(changed.text)), 'ё', 'е'), '(?:^|[^0-9a-z\u0400-\u04ff])([a-z\u0400-\u04ff]{3,40})(?=$|[^0-9a-z\u0400-\u04ff])', 'g') as w(m)
  on conflict (word) do nothing;
  return null;
end $$;
create trigger file_pages_words after insert on file_pages
  referencing new table as changed for each statement execute function kitap_file_pages_words();
