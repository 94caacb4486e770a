-- Issue 18: a publication's old slugs. /publications/<old> (and everything under it) answers 301 to the
-- current slug for ever; a live publication's slug always wins over an old one.
create table publication_redirects (
  slug text primary key,
  publication_id int not null references publications on delete cascade,
  created_at timestamptz not null default now()
);
create index publication_redirects_publication on publication_redirects (publication_id);
