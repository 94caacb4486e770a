-- Issue 18: what staff write about a reader's request. A note stays with staff; a reply is mailed to the
-- reader through SMTP_URL and kept with when it was sent, or why it was not.
create table request_messages (
  id serial primary key,
  request_id int not null references reader_requests on delete cascade,
  kind text not null check (kind in ('note', 'reply')),
  user_id int references users on delete set null,
  subject text,
  body text not null,
  sent_to text,
  sent_at timestamptz,
  mail_error text,
  created_at timestamptz not null default now()
);
create index request_messages_request on request_messages (request_id, id);
