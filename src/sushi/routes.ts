// The COUNTER_SUSHI R5.1 API under /sushi (paths /r51/… as in COUNTER_SUSHI_API.json): status, members, the
// report list, the Item Report and the Platform Report, open to anyone (usage of the public platform for
// "The World"); any customer_id is accepted. JSON only, errors as the specification's Exception objects.
import { Hono } from 'hono';
import { usageUpToDate } from '../stats/recorder.ts';
import { usageSpan } from '../store/stats-reports.ts';
import { usageByItemMonth, usageByKindMonth } from '../store/stats-sushi.ts';
import { type AppEnv, type Ctx, publicOrigin } from '../http/context.ts';
import { sushiException } from './exceptions.ts';
import { itemReport, platformReport, WORLD } from './reports.ts';
import { parseReportRequest, type ReportId } from './request.ts';

const HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };

const platformOf = (c: Ctx) => new URL(publicOrigin(c)).host;
const today = () => new Date().toISOString().slice(0, 10);

/** The month before the current one: the last a report can hold (COUNTER reports whole months). */
function lastCompleteMonth(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

function needsCustomer(c: Ctx): Response | null {
  return c.req.query('customer_id') ? null : c.json(sushiException(1030, 'missing: customer_id'), 400, HEADERS);
}

async function report(c: Ctx, id: ReportId): Promise<Response> {
  const query = new URL(c.req.url).searchParams;
  const req = parseReportRequest(id, query, today());
  if ('fatal' in req) return c.json(req.fatal, 400, HEADERS);
  const platform = platformOf(c);
  if (req.platform !== null && req.platform !== platform)
    req.exceptions.push(sushiException(3060, `platform=${req.platform} (this platform is ${platform})`));
  const { db } = c.var.deps;
  await usageUpToDate(db);
  const created = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (id === 'ir') {
    const slug = req.itemId?.replace(/^kitap:/, '') ?? null;
    return c.json(
      itemReport(
        req,
        await usageByItemMonth(db, req.begin, req.end, req.country, slug),
        platform,
        publicOrigin(c),
        created,
      ),
      200,
      HEADERS,
    );
  }
  return c.json(
    platformReport(req, await usageByKindMonth(db, req.begin, req.end, req.country), platform, created),
    200,
    HEADERS,
  );
}

export function sushiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/r51/status', (c) =>
    c.json(
      [
        {
          Description: `COUNTER_SUSHI R5.1 API of ${platformOf(c)}: Item Report (IR) and Platform Report (PR), open to anyone`,
          Service_Active: true,
          Note: 'Usage is counted by the COUNTER Code of Practice R5.1 for everyone ("The World"); any customer_id is accepted.',
        },
      ],
      200,
      HEADERS,
    ),
  );
  api.get(
    '/r51/members',
    (c) =>
      needsCustomer(c) ??
      c.json(
        [
          {
            Customer_ID: WORLD.Customer_ID,
            Institution_Name: WORLD.Institution_Name,
            Institution_ID: WORLD.Institution_ID,
          },
        ],
        200,
        HEADERS,
      ),
  );
  api.get('/r51/reports', async (c) => {
    const refused = needsCustomer(c);
    if (refused) return refused;
    await usageUpToDate(c.var.deps.db);
    const span = await usageSpan(c.var.deps.db);
    const last = lastCompleteMonth();
    const first = span && span.first.slice(0, 7) < last ? span.first.slice(0, 7) : last;
    const entry = (id: string, name: string, description: string) => ({
      Report_Name: name,
      Report_ID: id,
      Release: '5.1',
      Report_Description: description,
      Path: `/sushi/r51/reports/${id.toLowerCase()}`,
      First_Month_Available: first,
      Last_Month_Available: last,
    });
    return c.json(
      [
        entry('IR', 'Item Report', 'Investigations and requests of each publication, by month'),
        entry('PR', 'Platform Report', 'Investigations and requests of the whole platform, by data type and month'),
      ],
      200,
      HEADERS,
    );
  });
  api.get('/r51/reports/ir', (c) => report(c, 'ir'));
  api.get('/r51/reports/pr', (c) => report(c, 'pr'));
  api.get('/r51/reports/:other', (c) =>
    c.json(
      { Code: 3000, Message: 'Report Not Supported', Data: `${c.req.param('other')}: this platform offers IR and PR` },
      404,
      HEADERS,
    ),
  );
  return api;
}
