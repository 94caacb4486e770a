// GET and POST /oai: the OAI-PMH 2.0 endpoint. Whatever the request, the answer is OAI-PMH XML with
// status 200 (protocol errors are in the XML, §3.6), never an HTML error page.
import { Hono } from 'hono';
import type { AppEnv, Ctx } from '../http/context.ts';
import { publicOrigin } from '../http/context.ts';
import { OaiError, parseOaiArgs } from './args.ts';
import { oaiDocument, oaiErrorDocument } from './response.ts';
import { answer, oaiRepositoryId } from './verbs.ts';

export interface OaiOptions {
  /** Records per ListRecords page (OAI_PAGE_SIZE; ListIdentifiers: five times as many unless headersPageSize). */
  pageSize?: number;
  /** Headers per ListIdentifiers page (OAI_HEADERS_PAGE_SIZE). */
  headersPageSize?: number;
  /** How long a resumption token stays valid. */
  tokenLifetimeMs?: number;
}

const XML = { 'Content-Type': 'text/xml; charset=utf-8' };

/** adminEmail is required by Identify: OAI_ADMIN_EMAIL, else the RFC 2142 mailbox of the public host. */
function adminEmail(c: Ctx, origin: string): string {
  const configured = c.var.deps.config.OAI_ADMIN_EMAIL;
  const host = new URL(origin).hostname;
  return configured ?? `webmaster@${host.includes('.') ? host : `${host}.invalid`}`;
}

/** The request's arguments in order, repeats kept: a query string (GET) or a form body (POST, §3.1.1.2). */
async function argumentsOf(c: Ctx): Promise<Array<[string, string]> | null> {
  if (c.req.method !== 'POST') return [...new URL(c.req.url).searchParams];
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  return [...new URLSearchParams(await c.req.text())];
}

export function oaiRoutes(options: OaiOptions = {}): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const handle = async (c: Ctx) => {
    const origin = publicOrigin(c);
    const baseUrl = `${origin}/oai`;
    const pairs = await argumentsOf(c);
    if (!pairs)
      return c.body(
        oaiErrorDocument(baseUrl, {}, [
          new OaiError('badArgument', 'A POST request must be application/x-www-form-urlencoded.'),
        ]),
        200,
        XML,
      );
    const parsed = parseOaiArgs(pairs);
    if (!parsed.ok) return c.body(oaiErrorDocument(baseUrl, {}, [parsed.error]), 200, XML);
    const { config } = c.var.deps;
    const ctx = {
      db: c.var.deps.db,
      origin,
      repositoryId: oaiRepositoryId(config),
      adminEmail: adminEmail(c, origin),
      now: new Date(),
      pageSize: options.pageSize ?? config.OAI_PAGE_SIZE,
      headersPageSize:
        options.headersPageSize ?? (options.pageSize ? options.pageSize * 5 : config.OAI_HEADERS_PAGE_SIZE),
      tokenLifetimeMs: options.tokenLifetimeMs ?? 24 * 3600_000,
    };
    try {
      return c.body(oaiDocument(baseUrl, parsed.echo, await answer(ctx, parsed.request)), 200, XML);
    } catch (err) {
      if (err instanceof OaiError) return c.body(oaiErrorDocument(baseUrl, parsed.echo, [err]), 200, XML);
      // Not the request's fault (the database is away…): OAI-PMH harvesters understand 503 + Retry-After.
      c.var.deps.log.error({ method: c.req.method, path: c.req.path, err }, 'OAI-PMH request failed');
      return c.text('The repository cannot answer right now; please retry.', 503, { 'Retry-After': '60' });
    }
  };
  routes.get('/', handle);
  routes.post('/', handle);
  return routes;
}
