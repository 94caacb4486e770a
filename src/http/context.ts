// What every handler can reach: the dependencies built at start, and the reader's language.
import type { Context } from 'hono';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { FileStore } from '../files/store.ts';
import { LANG_PREFIX, type Translator } from '../i18n/i18n.ts';
import type { Logger } from '../log.ts';
import type { PageMeta } from '../views/layout.tsx';

export interface Deps {
  db: Db;
  config: Config;
  log: Logger;
  files: FileStore;
  /** The background ingest worker, to wake when a job is queued (absent in tests that run jobs themselves). */
  ingest?: { notify(): void };
}

export type AppEnv = { Variables: { deps: Deps; tr: Translator } };
export type Ctx = Context<AppEnv>;

/** The absolute origin readers use: PUBLIC_URL when set, else the request's own. */
export function publicOrigin(c: Ctx): string {
  const configured = c.var.deps.config.PUBLIC_URL;
  return (configured ?? new URL(c.req.url).origin).replace(/\/$/, '');
}

/** The page path without the language prefix, query included: what the language switcher keeps. */
export function unprefixedPath(c: Ctx): string {
  const url = new URL(c.req.url);
  const path = url.pathname.replace(LANG_PREFIX, '') || '/';
  return path + url.search;
}

/** The common part of every page's metadata. */
export function pageMeta(c: Ctx): Omit<PageMeta, 'title'> {
  return { tr: c.var.tr, path: unprefixedPath(c), origin: publicOrigin(c) };
}
