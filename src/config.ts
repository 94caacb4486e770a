// The only reader of process.env: one table of settings, each with its type, default and meaning.
import path from 'node:path';
import { z } from 'zod';

const settings = {
  PORT: { schema: z.coerce.number().int().min(0).max(65535), default: '3000', doc: 'HTTP port to listen on' },
  HOST: { schema: z.string().min(1), default: '0.0.0.0', doc: 'address to listen on' },
  DATA_DIR: { schema: z.string().min(1), default: './data', doc: 'embedded database and file store' },
  FILES_URL: {
    schema: z
      .string()
      .regex(/^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?|file:\/\/\/.+)$/, 's3://bucket/prefix or file:///folder')
      .optional(),
    default: undefined,
    doc: 'where the files are: s3://bucket/prefix (an S3-compatible bucket) or file:///folder; DATA_DIR/files when unset',
  },
  S3_ENDPOINT: {
    schema: z.string().url().optional(),
    default: undefined,
    doc: 'the S3 server for FILES_URL=s3://… (http://minio:9000 …); AWS when unset',
  },
  S3_REGION: { schema: z.string().min(1), default: 'us-east-1', doc: 'the S3 region (any name for most servers)' },
  S3_FORCE_PATH_STYLE: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    default: 'false',
    doc: 'true: the bucket in the path (http://host/bucket/key), as MinIO, Garage and Ceph usually need',
  },
  S3_LOCAL_COPIES_MB: {
    schema: z.coerce.number().int().min(0),
    default: '512',
    doc: 'disk kept on this machine for copies of PDFs in the bucket that page images are drawn from (least recently used go first; 0: none kept)',
  },
  AWS_ACCESS_KEY_ID: {
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: "the S3 access key; unset: the AWS SDK's own credential chain (instance role, ~/.aws)",
  },
  AWS_SECRET_ACCESS_KEY: {
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'the S3 secret key, with AWS_ACCESS_KEY_ID',
    secret: true,
  },
  DATABASE_URL: {
    schema: z.string().url().optional(),
    default: undefined,
    doc: 'a PostgreSQL server (postgres://…); embedded PGlite when unset',
    secret: true,
  },
  PUBLIC_URL: {
    schema: z.string().url().optional(),
    default: undefined,
    doc: 'the address readers use, for absolute links, feeds and OAI-PMH; taken from the request when unset',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    doc: 'pino log level',
  },
  MAX_BODY_BYTES: {
    schema: z.coerce.number().int().positive(),
    default: String(1024 * 1024),
    doc: 'largest accepted request body other than file uploads',
  },
  LOAD_DEMO: {
    schema: z.enum(['auto', 'never']),
    default: 'auto',
    doc: '"auto" loads the demo catalogue on a first start with an empty database',
  },
  UPLOAD_MAX_BYTES: {
    schema: z.coerce.number().int().positive(),
    default: String(200 * 1024 * 1024),
    doc: 'largest file staff may upload (streamed to disk)',
  },
  INGEST_MAX_PAGES: { schema: z.coerce.number().int().positive(), default: '3000', doc: 'most pages a PDF may have' },
  INGEST_TIMEOUT_S: { schema: z.coerce.number().positive(), default: '300', doc: 'time allowed to read one PDF' },
  INGEST_LEASE_S: {
    schema: z.coerce.number().int().min(5),
    default: '60',
    doc: 'how long a job stays with the instance working on it without news from it (renewed every third of it)',
  },
  INGEST_MAX_MEMORY_MB: {
    schema: z.coerce.number().int().min(64),
    default: '1024',
    doc: 'memory allowed to the process reading one PDF',
  },
  OAI_REPOSITORY_ID: {
    schema: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/, 'a domain name such as library.example.org')
      .optional(),
    default: undefined,
    doc: 'the OAI-PMH repository identifier in every record identifier (oai:ID:slug); PUBLIC_URL\'s host name when unset, else "kitap.local"; never the request\'s Host. Set it once: changing it renames every harvested record',
  },
  OAI_PAGE_SIZE: {
    schema: z.coerce.number().int().min(1).max(10_000),
    default: '100',
    doc: 'records per OAI-PMH ListRecords response',
  },
  OAI_HEADERS_PAGE_SIZE: {
    schema: z.coerce.number().int().min(1).max(50_000),
    default: '500',
    doc: 'headers per OAI-PMH ListIdentifiers response',
  },
  OCR_TESSERACT: {
    schema: z.string(),
    default: 'tesseract',
    doc: 'the Tesseract program for OCR of pages without text (Debian: tesseract-ocr and its language packs); empty: no OCR',
  },
  PAGE_IMAGE_CACHE_MB: {
    schema: z.coerce.number().int().positive(),
    default: '512',
    doc: 'disk kept for page images drawn for reading (least recently used go first)',
  },
  OCR_TIMEOUT_S: {
    schema: z.coerce.number().positive(),
    default: '1800',
    doc: 'time allowed to OCR one file; what was read by then is kept',
  },
  FIXITY_INTERVAL_HOURS: {
    schema: z.coerce
      .number()
      .min(0)
      .max(24 * 366),
    default: '24',
    doc: "hours between the server's fixity checks (every stored file re-read, its SHA-256 compared; results at /admin/fixity and in the log); 0: never",
  },
  FIXITY_READ_MB_PER_S: {
    schema: z.coerce.number().positive(),
    default: '20',
    doc: 'how fast the scheduled fixity check reads, so that it never competes with readers for the disk',
  },
  OAI_ADMIN_EMAIL: {
    schema: z.email().optional(),
    default: undefined,
    doc: 'the repository contact that OAI-PMH Identify must name (webmaster@ the public host when unset); shown to harvesters only',
  },
  SESSION_DAYS: {
    schema: z.coerce.number().positive().max(366),
    default: '14',
    doc: 'days a staff session lasts without use',
  },
  COOKIE_SECURE: {
    schema: z.enum(['auto', 'always', 'never']),
    default: 'auto',
    doc: '"auto" marks the session cookie Secure when PUBLIC_URL or the request is https',
  },
  TRUST_PROXY: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    default: 'false',
    doc: 'take the client address from X-Forwarded-For (set behind a reverse proxy)',
  },
  SCRYPT_COST: {
    schema: z.coerce
      .number()
      .int()
      .min(2)
      .refine((n) => (n & (n - 1)) === 0, 'a power of two'),
    default: String(2 ** 17),
    doc: 'scrypt N for new password hashes (r=8, p=1)',
  },
  LOGIN_LIMIT: {
    schema: z.coerce.number().int().positive(),
    default: '5',
    doc: 'failed logins per account within LOGIN_WINDOW_MINUTES',
  },
  LOGIN_ADDRESS_LIMIT: {
    schema: z.coerce.number().int().positive(),
    default: '20',
    doc: 'failed logins per client address within LOGIN_WINDOW_MINUTES',
  },
  LOGIN_WINDOW_MINUTES: {
    schema: z.coerce.number().int().positive(),
    default: '15',
    doc: 'the window of the login limits',
  },
  REQUEST_LIMIT: {
    schema: z.coerce.number().int().positive(),
    default: '5',
    doc: "readers' requests (order, contact) per client address per hour",
  },
  SMTP_URL: {
    schema: z.string().url().optional(),
    default: undefined,
    doc: "mail server for readers' requests (smtp://user:pass@host:587, smtps://…); no mail when unset",
    secret: true,
  },
  MAIL_FROM: { schema: z.string().min(3), default: 'Kitap <kitap@localhost>', doc: 'sender of the mails to staff' },
  STATS_ON_ITEM_PAGES: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    default: 'false',
    doc: 'show "Views · Downloads" (COUNTER counts since the start) on item pages',
  },
  STAFF_NOTIFY: {
    schema: z
      .string()
      .optional()
      .transform((s) =>
        (s ?? '')
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.email())),
    default: undefined,
    doc: "comma-separated addresses that receive readers' requests; never shown on a page",
  },
} as const satisfies Record<string, Setting>;

/** One setting: its type, default and meaning; a secret one (it may hold a password) is never echoed. */
interface Setting {
  schema: z.ZodType;
  default: string | undefined;
  doc: string;
  secret?: boolean;
}

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.infer<Settings[K]['schema']> } & {
  filesDir: string;
  pgliteDir: string;
};

export class ConfigError extends Error {}

/** Reads the configuration from an environment; a bad value fails with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(settings)) {
    const raw = env[name] === '' ? undefined : (env[name] ?? s.default);
    const parsed = s.schema.safeParse(raw);
    if (!parsed.success) {
      const got =
        'secret' in s && s.secret ? 'the value is not shown: it may hold a password' : `got ${JSON.stringify(raw)}`;
      throw new ConfigError(`${name}: ${parsed.error.issues[0]?.message ?? 'invalid'} (${s.doc}); ${got}`);
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
    .map(([name, s]) => `  ${name.padEnd(20)} ${s.doc}${s.default ? ` (default ${s.default})` : ''}`)
    .join('\n');
}
