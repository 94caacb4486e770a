// `kitap export FILE` and `kitap restore FILE`.
import { UsageError, type Command } from '../cli/command.ts';
import { loadConfig } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { exportArchive } from './export.ts';
import { restoreArchive } from './restore.ts';

function oneFile(args: string[]): string {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('expected exactly one FILE');
  return args[0]!;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write the catalogue (records and files) to a portable archive (.tar.gz)',
  usage: `kitap export FILE [--with-accounts] [--with-requests]

Writes the catalogue — every publication, entity, file (with its text and cover), the history and the
staff accounts — to FILE, a .tar.gz holding catalogue.json and files/<sha256>, readable by its owner only
(mode 0600). "kitap restore FILE" brings it back, into PGlite or PostgreSQL.

Left out unless asked for:
  --with-accounts   staff password hashes and API tokens (without them the accounts come back without a
                    password: give each a new setup link with "kitap user link")
  --with-requests   readers' order and contact requests (their names, e-mails and postal addresses)`,
  async run(args) {
    const flags = new Set(args.filter((a) => a.startsWith('-')));
    for (const f of flags)
      if (f !== '--with-accounts' && f !== '--with-requests') throw new UsageError(`unknown option: ${f}`);
    const file = oneFile(args.filter((a) => !a.startsWith('-')));
    const { db, files } = await openRuntime();
    try {
      const r = await exportArchive(db, files, file, {
        withAccounts: flags.has('--with-accounts'),
        withRequests: flags.has('--with-requests'),
      });
      process.stdout.write(
        `exported ${r.records.publications} publications, ${r.files} files (${r.bytes} bytes) to ${file}\n`,
      );
      const { passwords, apiTokens, requests } = r.leftOut;
      if (!flags.has('--with-accounts'))
        process.stdout.write(
          `left out: the password hashes of ${passwords} accounts and ${apiTokens} API tokens (--with-accounts to include them)\n`,
        );
      if (!flags.has('--with-requests'))
        process.stdout.write(
          `left out: ${requests} readers' requests with their names, e-mails and addresses (--with-requests to include them)\n`,
        );
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
    const { db, files } = await openRuntime(loadConfig(), { exclusive: true });
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
