// POST /admin/publications — a new publication, always a draft: 303 to its page, or the form again (422).
import { createRecorded } from '../../history/record.ts';
import { canCreatePublication } from '../../policies.ts';
import { suggestions } from '../../store/staff-lists.ts';
import { href } from '../../views/href.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { referenceErrors } from '../checks.ts';
import { inputFromForm, readPublicationForm } from '../publication-form.ts';
import { NewPublicationPage } from '../views/publication-page.tsx';

export async function publicationCreate(c: StaffCtx) {
  const actor = actorOf(c);
  allow(canCreatePublication(actor));
  const db = c.var.deps.db;
  const form = readPublicationForm(await c.req.parseBody({ all: true }));
  const parsed = inputFromForm(form, { status: 'draft', withdrawn_reason: null });
  const errors = parsed.ok ? await referenceErrors(db, parsed.input, null) : parsed.errors;
  if (!parsed.ok || errors.length) {
    return c.html(
      <NewPublicationPage
        meta={pageMeta(appCtx(c))}
        session={c.var.session}
        state={{ form, errors }}
        suggestions={await suggestions(db)}
      />,
      422,
    );
  }
  const { slug } = await createRecorded(db, parsed.input, actor.id);
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${slug}?saved=1`), 303);
}
