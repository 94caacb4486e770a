-- The catalogue: publications and the entities they point to.
-- Multilingual values are jsonb maps from ISO 639-1 code to text: {"en": "…", "ru": "…"}.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create table organisations (
  id serial primary key,
  slug text not null unique,
  name jsonb not null,
  abbreviation text,
  url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table people (
  id serial primary key,
  slug text not null unique,
  name text not null,
  affiliation text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table projects (
  id serial primary key,
  slug text not null unique,
  name jsonb not null,
  abbreviation text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table topics (
  id serial primary key,
  slug text not null unique,
  label jsonb not null,
  created_at timestamptz not null default now()
);

create table publications (
  id serial primary key,
  slug text not null unique,
  kind text not null,
  status text not null default 'draft' check (status in ('draft', 'in_review', 'published', 'withdrawn')),
  featured boolean not null default false,
  title jsonb not null,
  subtitle jsonb not null default '{}',
  abstract jsonb not null default '{}',
  original_language text not null default 'en',
  year int,
  published_on date,
  pages int,
  formats text[] not null default '{}',
  languages text[] not null default '{}',
  countries text[] not null default '{}',
  series text,
  download boolean not null default false,
  print_on_request boolean not null default false,
  for_sale boolean not null default false,
  price text,
  external_url text,
  contact_phone text,
  withdrawn_reason text,
  -- Maintained by the store on every write; 'simple' config until the search issue adds per-language stemming.
  search tsvector not null default ''::tsvector,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz
);
create index publications_status_year on publications (status, year desc, id desc);
create index publications_status_created on publications (status, created_at desc, id desc);
create index publications_kind on publications (kind);
create index publications_languages on publications using gin (languages);
create index publications_countries on publications using gin (countries);
create index publications_search on publications using gin (search);

create table publication_people (
  publication_id int not null references publications on delete cascade,
  person_id int not null references people,
  role text not null,
  position int not null default 0,
  primary key (publication_id, person_id, role)
);
create index publication_people_person on publication_people (person_id);

create table publication_organisations (
  publication_id int not null references publications on delete cascade,
  organisation_id int not null references organisations,
  role text not null,
  position int not null default 0,
  primary key (publication_id, organisation_id, role)
);
create index publication_organisations_org on publication_organisations (organisation_id, role);

create table publication_projects (
  publication_id int not null references publications on delete cascade,
  project_id int not null references projects,
  primary key (publication_id, project_id)
);
create index publication_projects_project on publication_projects (project_id);

create table publication_topics (
  publication_id int not null references publications on delete cascade,
  topic_id int not null references topics,
  primary key (publication_id, topic_id)
);
create index publication_topics_topic on publication_topics (topic_id);

create table publication_identifiers (
  publication_id int not null references publications on delete cascade,
  scheme text not null,
  value text not null,
  primary key (publication_id, scheme, value)
);

-- "source TYPE target", e.g. an executive summary executiveSummaryOf its report.
create table publication_relations (
  source_id int not null references publications on delete cascade,
  type text not null,
  target_id int not null references publications on delete cascade,
  primary key (source_id, type, target_id),
  check (source_id <> target_id)
);
create index publication_relations_target on publication_relations (target_id);

-- Bytes live in the content-addressed file store (DATA_DIR/files/ab/abcdef…); rows point to them.
create table files (
  id serial primary key,
  publication_id int not null references publications on delete cascade,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  original_name text not null,
  media_type text not null,
  size bigint not null,
  pages int,
  language text,
  is_sample boolean not null default false,
  position int not null default 0,
  created_at timestamptz not null default now()
);
create index files_publication on files (publication_id);
create index files_sha256 on files (sha256);
