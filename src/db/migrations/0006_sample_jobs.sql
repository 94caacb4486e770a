-- A job remembers whether its file is a generated sample (the demo's), so the file row says so.
alter table ingest_jobs add column is_sample boolean not null default false;
