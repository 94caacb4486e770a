-- Fixity checks (issue 16): each time every stored file was re-read and its SHA-256 compared, by
-- `kitap fixity` or the server's schedule (FIXITY_INTERVAL_HOURS). problems holds one entry per blob
-- that differs or is missing: {sha256, state: 'damaged'|'missing', actual, used_by: [...]}.
-- Bookkeeping of this machine's disks: neither exported nor backed up.
create table fixity_runs (
  id serial primary key,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  trigger text not null check (trigger in ('command', 'schedule')),
  files_checked int not null default 0,
  bytes_checked bigint not null default 0,
  problems jsonb not null default '[]'
);
create index fixity_runs_started on fixity_runs (started_at desc);
