// Opening what every command needs: configuration, logger, database (migrated), file store.
import { loadConfig, type Config } from './config.ts';
import { DbLockedError, openDb } from './db/db.ts';
import { migrate, pendingMigrations } from './db/migrate.ts';
import { openFileStore } from './files/open.ts';
import { createLogger } from './log.ts';
import type { Deps } from './http/context.ts';

export interface RuntimeOptions {
  /** `kitap serve`: the embedded database is this process's, to share with the commands run meanwhile. */
  serving?: boolean;
  /** A command that cannot run beside a server holding the embedded database (it refuses, saying so). */
  exclusive?: boolean;
  /** Leave the schema as it is (a restore of a backup brings it to its snapshot's first). */
  migrate?: boolean;
}

/**
 * Builds the dependencies from the environment and applies pending migrations. While `kitap serve` holds the
 * embedded database, a command reaches it through the server's socket (src/db/db.ts); the server's schema is
 * then left alone: a newer version's migrations wait for the server to stop.
 */
export async function openRuntime(config: Config = loadConfig(), opts: RuntimeOptions = {}): Promise<Deps> {
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir, ...opts });
  try {
    if (db.sharedBy) {
      const pending = await pendingMigrations(db);
      if (pending.length)
        throw new DbLockedError(
          `the embedded database in ${config.pgliteDir} is served by process ${db.sharedBy} (a running "kitap serve") ` +
            `of an older version: this one needs the migrations ${pending.join(', ')}. Stop that server, then start ` +
            'this version (it migrates), and run the command again.',
        );
    } else if (opts.migrate !== false) {
      const applied = await migrate(db);
      if (applied.length) log.info({ applied }, 'migrations applied');
    }
  } catch (err) {
    await db.close();
    throw err;
  }
  return { db, config, log, files: openFileStore(config) };
}
