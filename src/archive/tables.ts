// The tables an archive carries, parents before children, so a restore can insert them in this order.
// A migration that adds a table adds it here too (the archive test fails on a table missing from this list).
export const ARCHIVE_TABLES = [
  'topics',
  'organisations',
  'people',
  'projects',
  'publications',
  'publication_people',
  'publication_organisations',
  'publication_projects',
  'publication_topics',
  'publication_identifiers',
  'publication_relations',
  'import_sources',
  'files',
  'file_pages',
  'ingest_jobs',
  'users',
  'api_tokens',
  'publication_changes',
  'reader_requests',
  'request_messages',
  'publication_subjects',
  'entity_redirects',
  'entity_changes',
  'deleted_publications',
  'publication_redirects',
  // Usage statistics: the daily counts travel (the monthly rollups follow them by triggers, migration 0041);
  // the raw events (a row per request) do not.
  'stats_daily',
] as const;

/** Tables that are deliberately not archived: bookkeeping, and the search index, which a restore rebuilds. */
export const NOT_ARCHIVED = [
  'schema_migrations',
  'sessions',
  'user_setup_tokens',
  'rate_limits',
  'oai_resumption_tokens',
  'search_concept_labels',
  'search_state',
  'publication_search',
  // The staff list's search text (migration 0025), rebuilt with the index.
  'publication_staff_text',
  // The lexicon: file_words by the file_pages trigger, the others by the restore's indexing (migration 0016).
  'search_words',
  'publication_words',
  'file_words',
  'stats_events',
  'stats_dirty_days',
  'stats_monthly',
  'stats_monthly_country',
  'stats_monthly_item',
  'stats_monthly_platform',
  // A staff import's proposal between preview and import, kept a day (migration 0075).
  'import_batches',
  // Fixity checks describe this machine's disks (migration 0050).
  'fixity_runs',
  // Citations formatted from the records, formatted again when missing (migration 0085).
  'publication_citations',
  // The records as item pages read them, kept again when missing (migration 0092).
  'publication_docs',
] as const;

/**
 * The tables a backup (`kitap backup DIR`) carries: everything an export does, with the accounts and readers'
 * requests always, and the staff's sessions and setup links and the usage events not yet rolled up, so that a
 * restored backup is the library as it was. The search index and the lexicon are built again, as for an export.
 */
export const BACKUP_TABLES = [
  ...ARCHIVE_TABLES,
  'sessions',
  'user_setup_tokens',
  'stats_events',
  'stats_dirty_days',
] as const;

export const ARCHIVE_FORMAT = 'kitap-archive';
export const ARCHIVE_VERSION = 1;

/** What an archive needs of a files row: its bytes and the cover drawn from it. */
export interface ArchivedFile {
  sha256: string;
  cover_sha256?: string | null;
}

/** The blobs of the file store an archive carries: every file's bytes and every cover (a cover is a blob of its own). */
export function archivedBlobs(files: ArchivedFile[]): string[] {
  return [...new Set(files.flatMap((f) => (f.cover_sha256 ? [f.sha256, f.cover_sha256] : [f.sha256])))];
}
