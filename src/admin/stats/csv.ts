// GET /admin/stats/{dimension}.csv — one report table in full, as CSV (RFC 4180, UTF-8 with a BOM for spreadsheets).
import { z } from 'zod';
import { canSeeUsage } from '../../policies.ts';
import { USAGE_DIMENSIONS, usageBy } from '../../store/stats-reports.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';
import { usageUpToDate } from '../../stats/recorder.ts';
import { COLUMNS, rowLabel } from '../../stats/views/table.tsx';
import { pageScope } from './scope.ts';

const dimension = z.enum(USAGE_DIMENSIONS as [string, ...string[]]);

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function statsCsv(c: StaffCtx) {
  allow(canSeeUsage(actorOf(c)));
  const d = dimension.safeParse(c.req.param('table')?.replace(/\.csv$/, ''));
  if (!d.success) throw notFound();
  const db = c.var.deps.db;
  await usageUpToDate(db);
  const s = await pageScope(db, c.req.query());
  const dim = d.data as (typeof USAGE_DIMENSIONS)[number];
  const rows = await usageBy(db, dim, s.scope, 1_000_000);
  const tr = c.var.tr;
  const lines = [[dim, tr.t('stats.name'), ...COLUMNS].map(csvField).join(',')];
  for (const r of rows) lines.push([r.key, rowLabel(tr, dim, r), ...COLUMNS.map((k) => r[k])].map(csvField).join(','));
  return c.body(`\ufeff${lines.join('\r\n')}\r\n`, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="usage-${dim}-${s.from}-${s.to}.csv"`,
  });
}
