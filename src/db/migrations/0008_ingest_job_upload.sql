-- A PDF uploaded from the staff pages is read by an ingest job; the job keeps what the upload form said,
-- so the file row it makes gets the same embargo and version link, and the change is recorded in the
-- publication's history as made by that member of staff.
alter table ingest_jobs
  -- Deferred: an archive restores ingest_jobs before users (src/archive/tables.ts), in one transaction.
  add column user_id int references users on delete set null deferrable initially deferred,
  add column embargo_until date,
  -- The file this upload is a new version of.
  add column replaces int references files on delete set null,
  -- Why a job failed as a key for translations (the extractor's RejectionCode, or 'duplicate', 'missing',
  -- 'gave-up', 'internal'); error keeps the English sentence with its details.
  add column error_code text;

-- The staff page of a publication lists its jobs.
create index ingest_jobs_publication on ingest_jobs (publication_id);
