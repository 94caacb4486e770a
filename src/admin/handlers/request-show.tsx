// GET /admin/requests/:id — one reader's request, with its notes and replies.
import type { MessageKey } from '../../i18n/i18n.ts';
import { renderRequestPage, requireRequest } from '../request-page.tsx';
import type { StaffCtx } from '../guard.ts';

const NOTICES: Record<string, MessageKey> = {
  status: 'admin.saved',
  note: 'inbox.note.saved',
  sent: 'inbox.reply.sent',
  failed: 'inbox.reply.failed',
};

export async function requestShow(c: StaffCtx) {
  const r = await requireRequest(c);
  return renderRequestPage(c, r, { notice: NOTICES[c.req.query('saved') ?? ''] });
}
