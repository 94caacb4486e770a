// GET /admin/import/:id[?page=N] — the proposed records to correct, or, once imported, the summary.
import { canCreatePublication } from '../../policies.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { actorOf, allow, type StaffCtx } from '../guard.ts';
import { batchOf, batchPage } from '../import/batch-page.tsx';

const NOTICES: Record<string, MessageKey> = { merged: 'import.merged', saved: 'import.saved' };

export async function importShow(c: StaffCtx) {
  allow(canCreatePublication(actorOf(c)));
  const notice = NOTICES[c.req.query('done') ?? ''];
  return batchPage(c, await batchOf(c), c.req.query('page'), 200, notice ? { notice } : {});
}
