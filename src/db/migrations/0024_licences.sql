-- Issue 18: the licence of a publication and, where it differs, of a file: an SPDX identifier (CC-BY-4.0) or
-- 'all-rights-reserved', with the holder of the rights. Null: not stated (a file: as its publication).
alter table publications add column licence text, add column rights_holder text;
alter table files add column licence text, add column rights_holder text;
