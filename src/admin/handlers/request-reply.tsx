// POST /admin/requests/:id/reply — a reply mailed to the reader through SMTP_URL. The reply is kept first, so its
// text is never lost; then it is sent, and whether the server took it (or why not) is kept with it.
import { sendReply } from '../../requests/mail.ts';
import { addRequestMessage, markReplySent, setRequestStatus } from '../../store/requests.ts';
import { href } from '../../views/href.ts';
import { formErrors, replyForm, textFields } from '../request-forms.ts';
import { renderRequestPage, requireRequest } from '../request-page.tsx';
import { actorOf, type StaffCtx } from '../guard.ts';

export async function requestReply(c: StaffCtx) {
  const r = await requireRequest(c);
  const db = c.var.deps.db;
  const fields = textFields(await c.req.parseBody());
  const form = replyForm.safeParse(fields);
  if (!form.success)
    return renderRequestPage(
      c,
      r,
      { errors: formErrors(form.error), reply: { subject: fields.subject ?? '', body: fields.body ?? '' } },
      422,
    );
  const { subject, body, done } = form.data;
  const userId = actorOf(c).id;
  const id = await addRequestMessage(db, { requestId: r.id, kind: 'reply', userId, body, subject, sentTo: r.email });
  const error = await sendReply(c.var.deps, { name: r.name, email: r.email }, subject, body);
  await markReplySent(db, id, error);
  if (error === null && (done || r.status === 'new'))
    await setRequestStatus(db, r.id, done ? 'done' : 'in_progress', userId);
  return c.redirect(
    href(c.var.tr.lang, `/admin/requests/${r.id}?saved=${error === null ? 'sent' : 'failed'}#thread-h`),
    303,
  );
}
