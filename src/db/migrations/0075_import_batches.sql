-- Issue 12 item 4: the staff page "Import" keeps what it proposes between the preview and the import here,
-- one row per upload or paste, owned by the member of staff who made it, for a day at most. The rows
-- (records as proposed and corrected, whether each is ticked, what each matches in the library) and the
-- report of unused lines are jsonb; nothing in them is trusted for permissions, which come from the session.
create table import_batches (
  id serial primary key,
  user_id integer not null references users (id) on delete cascade,
  source_name text not null,
  -- A remark on reading the source (e.g. converted from Windows-1251), null when none.
  notice text,
  rows jsonb not null,
  report jsonb not null,
  -- After the import: [{row, slug, title}] of the drafts made; null before.
  imported jsonb,
  created_at timestamptz not null default now(),
  imported_at timestamptz
);
create index import_batches_created on import_batches (created_at);

-- An imported publication's first history row says so, and its note names the source.
alter table publication_changes drop constraint publication_changes_action_check;
alter table publication_changes add constraint publication_changes_action_check
  check (action in ('baseline', 'created', 'edited', 'status', 'files', 'restored', 'imported'));
