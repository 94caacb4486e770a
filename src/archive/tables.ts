// The tables an archive carries, parents before children, so a restore can insert them in this order.
// A migration that adds a table adds it here too (the archive test fails on a table missing from this list).
export const ARCHIVE_TABLES = [
  'topics', 'organisations', 'people', 'projects', 'publications',
  'publication_people', 'publication_organisations', 'publication_projects', 'publication_topics',
  'publication_identifiers', 'publication_relations', 'files', 'file_pages', 'ingest_jobs',
  'users', 'publication_changes', 'reader_requests', 'publication_subjects', 'entity_redirects', 'entity_changes', 'deleted_publications', 'publication_redirects',
] as const;

/** Tables that are deliberately not archived: bookkeeping, and the search index, which a restore rebuilds. */
export const NOT_ARCHIVED = ['schema_migrations', 'sessions', 'user_setup_tokens', 'api_tokens', 'rate_limits', 'oai_resumption_tokens', 'search_concept_labels', 'search_state', 'publication_search',
  // The lexicon: file_words by the file_pages trigger, the others by the restore's indexing (migration 0016).
  'search_words', 'publication_words', 'file_words'] as const;

export const ARCHIVE_FORMAT = 'kitap-archive';
export const ARCHIVE_VERSION = 1;
