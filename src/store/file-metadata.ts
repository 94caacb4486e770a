// What ingest read from a publication's files (files.metadata): the source of suggestions for its empty fields.
import type { Db } from '../db/db.ts';
import type { DocumentMetadata } from './ingest-jobs.ts';

/** A file and what its ingest read from it. */
export interface FileMetadata {
  id: number;
  original_name: string;
  language: string | null;
  pages: number | null;
  metadata: Partial<DocumentMetadata> | null;
}

/** The publication's current files, samples left out (their metadata is the demo's), in readers' order. */
export async function fileMetadataOf(db: Db, publicationId: number): Promise<FileMetadata[]> {
  return db.query(
    `select id, original_name, language, pages, metadata from files
      where publication_id = $1 and replaced_by is null and not is_sample order by position, id`,
    [publicationId],
  );
}
