-- Issue 20. Two things the search needs of the text of files:
--
-- 1. Latin typing finds Cyrillic words (and back) in the text of files, not only in metadata: every word of the
--    lexicon (search_words) gets its script-neutral key, the same as src/search/translit.ts skeleton() gives
--    ("migratsiya", "migracija", "migraciya" and "миграция" all give "migracia"), so that a query word can be
--    looked up in the spellings the library really has. Only new words are keyed: the key of a word already in
--    the lexicon is never computed again.
-- 2. Each page of a file may have a language of its own (a Russian manual with English code samples), decided
--    per page at ingest (src/search/page-language.ts); a page without one is indexed in its file's language.

-- src/search/translit.ts skeleton() in SQL; search.test.ts compares the two on many spellings.
create or replace function kitap_skeleton(word text) returns text
language plpgsql immutable strict parallel safe as $$
declare
  s text := lower(word);
begin
  s := replace(replace(s, 'я', 'ia'), 'ю', 'iu');
  s := translate(s, 'аәбвгғдеёжзийікқлмнңоөпрстуұүфхһцчшщыэъь', 'aabvggdeejziiikklmnnooprstuuufkkccssie');
  s := replace(replace(replace(replace(replace(replace(replace(s, 'ž', 'zh'), 'č', 'ch'), 'ŝ', 'shch'), 'š', 'sh'), 'û', 'yu'), 'â', 'ya'), 'ý', 'u');
  s := regexp_replace(s, 'y[''’ʼ]', 'u', 'g');
  s := kitap_unaccent(replace(s, 'ı', 'i'));
  s := regexp_replace(s, 'shch|sch|shh', 's', 'g');
  s := regexp_replace(s, 'dzh|zh', 'j', 'g');
  s := regexp_replace(s, 'dj', 'j', 'g');
  s := regexp_replace(s, 'kh', 'k', 'g');
  s := regexp_replace(s, 'gh', 'g', 'g');
  s := regexp_replace(s, 'ch|cz', 'c', 'g');
  s := regexp_replace(s, 'sh|sz', 's', 'g');
  s := regexp_replace(s, 'ts|tz', 'c', 'g');
  s := regexp_replace(s, 'c(?=[aou])', 'k', 'g');
  s := regexp_replace(s, 'ng', 'n', 'g');
  s := regexp_replace(s, 'ye', 'e', 'g');
  s := regexp_replace(s, 'ya', 'ia', 'g');
  s := regexp_replace(s, 'yu', 'iu', 'g');
  s := regexp_replace(s, 'yo', 'io', 'g');
  s := translate(s, 'yqwh', 'ikvk');
  s := replace(s, 'x', 'ks');
  s := regexp_replace(s, '[^a-z0-9]', '', 'g');
  return regexp_replace(s, '(.)\1+', '\1', 'g');
end $$;

alter table search_words add column skel text;
update search_words set skel = kitap_skeleton(word);
create index search_words_skel on search_words (skel);

-- Words enter the lexicon only through publication_words, the words readers can see (migration 0016); they
-- come in now with their keys, computed for new words only.
create or replace function kitap_publication_words_in() returns trigger
language plpgsql as $$
begin
  insert into search_words (word, skel)
  select x.w, kitap_skeleton(x.w) from (select distinct unnest(n.words) as w from fresh n) x
  where not exists (select 1 from search_words s where s.word = x.w)
  order by 1 on conflict (word) do nothing;
  return null;
end $$;

-- The language of a page, when it was decided on its own; null: its file's.
alter table file_pages add column language text;

create or replace function kitap_file_pages_search() returns trigger
language plpgsql as $$
begin
  new.search := kitap_tsvector(coalesce(new.language, (select f.language from files f where f.id = new.file_id), 'any'), new.text);
  return new;
end $$;
drop trigger file_pages_search on file_pages;
create trigger file_pages_search before insert or update of text, language on file_pages
  for each row execute function kitap_file_pages_search();

-- A file's language changing re-indexes only its pages that have none of their own.
create or replace function kitap_files_language() returns trigger
language plpgsql as $$
begin
  update file_pages set search = kitap_tsvector(coalesce(new.language, 'any'), text) where file_id = new.id and language is null;
  return new;
end $$;
