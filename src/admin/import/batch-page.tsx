// Shared by the import handlers: the user's batch from the path (404 for anyone else's) and its page of the table.
import { z } from 'zod';
import type { Db } from '../../db/db.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { pageMeta } from '../../http/context.ts';
import { notFound } from '../../http/errors.tsx';
import { importBatchOf } from '../../store/import-batches.ts';
import { appCtx, type StaffCtx } from '../guard.ts';
import { ImportDonePage, ImportPreviewPage, type Batch } from '../views/import.tsx';
import { displayOrder, type StagedReport, type StagedRow } from './rows.ts';

/** Rows on one page of the table: a typical page of 30 records is about 9 KB gzipped (test/admin-import-browser.test.ts). */
export const ROWS_PER_PAGE = 30;

/** The batch named in the path, if it is the session user's and unexpired; else 404. */
export async function batchOf(c: StaffCtx, db: Db = c.var.deps.db, forUpdate = false): Promise<Batch> {
  const id = z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .safeParse(c.req.param('id'));
  const b = id.success
    ? await importBatchOf<StagedRow, StagedReport>(db, id.data, c.var.session.user.id, forUpdate)
    : null;
  if (!b) throw notFound();
  return b;
}

/** A page number from the query or the form: 1 when absent or not a number, the last when past it. */
export function pageNumber(value: unknown, rows: number): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows / ROWS_PER_PAGE));
  const n = z.coerce
    .number()
    .int()
    .min(1)
    .catch(1)
    .parse(value ?? 1);
  return { page: Math.min(n, pages), pages };
}

/** The batch's page: the summary once imported, else the table's given page. */
export function batchPage(
  c: StaffCtx,
  b: Batch,
  pageValue: unknown,
  status: 200 | 422 = 200,
  messages: { notice?: MessageKey; problem?: MessageKey } = {},
) {
  const meta = pageMeta(appCtx(c));
  if (b.imported) return c.html(<ImportDonePage meta={meta} session={c.var.session} batch={b} />, status);
  const { page, pages } = pageNumber(pageValue, b.rows.length);
  const rows = displayOrder(b.rows).slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
  return c.html(
    <ImportPreviewPage
      meta={meta}
      session={c.var.session}
      batch={b}
      rows={rows}
      page={page}
      pages={pages}
      {...messages}
    />,
    status,
  );
}
