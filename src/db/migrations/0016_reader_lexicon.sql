-- "Did you mean" suggests only words a reader can see (issue 21, finding 2). The lexicon (search_words) held the
-- words of every publication and file page whatever its status, embargo or version, so a typo close to a word
-- of a draft brought that word out. Now it is exactly the words of what readers see, kept so by two tables:
--   file_words         each file's words (of all its pages), kept by a trigger on file_pages whatever writes them;
--   publication_words  the words each publication readers see gives the lexicon: its metadata and its readable
--                      files (src/store/search.ts writes it with the rule of src/store/visibility.ts; a
--                      publication readers do not see has no row).
-- search_words is the union of publication_words, kept by the triggers below: a word comes in with the first row
-- that has it and goes with the last. A query reads search_words as before: nothing is added per query.

-- The words of a text as the lexicon keeps them (src/search/document.ts: lowercased, without accents, ё as е,
-- 3 to 40 letters), as migration 0014 found them.
create or replace function kitap_lexicon_words(txt text) returns setof text
language sql immutable strict parallel safe as $$
  select distinct w
  from unnest(string_to_array(regexp_replace(replace(lower(kitap_unaccent(txt)), 'ё', 'е'), '[^0-9a-z\u0400-\u04ff]+', ' ', 'g'), ' ')) as w
  where length(w) between 3 and 40 and w !~ '[0-9]'
$$;

create table file_words (
  file_id int primary key references files on delete cascade,
  words text[] not null
);

-- New pages add their words to their file's; changed or removed pages make the file's words be read again.
create or replace function kitap_file_pages_words() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into file_words (file_id, words)
    select c.file_id, array_agg(distinct w order by w) from changed c, kitap_lexicon_words(c.text) w group by c.file_id
    on conflict (file_id) do update set words = array(select distinct x from unnest(file_words.words || excluded.words) x order by x);
  else
    delete from file_words where file_id in (select distinct file_id from changed);
    insert into file_words (file_id, words)
    select fp.file_id, array_agg(distinct w order by w) from file_pages fp, kitap_lexicon_words(fp.text) w
    where fp.file_id in (select distinct file_id from changed) group by fp.file_id;
  end if;
  return null;
end $$;
drop trigger file_pages_words on file_pages;
create trigger file_pages_words after insert on file_pages
  referencing new table as changed for each statement execute function kitap_file_pages_words();
create trigger file_pages_words_update after update on file_pages
  referencing new table as changed for each statement execute function kitap_file_pages_words();
create trigger file_pages_words_delete after delete on file_pages
  referencing old table as changed for each statement execute function kitap_file_pages_words();

insert into file_words (file_id, words)
select fp.file_id, array_agg(distinct w order by w) from file_pages fp, kitap_lexicon_words(fp.text) w group by fp.file_id;

create table publication_words (
  publication_id int primary key references publications on delete cascade,
  -- Sorted and distinct, so that an unchanged set compares equal and is not written again.
  words text[] not null,
  -- The next day an embargoed file of it becomes readable: its words are taken in then (src/store/search.ts).
  renew_on date
);
create index publication_words_words on publication_words using gin (words);
create index publication_words_renew on publication_words (renew_on) where renew_on is not null;

-- Words of rows written come in; words of rows changed or removed go unless another row still has them.
create or replace function kitap_publication_words_in() returns trigger
language plpgsql as $$
begin
  insert into search_words (word) select distinct unnest(n.words) from fresh n order by 1 on conflict (word) do nothing;
  return null;
end $$;
create or replace function kitap_publication_words_out() returns trigger
language plpgsql as $$
begin
  -- Only the words these rows no longer have are looked up (in the GIN index) among all the others.
  delete from search_words s
  using (select unnest(o.words) as w from stale o
         except select unnest(n.words) from publication_words n where n.publication_id in (select publication_id from stale)) gone
  where s.word = gone.w and not exists (select 1 from publication_words pw where pw.words @> array[gone.w]);
  return null;
end $$;
create trigger publication_words_insert after insert on publication_words
  referencing new table as fresh for each statement execute function kitap_publication_words_in();
create trigger publication_words_update_in after update on publication_words
  referencing new table as fresh for each statement execute function kitap_publication_words_in();
create trigger publication_words_update_out after update on publication_words
  referencing old table as stale for each statement execute function kitap_publication_words_out();
create trigger publication_words_delete after delete on publication_words
  referencing old table as stale for each statement execute function kitap_publication_words_out();

-- The lexicon is built again from what readers see: the store indexes every publication again when its
-- INDEX_VERSION changes (src/store/search.ts), which fills publication_words and so search_words.
delete from search_words;

-- /covers/{name} now asks whether a readable file has this cover (src/store/files.ts isReadableCover): up to twenty
-- such requests come with every browse page, and without an index each read the whole files table.
create index files_cover on files (cover_sha256) where cover_sha256 is not null;
