-- Issue 16: several instances on one PostgreSQL. A worker claims a job with FOR UPDATE SKIP LOCKED and holds
-- it under a lease it renews while it works; a job whose lease ran out (its instance died) is taken over.
alter table ingest_jobs add column lease_owner text;
alter table ingest_jobs add column lease_until timestamptz;
