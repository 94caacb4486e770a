// The two places reading is counted, each a wrapper around its handler so that the handlers stay as they are:
// an item page answered 200 or 304 (from memory or not) is an investigation; a file answered 200, 206 or 304
// to a GET is a request (and an investigation). HEAD, errors and redirects count nothing (COUNTER §7.1).
import { clientAddress } from '../auth/address.ts';
import type { Ctx } from '../http/context.ts';
import { usageRecorder } from './recorder.ts';

type Handler = (c: Ctx) => Promise<Response>;

/** Counts an item page view. */
export function countedItemPage(handler: Handler): Handler {
  return async (c) => {
    const res = await handler(c);
    if (res.status === 200 || res.status === 304) {
      usageRecorder(c.var.deps.db, c.var.deps.log).add({
        address: clientAddress(c),
        agent: c.req.header('User-Agent'),
        slug: c.req.param('slug'),
      });
    }
    return res;
  };
}

/** Counts a file download; a byte range that does not start at byte 0 is marked as the rest of a download. */
export function countedDownload(handler: Handler): Handler {
  return async (c) => {
    const res = await handler(c);
    if (c.req.method === 'GET' && (res.status === 200 || res.status === 206 || res.status === 304)) {
      const range = res.status === 206 ? /^bytes=(\d*)-/.exec(c.req.header('Range') ?? '') : null;
      usageRecorder(c.var.deps.db, c.var.deps.log).add({
        address: clientAddress(c),
        agent: c.req.header('User-Agent'),
        fileId: Number(c.req.param('id')),
        partial: range !== null && range[1] !== '0',
      });
    }
    return res;
  };
}
