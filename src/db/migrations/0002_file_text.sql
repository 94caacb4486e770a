-- What ingesting a file produces: its text page by page, a cover, and the background job that made them.
alter table files
  add column text_status text not null default 'pending' check (text_status in ('pending', 'extracted', 'no_text', 'failed', 'not_applicable')),
  add column cover_sha256 text check (cover_sha256 ~ '^[0-9a-f]{64}$'),
  add column warnings jsonb not null default '[]',
  add column metadata jsonb not null default '{}';

-- One row per page; running headers and footers are already removed from text.
create table file_pages (
  file_id int not null references files on delete cascade,
  page int not null check (page >= 1),
  text text not null default '',
  has_text boolean not null default true,
  primary key (file_id, page)
);

-- Background ingest jobs. State lives here so a restart can resume or retry what was unfinished.
create table ingest_jobs (
  id serial primary key,
  publication_id int not null references publications on delete cascade,
  file_id int references files on delete set null,
  -- The uploaded bytes, already in the file store; the file row is made when extraction succeeds.
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  original_name text not null,
  language text,
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  progress_page int not null default 0,
  progress_total int,
  error text,
  attempts int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index ingest_jobs_unfinished on ingest_jobs (state) where state in ('queued', 'running');
