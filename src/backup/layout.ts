// A backup folder (`kitap backup DIR`):
//   DIR/kitap-backup.json                 what the folder is (format, version)
//   DIR/files/ab/<sha256>                 each file once, shared by every snapshot (incremental)
//   DIR/snapshots/<id>/manifest.json      one snapshot: its tables and every file with its SHA-256 and size
//   DIR/snapshots/<id>/db/<table>.jsonl.gz  the rows of one table, one JSON object a line
// A snapshot is written under snapshots/.partial-<id>-<pid> and renamed when complete, so a folder named
// like a snapshot always holds a whole one; what a killed backup leaves (.partial-…, files/**/.…tmp) is
// removed by the next backup once its process is gone.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isAlive } from '../ops/alive.ts';

export const BACKUP_FORMAT = 'kitap-backup';
export const BACKUP_VERSION = 1;
/** A snapshot's id: the UTC time it was taken (20261206T075210Z), with -2, -3… for a second one that second. */
export const SNAPSHOT_ID = /^\d{8}T\d{6}Z(-\d+)?$/;
const SHA256 = /^[0-9a-f]{64}$/;

export class BackupError extends Error {}

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  id: z.string().regex(SNAPSHOT_ID),
  created_at: z.string(),
  database: z.enum(['pglite', 'postgres']),
  schema_version: z.number().int(),
  /** Every migration the database had: a restore brings an empty database to exactly this schema, loads, then upgrades. */
  migrations: z.array(z.number().int()),
  tables: z.array(
    z.object({
      name: z.string().regex(/^[a-z_]+$/),
      rows: z.number().int().min(0),
      file: z.string().regex(/^db\/[a-z_]+\.jsonl\.gz$/),
      sha256: z.string().regex(SHA256),
    }),
  ),
  files: z.array(
    z.object({
      sha256: z.string().regex(SHA256),
      size: z.number().int().min(0),
      used_by: z.array(z.string()),
    }),
  ),
  /** Files this snapshot copied (the others were already in DIR/files). */
  copied: z.number().int().min(0),
  copied_bytes: z.number().int().min(0),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const snapshotsDir = (dir: string) => path.join(dir, 'snapshots');
export const snapshotDir = (dir: string, id: string) => path.join(dir, 'snapshots', id);
export function blobPath(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new BackupError(`not a sha256 checksum: ${sha256.slice(0, 80)}`);
  return path.join(dir, 'files', sha256.slice(0, 2), sha256);
}
const markerPath = (dir: string) => path.join(dir, 'kitap-backup.json');

/** Checks that DIR is a backup folder; with create, makes one of a missing or empty folder (mode 0700). */
export function openBackupDir(dir: string, create: boolean): void {
  if (fs.existsSync(markerPath(dir))) {
    const marker = JSON.parse(fs.readFileSync(markerPath(dir), 'utf8')) as { format?: string; version?: number };
    if (marker.format !== BACKUP_FORMAT || marker.version !== BACKUP_VERSION)
      throw new BackupError(`${dir} holds backups of another format (${JSON.stringify(marker)})`);
    return;
  }
  if (!create) throw new BackupError(`${dir} is not a Kitap backup folder (it has no kitap-backup.json)`);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length)
    throw new BackupError(`${dir} is not empty and not a Kitap backup folder: give an empty or new folder`);
  fs.mkdirSync(path.join(dir, 'files'), { recursive: true, mode: 0o700 });
  fs.mkdirSync(snapshotsDir(dir), { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  fs.writeFileSync(markerPath(dir), `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION })}\n`);
}

/** The complete snapshots, oldest first. */
export function listSnapshots(dir: string): string[] {
  if (!fs.existsSync(snapshotsDir(dir))) return [];
  return fs
    .readdirSync(snapshotsDir(dir))
    .filter((n) => SNAPSHOT_ID.test(n) && fs.existsSync(path.join(snapshotsDir(dir), n, 'manifest.json')))
    .sort();
}

/** Snapshots a backup began and never finished (its process was stopped or killed). */
export function unfinishedSnapshots(dir: string): string[] {
  if (!fs.existsSync(snapshotsDir(dir))) return [];
  return fs.readdirSync(snapshotsDir(dir)).filter((n) => n.startsWith('.partial-'));
}

export function readManifest(dir: string, id: string): Manifest {
  const file = path.join(snapshotDir(dir, id), 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BackupError(`snapshot ${id}: manifest.json cannot be read (${(err as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BackupError(
      `snapshot ${id}: manifest.json is not a Kitap backup manifest (${parsed.error.issues[0]?.message})`,
    );
  return parsed.data;
}

/** A new snapshot id for now, unique in DIR. */
export function newSnapshotId(dir: string, now = new Date()): string {
  const base = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const taken = new Set(fs.existsSync(snapshotsDir(dir)) ? fs.readdirSync(snapshotsDir(dir)) : []);
  const used = (id: string) => [...taken].some((n) => n === id || n.startsWith(`.partial-${id}-`));
  let id = base;
  for (let n = 2; used(id); n++) id = `${base}-${n}`;
  return id;
}

/** Removes what backups whose process is gone left half-written: unfinished snapshots and file copies. */
export function removeLeftovers(dir: string): number {
  let removed = 0;
  const dead = (name: string, re: RegExp) => {
    const pid = Number(re.exec(name)?.[1]);
    return pid > 0 && pid !== process.pid && !isAlive(pid);
  };
  for (const n of unfinishedSnapshots(dir))
    if (dead(n, /-(\d+)$/)) {
      fs.rmSync(path.join(snapshotsDir(dir), n), { recursive: true, force: true });
      removed++;
    }
  const files = path.join(dir, 'files');
  if (fs.existsSync(files))
    for (const d of fs.readdirSync(files))
      for (const f of fs.existsSync(path.join(files, d)) ? fs.readdirSync(path.join(files, d)) : [])
        if (f.startsWith('.') && dead(f, /\.(\d+)\.tmp$/)) fs.rmSync(path.join(files, d, f), { force: true });
  return removed;
}

/** Makes a rename durable: the folder that holds the new name is written to disk. */
export function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
