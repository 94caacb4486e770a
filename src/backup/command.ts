// `kitap backup DIR`, `kitap restore FILE.tar.gz | DIR [--snapshot ID]` and `kitap fixity [DIR]`.
import fs from 'node:fs';
import { oneFile } from '../archive/command.ts';
import { restoreArchive } from '../archive/restore.ts';
import { UsageError, type Command } from '../cli/command.ts';
import { migrate } from '../db/migrate.ts';
import { openRuntime } from '../runtime.ts';
import { writeBackup } from './backup.ts';
import { checkBackupDir, checkFileStore, describeProblem } from './fixity.ts';
import { BackupError } from './layout.ts';
import { restoreBackup } from './restore.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write a consistent, incremental snapshot (database and files) into a backup folder',
  usage: `kitap backup DIR

Writes one snapshot of the library into DIR (made if missing, mode 0700): the database read in one
transaction (every record as of one moment, the staff accounts, sessions and readers' requests included)
and every file it needs, checked against its SHA-256. Files live in DIR/files once, shared by all snapshots:
a file an earlier snapshot copied is not copied again. A snapshot (DIR/snapshots/<time>/) appears only when
complete; a stopped or killed backup leaves none, and the next one clears what it left.
Works while "kitap serve" runs. "kitap restore DIR" brings the latest snapshot back; "kitap fixity DIR"
checks the folder. DIR holds password hashes: keep it as private as the data folder.`,
  async run(args) {
    const dir = oneFile(args);
    const { db, files } = await openRuntime();
    try {
      const r = await writeBackup(db, files, dir);
      process.stdout.write(
        `snapshot ${r.id} written to ${r.dir}: ${r.records.publications} publications, ${r.files} files (${mb(r.bytes)}); ` +
          `${r.copied} files copied (${mb(r.copiedBytes)}), ${r.files - r.copied} already in the backup\n`,
      );
      return 0;
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      process.stderr.write(`kitap backup: ${err.message}\n`);
      return 1;
    } finally {
      await db.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'load an export (FILE.tar.gz) or a backup (DIR) into an empty database',
  usage: `kitap restore FILE.tar.gz
kitap restore DIR [--snapshot ID]

Loads an archive made by "kitap export", or a snapshot of a backup folder made by "kitap backup" (the
latest unless --snapshot names one, e.g. 20261206T075210Z), into an empty database: PGlite under DATA_DIR,
or the PostgreSQL database of DATABASE_URL. A database that holds records is refused. Every file is
checked against its checksum before anything is written; the records go in one transaction.`,
  async run(args) {
    let snapshot: string | undefined;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--snapshot') {
        snapshot = args[++i];
        if (!snapshot) throw new UsageError('--snapshot needs an ID');
      } else if (args[i]!.startsWith('--snapshot=')) snapshot = args[i]!.slice('--snapshot='.length);
      else rest.push(args[i]!);
    }
    const source = oneFile(rest);
    const isDir = fs.existsSync(source) && fs.statSync(source).isDirectory();
    if (snapshot !== undefined && !isDir) throw new UsageError('--snapshot goes with a backup folder, not an archive');
    // A backup's snapshot sets the schema it is loaded into (restoreBackup migrates); an archive needs the current one.
    const { db, files } = await openRuntime(undefined, { migrate: false, exclusive: true });
    try {
      if (isDir) {
        const r = await restoreBackup(db, files, source, snapshot);
        await db.exec('vacuum analyze'); // statistics for the planner after the bulk insert (PGlite has no autovacuum)
        process.stdout.write(
          `restored snapshot ${r.id}: ${r.records.publications} publications and ${r.files} files from ${source}\n`,
        );
        return 0;
      }
      await migrate(db);
      const r = await restoreArchive(db, files, source);
      await db.exec('vacuum analyze');
      process.stdout.write(`restored ${r.records.publications} publications and ${r.files} files from ${source}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      process.stderr.write(`kitap restore: ${err.message}\n`);
      return 1;
    } finally {
      await db.close();
    }
  },
};

export const fixityCommand: Command = {
  name: 'fixity',
  summary: 're-read every stored file (or a backup folder) and name each one whose SHA-256 differs',
  usage: `kitap fixity [DIR]

Without DIR: re-reads every file the catalogue needs from the file store (each file, each cover, each
upload waiting for ingest), compares its SHA-256 with the one it was stored under, and names each file
that differs or is missing with the publication and file record that use it. The result is recorded and
shown to admins at /admin/fixity (the server also checks on its own every FIXITY_INTERVAL_HOURS).
With DIR, a backup folder: re-reads every snapshot's table dumps and every file a snapshot lists.
Exit code 1 when anything differs or is missing.`,
  async run(args) {
    if (args.length > 1 || args[0]?.startsWith('-')) throw new UsageError('expected at most one DIR');
    if (args[0] !== undefined) {
      try {
        const r = await checkBackupDir(args[0]);
        for (const p of r.problems) process.stdout.write(`${describeProblem(p)}\n`);
        for (const u of r.unfinished)
          process.stdout.write(`unfinished snapshot ${u} (a backup that was stopped; the next backup removes it)\n`);
        process.stdout.write(
          `fixity: ${r.snapshots} snapshots, ${r.files_checked} files checked (${mb(r.bytes_checked)}): ` +
            (r.problems.length ? `${r.problems.length} damaged or missing\n` : 'every checksum matches\n'),
        );
        return r.problems.length ? 1 : 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        process.stderr.write(`kitap fixity: ${err.message}\n`);
        return 1;
      }
    }
    const { db, files } = await openRuntime();
    try {
      const r = await checkFileStore(db, files, 'command');
      for (const p of r.problems) process.stdout.write(`${describeProblem(p)}\n`);
      process.stdout.write(
        `fixity: ${r.files_checked} files checked (${mb(r.bytes_checked)}): ` +
          (r.problems.length
            ? `${r.problems.length} damaged or missing; copy each back from a backup folder (BACKUP/files/<ab>/<sha256> to ${files.location}/<ab>/<sha256>)\n`
            : 'every checksum matches\n'),
      );
      return r.problems.length ? 1 : 0;
    } finally {
      await db.close();
    }
  },
};
