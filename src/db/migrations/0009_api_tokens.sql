-- API tokens: a program acts through /api/v1 as the staff member who made the token, with that
-- person's role. Only token_hash (sha256 of the random token) is kept, as for sessions: a copy of
-- this table lets no one in. A revoked token stays listed (revoked_at), so "who did this" stays answerable.
create table api_tokens (
  id serial primary key,
  user_id int not null references users on delete cascade,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);
