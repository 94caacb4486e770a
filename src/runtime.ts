// Opening what every command needs: configuration, logger, database (migrated), file store.
import { loadConfig, type Config } from './config.ts';
import { openDb } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { FileStore } from './files/store.ts';
import { createLogger } from './log.ts';
import type { Deps } from './http/context.ts';

/**
 * Builds the dependencies from the environment and applies pending migrations (unless told not to: a restore
 * of a backup brings the schema to its snapshot's first).
 */
export async function openRuntime(config: Config = loadConfig(), opts: { migrate?: boolean } = {}): Promise<Deps> {
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
  try {
    const applied = opts.migrate === false ? [] : await migrate(db);
    if (applied.length) log.info({ applied }, 'migrations applied');
  } catch (err) {
    await db.close();
    throw err;
  }
  return { db, config, log, files: new FileStore(config.filesDir) };
}
