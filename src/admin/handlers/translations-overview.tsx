// GET /admin/translations — how many publications lack each field in each language (issue 18, item 4);
// each count opens the list of those publications (/admin?missing=ru&field=abstract).
import { pageMeta } from '../../http/context.ts';
import { translationCounts } from '../../store/staff-lists.ts';
import { appCtx, type StaffCtx } from '../guard.ts';
import { TranslationsOverviewPage } from '../views/translations.tsx';

export async function translationsOverview(c: StaffCtx) {
  const counts = await translationCounts(c.var.deps.db);
  return c.html(<TranslationsOverviewPage meta={pageMeta(appCtx(c))} session={c.var.session} counts={counts} />);
}
