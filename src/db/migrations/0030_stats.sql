-- Usage statistics (issue 15), counted by the COUNTER Code of Practice R5.1 (src/stats/).
-- One row per request a person made for an item page (file_id null: an investigation) or a file (a request):
-- robots are never written. No address and no user agent: `visitor` is a hash of them with a salt that is
-- replaced every day and kept only in memory, so a row cannot be tied to a person nor to another day's rows.
-- Double clicks, the one-hour sessions and byte ranges are applied when a day is rolled up (store/stats-daily.ts),
-- so live counting and imported logs follow the same rules.
create table stats_events (
  id bigserial primary key,
  at timestamptz not null,
  visitor text not null,
  publication_id int not null references publications on delete cascade,
  file_id int,
  -- a byte range that does not start at 0 (or a 206 in an imported log): the continuation of a download
  partial boolean not null default false,
  country text check (country ~ '^[A-Z]{2}$'),
  -- an imported log line's hash: importing the same log twice adds nothing
  source text
);
create index stats_events_at on stats_events (at);
create unique index stats_events_source on stats_events (source) where source is not null;

-- The counts of each day (UTC), publication, file (0: the item page) and country ('' unknown).
-- Unique counts are attributed to the first counted event of a session, so they add up at any grain.
create table stats_daily (
  day date not null,
  publication_id int not null references publications on delete cascade,
  file_id int not null default 0,
  country text not null default '',
  investigations int not null default 0,
  unique_investigations int not null default 0,
  requests int not null default 0,
  unique_requests int not null default 0,
  primary key (day, publication_id, file_id, country)
);
create index stats_daily_publication on stats_daily (publication_id, day);

-- The same by month, which every report reads (a year is at most 12 rows per publication and file): one table
-- without the country, one without the file, so that neither multiplies the other.
create table stats_monthly (
  month date not null,
  publication_id int not null references publications on delete cascade,
  file_id int not null default 0,
  investigations int not null default 0,
  unique_investigations int not null default 0,
  requests int not null default 0,
  unique_requests int not null default 0,
  primary key (month, publication_id, file_id)
);
create table stats_monthly_country (
  month date not null,
  publication_id int not null references publications on delete cascade,
  country text not null default '',
  investigations int not null default 0,
  unique_investigations int not null default 0,
  requests int not null default 0,
  unique_requests int not null default 0,
  primary key (month, publication_id, country)
);

-- Days with events not yet rolled up.
create table stats_dirty_days (day date primary key);
