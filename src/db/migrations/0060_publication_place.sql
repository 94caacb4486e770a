-- The place of publication as the publication states it ("Astana", "Астана"), one value per language
-- like the title: citations need it (GOST, Chicago, Harvard, RIS CY, BibTeX address, MODS placeTerm).
alter table publications add column place jsonb not null default '{}'::jsonb;
