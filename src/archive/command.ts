// `kitap export FILE` and `kitap restore FILE`.
import { UsageError, type Command } from '../cli/command.ts';
import { openRuntime } from '../runtime.ts';
import { exportArchive } from './export.ts';
import { restoreArchive } from './restore.ts';

function oneFile(args: string[]): string {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('expected exactly one FILE');
  return args[0]!;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write every record and file to a portable archive (.tar.gz)',
  usage: `kitap export FILE

Writes the whole catalogue — every record of every table and every stored file — to FILE, a .tar.gz
holding catalogue.json and files/<sha256>. "kitap restore FILE" brings it back, into PGlite or PostgreSQL.`,
  async run(args) {
    const file = oneFile(args);
    const { db, files } = await openRuntime();
    try {
      const r = await exportArchive(db, files, file);
      process.stdout.write(`exported ${r.records.publications} publications, ${r.files} files (${r.bytes} bytes) to ${file}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'load an archive made by export into an empty database',
  usage: `kitap restore FILE

Loads an archive made by "kitap export" into an empty database (PGlite under DATA_DIR, or DATABASE_URL).
Every file is checked against its checksum before anything is written; the records go in one transaction.`,
  async run(args) {
    const file = oneFile(args);
    const { db, files } = await openRuntime();
    try {
      const r = await restoreArchive(db, files, file);
      await db.exec('vacuum analyze'); // statistics for the planner after the bulk insert (PGlite has no autovacuum)
      process.stdout.write(`restored ${r.records.publications} publications and ${r.files} files from ${file}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
