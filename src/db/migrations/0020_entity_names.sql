-- Issue 18: organisations, people, projects and topics in four languages, with their identifiers, and the
-- addresses of entities merged away or renamed (they redirect for ever).

-- An organisation's abbreviation in each language ("IOM", "МОМ", "ХКҰ"); `abbreviation` stays the default
-- (importers match on it, and it names the slug). ROR: the 9-character id, e.g. 0xh5k1j73.
alter table organisations
  add column abbreviations jsonb not null default '{}',
  add column ror text check (ror ~ '^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$');
update organisations set abbreviations = jsonb_build_object(case when abbreviation ~ '[Ѐ-ӿ]' then 'ru' else 'en' end, abbreviation)
  where abbreviation is not null;

-- A person's name in parts, per language ({"en": "Aigerim", "ru": "Айгерим"}); `names` is the name as shown
-- in each language, in that language's order (src/domain/names.ts), written by the store beside the parts.
-- `name` stays the name as first catalogued: importers find a person by it.
alter table people
  add column given jsonb not null default '{}',
  add column family jsonb not null default '{}',
  add column patronymic jsonb not null default '{}',
  add column names jsonb not null default '{}',
  add column orcid text check (orcid ~ '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$');
update people set names = jsonb_build_object(case when name ~ '[Ѐ-ӿ]' then 'ru' else 'en' end, name);

-- A project's abbreviation in each language, and the numbers of the grants that fund it.
alter table projects
  add column abbreviations jsonb not null default '{}',
  add column grants text[] not null default '{}';
update projects set abbreviations = jsonb_build_object(case when abbreviation ~ '[Ѐ-ӿ]' then 'ru' else 'en' end, abbreviation)
  where abbreviation is not null;

alter table topics add column updated_at timestamptz not null default now();

-- The old slug of an entity that was renamed or merged into another: /people/old-slug answers 301.
create table entity_redirects (
  type text not null check (type in ('organisations', 'people', 'projects', 'topics')),
  slug text not null,
  target_id int not null,
  created_at timestamptz not null default now(),
  primary key (type, slug)
);
