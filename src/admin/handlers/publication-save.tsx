// POST /admin/publications/:slug — saves the fields (status and files have their own forms).
// 303 back to the page; 422 with the person's values and messages; 409 when someone saved meanwhile.
import { changePublication } from '../../history/record.ts';
import { canEditPublication } from '../../policies.ts';
import { replacePublication } from '../../store/publications.ts';
import { href } from '../../views/href.ts';
import { referenceErrors } from '../checks.ts';
import { renderEditPage, requirePublication } from '../edit-page.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';
import { inputFromForm, readPublicationForm } from '../publication-form.ts';

export async function publicationSave(c: StaffCtx) {
  const pub = await requirePublication(c);
  const actor = actorOf(c);
  allow(canEditPublication(actor, pub.status));
  const db = c.var.deps.db;
  const body = await c.req.parseBody({ all: true });
  const form = { ...readPublicationForm(body), slug: pub.slug };
  if (body._version !== pub.version) return renderEditPage(c, pub, { form, errors: [{ field: 'slug', key: 'form.changed_meanwhile' }] }, 409);
  const parsed = inputFromForm(form, { status: pub.status, withdrawn_reason: pub.withdrawn_reason });
  const errors = parsed.ok ? await referenceErrors(db, parsed.input, pub.slug) : parsed.errors;
  if (!parsed.ok || errors.length) return renderEditPage(c, pub, { form, errors }, 422);
  await changePublication(db, pub.id, actor.id, 'edited', (t) => replacePublication(t, pub.id, parsed.input));
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${pub.slug}?saved=1`), 303);
}
