// Applies the numbered plain-SQL migrations in src/db/migrations that the database lacks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The migration files the database lacks, by name (the schema table may not exist yet). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const table = await db.one<{ t: string | null }>("select to_regclass('schema_migrations')::text as t");
  const done = new Set(
    table?.t
      ? (await db.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version)
      : [],
  );
  return migrationFiles().filter((f) => !done.has(Number(f.slice(0, 4))));
}

const migrationFiles = () =>
  fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();

/** The versions of every migration this Kitap has. */
export const knownVersions = (): number[] => migrationFiles().map((f) => Number(f.slice(0, 4)));

/** The versions the database has applied (none when it has no schema yet). */
export async function appliedVersions(db: Db): Promise<number[]> {
  const table = await db.one<{ t: string | null }>("select to_regclass('schema_migrations')::text as t");
  if (!table?.t) return [];
  return (await db.query<{ version: number }>('select version from schema_migrations order by version')).map(
    (r) => r.version,
  );
}

/**
 * Applies pending migrations in order, each in its own transaction; returns the names applied. With `only`,
 * just those versions (a restore brings an empty database to the schema of its snapshot first).
 */
export async function migrate(db: Db, only?: (version: number) => boolean): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    version int primary key, name text not null, applied_at timestamptz not null default now())`);
  const done = new Set(
    (await db.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version),
  );
  const files = migrationFiles();
  const applied: string[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 4));
    if (done.has(version) || (only && !only(version))) continue;
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    await db.tx(async (t) => {
      // Two servers starting at once against one PostgreSQL: the second waits here, then skips.
      if (t.kind === 'postgres') await t.query('select pg_advisory_xact_lock(7163)');
      if (await t.one('select 1 from schema_migrations where version = $1', [version])) return;
      await t.exec(sql);
      await t.query('insert into schema_migrations (version, name) values ($1, $2)', [version, file]);
      applied.push(file);
    });
  }
  return applied;
}
