// The staff's view of a publication's files: every version, embargo dates, the chosen cover.
// Readers see only current, unembargoed files (src/store/visibility.ts).
import type { Db } from '../db/db.ts';
import type { LocalizedText } from '../domain/publication.ts';
import type { FileRecord } from '../domain/records.ts';

export interface StaffFile extends FileRecord {
  replaced_by: number | null;
  embargo_until: string | null;
  is_cover: boolean;
  created_at: Date;
}

const COLUMNS =
  'id, sha256, original_name, media_type, size, pages, language, is_sample, replaced_by, embargo_until, is_cover, created_at, licence, rights_holder, label';

/** Every file of a publication, old versions included, in the order readers see them. */
export async function filesOfPublication(db: Db, publicationId: number): Promise<StaffFile[]> {
  return db.query(
    `select ${COLUMNS} from files where publication_id = $1 order by replaced_by nulls first, position, id`,
    [publicationId],
  );
}

/** One file of a publication (any version), or null. */
export async function staffFile(db: Db, publicationId: number, fileId: number): Promise<StaffFile | null> {
  return db.one(`select ${COLUMNS} from files where publication_id = $1 and id = $2`, [publicationId, fileId]);
}

/** What staff may set on a file. */
export interface FileMeta {
  language: string | null;
  embargo_until: string | null;
  is_sample: boolean;
  licence?: string | null;
  rights_holder?: string | null;
  /** Per language; {} for none. */
  label?: LocalizedText;
}

export async function updateFileMeta(db: Db, fileId: number, m: FileMeta): Promise<void> {
  await db.query(
    'update files set language = $2, embargo_until = $3, is_sample = $4, licence = $5, rights_holder = $6, label = $7 where id = $1',
    [
      fileId,
      m.language,
      m.embargo_until,
      m.is_sample,
      m.licence ?? null,
      m.rights_holder ?? null,
      JSON.stringify(m.label ?? {}),
    ],
  );
}

/** Makes this file the publication's cover (and no other); it also goes first, where readers look. */
export async function setCover(db: Db, publicationId: number, fileId: number): Promise<void> {
  await db.query('update files set is_cover = false where publication_id = $1 and is_cover', [publicationId]);
  await db.query(
    `update files set is_cover = true, position = (select coalesce(min(position), 0) - 1 from files where publication_id = $1)
      where publication_id = $1 and id = $2`,
    [publicationId, fileId],
  );
}

/** The file is no longer the publication's chosen cover (the first page of its first PDF is used again). */
export async function clearCover(db: Db, fileId: number): Promise<void> {
  await db.query('update files set is_cover = false where id = $1', [fileId]);
}

/** The new file takes the old one's place: its position, cover and sample marks; the old one points to it. */
export async function supersede(db: Db, oldId: number, newId: number): Promise<void> {
  const old = await db.one<{ is_cover: boolean }>('select is_cover from files where id = $1', [oldId]);
  await db.query(
    `update files n set position = o.position, is_sample = o.is_sample, language = coalesce(n.language, o.language),
            embargo_until = coalesce(n.embargo_until, o.embargo_until),
            label = case when n.label = '{}'::jsonb then o.label else n.label end
       from files o where o.id = $1 and n.id = $2`,
    [oldId, newId],
  );
  await db.query('update files set replaced_by = $2, is_cover = false where id = $1', [oldId, newId]);
  if (old?.is_cover) await db.query('update files set is_cover = true where id = $1', [newId]);
}

/** The newest version in the chain that fileId (of this publication) belongs to, or null when there is no such file. */
export async function currentVersionOf(db: Db, publicationId: number, fileId: number): Promise<number | null> {
  const row = await db.one<{ id: number }>(
    `with recursive chain (id, replaced_by) as (
       select id, replaced_by from files where id = $2 and publication_id = $1
       union all select f.id, f.replaced_by from files f join chain c on f.id = c.replaced_by)
     select id from chain where replaced_by is null limit 1`,
    [publicationId, fileId],
  );
  return row?.id ?? null;
}

/** The metadata of every file, for history snapshots. */
export async function fileSnapshot(db: Db, publicationId: number): Promise<Array<Record<string, unknown>>> {
  return db.query(
    `select id, original_name as name, sha256, size, language, is_sample, embargo_until, is_cover, replaced_by, label
       from files where publication_id = $1 order by id`,
    [publicationId],
  );
}

/**
 * Removes one version of a file (issue 18): the versions before it then point to the one after it, and when it
 * was the current one, the version before it becomes current again (with its cover mark). The bytes stay in the
 * file store, which is shared by content.
 */
export async function removeFileVersion(db: Db, publicationId: number, fileId: number): Promise<void> {
  const f = await db.one<{ replaced_by: number | null; is_cover: boolean }>(
    'select replaced_by, is_cover from files where publication_id = $1 and id = $2',
    [publicationId, fileId],
  );
  if (!f) return;
  const before = await db.query<{ id: number }>(
    'update files set replaced_by = $3 where publication_id = $1 and replaced_by = $2 returning id',
    [publicationId, fileId, f.replaced_by],
  );
  await db.query('delete from files where id = $1', [fileId]);
  if (f.is_cover && f.replaced_by === null && before[0]) await setCover(db, publicationId, before[0].id);
}
