// GET /admin/import/:id/report — the whole report of a batch as text: every unused line with its reason, and the remarks.
import { canCreatePublication } from '../../policies.ts';
import { actorOf, allow, type StaffCtx } from '../guard.ts';
import { batchOf } from '../import/batch-page.tsx';

export async function importReport(c: StaffCtx) {
  allow(canCreatePublication(actorOf(c)));
  const b = await batchOf(c);
  const r = b.report;
  const out = [
    `${b.source_name}: ${b.rows.length} records from ${r.nonEmpty} non-empty lines (${r.inRecords} in records, ${r.skipped.length} not used)`,
    '',
    `Not used (${r.skipped.length}):`,
    ...r.skipped.map((s) => `  line ${s.line}: "${s.text}" — ${s.reason}`),
    '',
    `To check (${r.notes.length}):`,
    ...r.notes.map((n) => `  ${n.key}: ${n.note}`),
  ];
  return c.text(`${out.join('\n')}\n`, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
}
