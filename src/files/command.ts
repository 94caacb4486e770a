// `kitap files move --to URL`: every file of the current store (FILES_URL, else DATA_DIR/files) copied into another.
import { type Command, UsageError } from '../cli/command.ts';
import { loadConfig } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { copyStore } from './move.ts';
import { FilesUrlError, fileStoreAt } from './open.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const filesCommand: Command = {
  name: 'files',
  summary: 'move the files to another store (a folder or an S3 bucket)',
  usage: `kitap files move --to URL

Copies every file of the current file store (FILES_URL, or DATA_DIR/files when unset) into the store at
URL: s3://bucket/prefix (with S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE and the keys of the environment),
file:///folder or a folder. Each copy is checked against its SHA-256 as it is written; files already there
are skipped, so a move that stopped is resumed by running it again. Then it checks that every file the
catalogue needs is in the new store. Nothing is removed from the old store. Works while "kitap serve"
runs; run it once more after stopping the server (it copies only what came meanwhile), then set FILES_URL
to URL and start the server again.`,
  async run(args) {
    if (args[0] !== 'move') throw new UsageError('the only sub-command is "move"');
    let url: string | undefined;
    for (let i = 1; i < args.length; i++) {
      if (args[i] === '--to' && args[i + 1]) url = args[++i];
      else if (args[i]?.startsWith('--to=')) url = args[i]!.slice(5);
      else throw new UsageError(`unexpected argument "${args[i]}"`);
    }
    if (!url) throw new UsageError('--to URL is required');
    const config = loadConfig();
    let to: ReturnType<typeof fileStoreAt>;
    try {
      to = fileStoreAt(url, config);
    } catch (err) {
      if (err instanceof FilesUrlError) throw new UsageError(err.message);
      throw err;
    }
    const { db, files } = await openRuntime(config);
    try {
      if (to.location === files.location) {
        process.stderr.write(`kitap files move: the files are in ${files.location} already\n`);
        return 1;
      }
      await to.probe();
      const r = await copyStore(db, files, to, (line) => process.stdout.write(`${line}\n`));
      for (const p of r.problems) process.stdout.write(`${p}\n`);
      process.stdout.write(
        `${r.copied} files copied (${mb(r.copiedBytes)}) from ${files.location} to ${to.location}, ${r.skipped} already there\n`,
      );
      if (r.problems.length) {
        process.stdout.write(
          `${r.problems.length} files could not be copied: restore each from a backup ("kitap fixity" names them), then run this again\n`,
        );
        return 1;
      }
      process.stdout.write(
        `every file is in ${to.location}. Now set FILES_URL=${url} (stop the server, run this command once more, ` +
          `then start it with the new FILES_URL). The old store is left as it was: remove it once the new one is backed up.\n`,
      );
      return 0;
    } finally {
      files.close();
      to.close();
      await db.close();
    }
  },
};
