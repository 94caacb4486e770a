// POST /admin/requests/:id/notes — a note about the request, for staff only.
import { addRequestMessage } from '../../store/requests.ts';
import { href } from '../../views/href.ts';
import { formErrors, noteForm, textFields } from '../request-forms.ts';
import { renderRequestPage, requireRequest } from '../request-page.tsx';
import { actorOf, type StaffCtx } from '../guard.ts';

export async function requestNote(c: StaffCtx) {
  const r = await requireRequest(c);
  const fields = textFields(await c.req.parseBody());
  const form = noteForm.safeParse(fields);
  if (!form.success) return renderRequestPage(c, r, { errors: formErrors(form.error), note: fields.note ?? '' }, 422);
  await addRequestMessage(c.var.deps.db, {
    requestId: r.id,
    kind: 'note',
    userId: actorOf(c).id,
    body: form.data.note,
  });
  return c.redirect(href(c.var.tr.lang, `/admin/requests/${r.id}?saved=note#thread-h`), 303);
}
