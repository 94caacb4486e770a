-- Staff: accounts and their sessions, the history of every publication change, readers' requests,
-- file versions, embargoes and the chosen cover.

create table users (
  id serial primary key,
  -- Stored lower-cased: one account per address, whatever case it is typed in.
  email text not null unique check (email = lower(email)),
  name text,
  role text not null check (role in ('admin', 'editor', 'contributor')),
  -- scrypt$N$r$p$salt$hash (base64url); null until the account's setup link is used.
  password_hash text,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One-time links that let a new account choose its password; only a hash of the token is kept.
create table user_setup_tokens (
  token_hash text primary key,
  user_id int not null references users on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);

-- Sessions live in the database so "log out everywhere" and disabling an account take effect at once.
-- id_hash is sha256 of the cookie's token: a copy of this table does not let anyone in.
create table sessions (
  id_hash text primary key,
  user_id int not null references users on delete cascade,
  -- The per-session token every staff form carries in a hidden field (CSRF, second defence).
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

-- Fixed-window counters for login attempts and readers' requests; key is a hash, never a raw address.
create table rate_limits (
  bucket text not null,
  key text not null,
  window_start timestamptz not null default now(),
  hits int not null default 0,
  primary key (bucket, key)
);

-- Every change to a publication: who, when, and the whole record afterwards (a PublicationInput as
-- JSON, plus its files' metadata). Diffs are computed between consecutive snapshots when shown.
create table publication_changes (
  id serial primary key,
  publication_id int not null references publications on delete cascade,
  user_id int references users on delete set null,
  action text not null check (action in ('baseline', 'created', 'edited', 'status', 'files', 'restored')),
  snapshot jsonb not null,
  files jsonb not null default '[]',
  note text,
  created_at timestamptz not null default now()
);
create index publication_changes_publication on publication_changes (publication_id, id desc);

-- Readers' requests: print copies ordered, or a question about a publication.
create table reader_requests (
  id serial primary key,
  publication_id int references publications on delete set null,
  kind text not null check (kind in ('order', 'contact')),
  name text not null,
  organisation text,
  email text not null,
  quantity int check (quantity between 1 and 1000),
  postal_address text,
  message text,
  -- The interface language the reader wrote in, so staff can answer in it.
  language text not null default 'en',
  status text not null default 'new' check (status in ('new', 'in_progress', 'done')),
  handled_by int references users on delete set null,
  mailed_at timestamptz,
  mail_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index reader_requests_status on reader_requests (status, id desc);

-- A new version of a file keeps the old row, pointing to its successor; readers see only current files.
-- An embargoed file is listed and served to readers from embargo_until on.
alter table files
  add column replaced_by int references files on delete set null,
  add column embargo_until date,
  add column is_cover boolean not null default false;
create unique index files_one_cover on files (publication_id) where is_cover;
