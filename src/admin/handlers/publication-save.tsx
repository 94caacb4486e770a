// POST /admin/publications/:slug — saves the fields (status and files have their own forms).
// 303 back to the page; 422 with the person's values and messages; 409 when someone saved meanwhile.
import { changePublication } from '../../history/record.ts';
import { canEditPublication } from '../../policies.ts';
import { changeSlug } from '../../store/publication-redirects.ts';
import { publicationIdBySlug, replacePublication } from '../../store/publications.ts';
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
  const typed = readPublicationForm(body);
  // The slug can be changed (issue 18); the old one keeps redirecting. Left empty, it stays.
  const form = { ...typed, slug: typed.slug || pub.slug };
  if (body._version !== pub.version)
    return renderEditPage(c, pub, { form, errors: [{ field: 'slug', key: 'form.changed_meanwhile' }] }, 409);
  const parsed = inputFromForm(form, { status: pub.status, withdrawn_reason: pub.withdrawn_reason });
  const errors = parsed.ok ? await referenceErrors(db, parsed.input, pub.slug) : parsed.errors;
  const slug = parsed.ok ? (parsed.input.slug ?? pub.slug) : pub.slug;
  if (slug !== pub.slug && (await publicationIdBySlug(db, slug)) !== null)
    errors.push({ field: 'slug', key: 'form.slug_taken' });
  if (!parsed.ok || errors.length) return renderEditPage(c, pub, { form, errors }, 422);
  await changePublication(db, pub.id, actor.id, 'edited', async (t) => {
    await replacePublication(t, pub.id, parsed.input);
    if (slug !== pub.slug && !(await changeSlug(t, pub.id, slug))) throw new Error(`slug ${slug} taken meanwhile`);
  });
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${slug}?saved=1`), 303);
}
