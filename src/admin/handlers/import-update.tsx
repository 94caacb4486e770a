// POST /admin/import/:id — the table's form: corrections and ticks are kept, then the button decides:
// recalculate (or go to another page), merge two rows, or import the ticked rows as drafts (303 to the summary).
// What is wrong is the page again with 422; the batch is the session user's, whatever the form says.
import type { MessageKey } from '../../i18n/i18n.ts';
import { canCreatePublication } from '../../policies.ts';
import { markImported, saveImportRows } from '../../store/import-batches.ts';
import { href } from '../../views/href.ts';
import { actorOf, allow, type StaffCtx } from '../guard.ts';
import { batchOf, batchPage } from '../import/batch-page.tsx';
import { markExisting } from '../import/existing.ts';
import { readTableForm } from '../import/form.ts';
import { importRows } from '../import/import-rows.ts';
import { applyEdits, mergeRows } from '../import/rows.ts';

export async function importUpdate(c: StaffCtx) {
  const actor = actorOf(c);
  allow(canCreatePublication(actor));
  const form = readTableForm(await c.req.parseBody({ all: true }));
  const outcome = await c.var.deps.db.tx(async (t) => {
    const b = await batchOf(c, t, true);
    if (b.imported) return { b, problem: null };
    for (const row of b.rows) {
      const edits = form.rows.get(row.n);
      if (edits) applyEdits(row, edits);
    }
    let problem: MessageKey | null = null;
    if (form.action === 'merge') {
      const rows = form.merge && mergeRows(b.rows, form.merge.from, form.merge.into);
      if (rows) b.rows = rows;
      else problem = 'import.problem.merge';
    }
    await markExisting(t, b.rows, false);
    if (!problem && form.action === 'import') {
      if (b.rows.some((r) => r.include && r.errors.length)) problem = 'import.problem.fix';
      else if (!b.rows.some((r) => r.include)) problem = 'import.problem.none';
      else {
        b.imported = await importRows(t, b.rows, actor.id, b.source_name);
        await markImported(t, b.id, b.imported);
      }
    }
    await saveImportRows(t, b.id, b.rows);
    return { b, problem };
  });
  const { b, problem } = outcome;
  if (problem || (b.rows.some((r) => r.errors.length) && !b.imported))
    return batchPage(c, b, form.goto ?? form.page, 422, problem ? { problem } : {});
  const page = form.goto ?? form.page;
  const done = b.imported ? '' : form.action === 'merge' ? '&done=merged' : '&done=saved';
  return c.redirect(href(c.var.tr.lang, `/admin/import/${b.id}?page=${page}${done}`), 303);
}
