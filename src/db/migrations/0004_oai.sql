-- OAI-PMH 2.0: resumption tokens that survive a restart, and the index the harvest pages along.

-- One row per page handed out: the list's arguments and where the next page starts (a keyset
-- position, never an offset). A token may be used again until it expires (a harvester retrying a
-- page gets the same page); expired rows are deleted when new tokens are made.
create table oai_resumption_tokens (
  token text primary key,
  verb text not null check (verb in ('ListRecords', 'ListIdentifiers')),
  metadata_prefix text not null,
  set_spec text,
  from_at timestamptz,
  -- Exclusive upper bound: `until` plus one unit of its granularity.
  until_before timestamptz,
  after_updated_at timestamptz not null,
  after_id int not null,
  cursor int not null,
  complete_list_size int not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index oai_resumption_tokens_expires on oai_resumption_tokens (expires_at);

-- The harvest order: datestamp (updated_at) then id, over the publications that are OAI records: every
-- one that was ever public, and every withdrawn one (both stay as deleted records once not published).
create index publications_oai on publications (updated_at, id) where (published_at is not null or status = 'withdrawn');
