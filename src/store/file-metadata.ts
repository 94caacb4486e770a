// What ingest read from a publication's files (files.metadata, and the text of their first and last pages):
// the source of suggestions for its empty fields.
import type { Db } from '../db/db.ts';
import type { DocumentMetadata } from './ingest-jobs.ts';

/** A file and what its ingest read from it. */
export interface FileMetadata {
  id: number;
  original_name: string;
  language: string | null;
  pages: number | null;
  metadata: Partial<DocumentMetadata> | null;
  /** The text of its first four and last two pages, where a title page, its back or a colophon states a date. */
  edge_pages: Array<{ page: number; text: string }> | null;
}

/** The publication's current files, samples left out (their metadata is the demo's), in readers' order. */
export async function fileMetadataOf(db: Db, publicationId: number): Promise<FileMetadata[]> {
  return db.query(
    `select f.id, f.original_name, f.language, f.pages, f.metadata,
            (select json_agg(json_build_object('page', fp.page, 'text', left(fp.text, 8000)) order by fp.page)
               from file_pages fp where fp.file_id = f.id and (fp.page <= 4 or fp.page > coalesce(f.pages, 0) - 2)) as edge_pages
       from files f
      where f.publication_id = $1 and f.replaced_by is null and not f.is_sample order by f.position, f.id`,
    [publicationId],
  );
}
