// The only reader of process.env: one table of settings, each with its type, default and meaning.
import path from 'node:path';
import { z } from 'zod';

const settings = {
  PORT: { schema: z.coerce.number().int().min(0).max(65535), default: '3000', doc: 'HTTP port to listen on' },
  HOST: { schema: z.string().min(1), default: '0.0.0.0', doc: 'address to listen on' },
  DATA_DIR: { schema: z.string().min(1), default: './data', doc: 'embedded database and file store' },
  DATABASE_URL: { schema: z.string().url().optional(), default: undefined, doc: 'a PostgreSQL server (postgres://…); embedded PGlite when unset' },
  PUBLIC_URL: { schema: z.string().url().optional(), default: undefined, doc: 'the address readers use, for absolute links, feeds and OAI-PMH; taken from the request when unset' },
  LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), default: 'info', doc: 'pino log level' },
  MAX_BODY_BYTES: { schema: z.coerce.number().int().positive(), default: String(1024 * 1024), doc: 'largest accepted request body other than file uploads' },
  LOAD_DEMO: { schema: z.enum(['auto', 'never']), default: 'auto', doc: '"auto" loads the demo catalogue on a first start with an empty database' },
} as const;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.infer<Settings[K]['schema']> } & { filesDir: string; pgliteDir: string };

export class ConfigError extends Error {}

/** Reads the configuration from an environment; a bad value fails with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(settings)) {
    const raw = env[name] === '' ? undefined : (env[name] ?? s.default);
    const parsed = s.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(`${name}: ${parsed.error.issues[0]?.message ?? 'invalid'} (${s.doc}); got ${JSON.stringify(raw)}`);
    }
    out[name] = parsed.data;
  }
  const cfg = out as Config;
  (cfg as { DATA_DIR: string }).DATA_DIR = path.resolve(cfg.DATA_DIR);
  cfg.filesDir = path.join(cfg.DATA_DIR, 'files');
  cfg.pgliteDir = path.join(cfg.DATA_DIR, 'pglite');
  return cfg;
}

/** The settings table, for `kitap --help` and the README. */
export function describeSettings(): string {
  return Object.entries(settings)
    .map(([name, s]) => `  ${name.padEnd(14)} ${s.doc}${s.default ? ` (default ${s.default})` : ''}`)
    .join('\n');
}
