-- Issue 19: the reason a publication was withdrawn, in each language staff write it in ({"en": "…", "ru": "…"}),
-- so that its tombstone gives the reason in the reader's language. An existing reason is kept under the
-- record's original language (the language staff most likely wrote it in).
alter table publications alter column withdrawn_reason type jsonb
  using case when withdrawn_reason is null or btrim(withdrawn_reason) = '' then null
             else jsonb_build_object(original_language, withdrawn_reason) end;
