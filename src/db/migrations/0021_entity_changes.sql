-- Issue 18: what staff did to organisations, people, projects and topics (renamed, merged, deleted, restored):
-- the entity as it was before, and for a merge or deletion its links, so an admin can put it back.
create table entity_changes (
  id serial primary key,
  type text not null check (type in ('organisations', 'people', 'projects', 'topics')),
  -- No foreign key: a merged or deleted entity is gone, its history stays.
  entity_id int not null,
  user_id int references users on delete set null,
  action text not null check (action in ('edited', 'merged', 'deleted', 'restored')),
  before jsonb not null,
  -- [{publication_id, role, position}] for a merge or deletion.
  links jsonb not null default '[]',
  merged_into int,
  undone_at timestamptz,
  created_at timestamptz not null default now()
);
create index entity_changes_entity on entity_changes (type, entity_id, id desc);
create index entity_changes_recent on entity_changes (id desc);
