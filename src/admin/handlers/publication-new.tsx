// GET /admin/publications/new — the empty form.
import { canCreatePublication } from '../../policies.ts';
import { suggestions } from '../../store/staff-lists.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { emptyForm } from '../publication-form.ts';
import { NewPublicationPage } from '../views/publication-page.tsx';

export async function publicationNew(c: StaffCtx) {
  allow(canCreatePublication(actorOf(c)));
  return c.html(
    <NewPublicationPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      state={{ form: emptyForm(), errors: [] }}
      suggestions={await suggestions(c.var.deps.db)}
    />,
  );
}
