-- Issue 18: what a file is, in each language ("Full report", "Полный отчёт"), shown to readers instead of
-- its upload name. {"en": "…", "ru": "…"}; empty when staff have not named it.
alter table files add column label jsonb not null default '{}';
