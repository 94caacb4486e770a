-- Issue 18: a deleted draft is kept here whole for 30 days, so an admin can undo the deletion: its row and the
-- rows of every table hanging off it (links, files and their text, history), as JSON, put back as they were.
create table deleted_publications (
  id serial primary key,
  publication_id int not null,
  slug text not null,
  title jsonb not null,
  original_language text not null,
  -- {"publications": [row], "files": [rows], "file_pages": [rows], …}: src/store/deleted.ts lists the tables.
  rows jsonb not null,
  user_id int references users on delete set null,
  deleted_at timestamptz not null default now(),
  restored_at timestamptz
);
create index deleted_publications_recent on deleted_publications (deleted_at desc);
