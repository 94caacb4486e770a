// File rows: what the store's blobs are, and to which publication they belong.
import type { Db } from '../db/db.ts';
import type { FileRecord } from '../domain/records.ts';
import { READABLE_FILE, readableFileSql, readablePublicationSql } from './visibility.ts';

/** A file readers may see (src/store/visibility.ts) of the publication with this slug, or null. */
export async function readableFile(db: Db, slug: string, fileId: number): Promise<FileRecord | null> {
  return db.one(
    `select f.id, f.sha256, f.original_name, f.media_type, f.size, f.pages, f.language, f.is_sample
       from files f join publications p on p.id = f.publication_id
      where p.slug = $1 and f.id = $2 and ${readablePublicationSql('p')} and ${READABLE_FILE}`,
    [slug, fileId],
  );
}

/** Whether a cover image belongs to a file readers may see (of a readable publication): what /covers serves. */
export async function isReadableCover(db: Db, sha256: string): Promise<boolean> {
  return (
    (await db.one(`select 1 from files f where f.cover_sha256 = $1 and ${readableFileSql('f')} limit 1`, [sha256])) !==
    null
  );
}

export interface NewFile {
  sha256: string;
  original_name: string;
  media_type: string;
  size: number;
  pages?: number | null;
  language?: string | null;
  is_sample?: boolean;
  /** 'not_applicable' for a file that is not read for text (not a PDF); 'pending' until read when unset. */
  text_status?: 'not_applicable' | 'extracted';
}

/** Records a stored blob as a file of a publication; returns its id. */
export async function addFile(db: Db, publicationId: number, f: NewFile): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into files (publication_id, sha256, original_name, media_type, size, pages, language, is_sample, position, text_status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, (select coalesce(max(position) + 1, 0) from files where publication_id = $1), coalesce($9, 'pending'))
     returning id`,
    [
      publicationId,
      f.sha256,
      f.original_name,
      f.media_type,
      f.size,
      f.pages ?? null,
      f.language ?? null,
      f.is_sample ?? false,
      f.text_status ?? null,
    ],
  );
  return row!.id;
}

/** Stores the text of a file's pages as read (page numbers from 1). */
export async function addFilePages(
  db: Db,
  fileId: number,
  pages: Array<{ page: number; text: string; language?: string | null }>,
): Promise<void> {
  // A page's own language (src/search/page-language.ts); none: its file's.
  for (const p of pages)
    await db.query('insert into file_pages (file_id, page, text, language) values ($1, $2, $3, $4)', [
      fileId,
      p.page,
      p.text,
      p.language ?? null,
    ]);
}
