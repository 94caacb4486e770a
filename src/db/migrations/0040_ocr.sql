-- OCR (issue 14). A page's text may come from OCR: marked, with Tesseract's mean word confidence (0–100).
alter table file_pages add column ocr boolean not null default false;
alter table file_pages add column ocr_confidence real;

-- A job's OCR step, after its file is stored: pages without a text layer are read one by one, each stored
-- as it is read, so that a restart resumes with the pages still to do and a cancel keeps what was read.
-- ocr_state: null (nothing to OCR), 'pending', 'running', 'done', 'cancelled', 'timeout' (stopped at its
-- time limit, what was read is kept), 'unavailable' (Tesseract or a language pack missing: ocr_note names
-- the Debian package), 'failed'.
alter table ingest_jobs add column ocr_state text;
alter table ingest_jobs add column ocr_page integer not null default 0;
alter table ingest_jobs add column ocr_total integer;
alter table ingest_jobs add column ocr_languages text;
alter table ingest_jobs add column ocr_note text;
create index ingest_jobs_ocr_unfinished on ingest_jobs (id) where ocr_state in ('pending', 'running');

-- The other languages found in a file besides its main one (files.language), e.g. a Russian report's
-- English bibliography; filled by ingest (and after OCR).
alter table files add column other_languages text[] not null default '{}';
