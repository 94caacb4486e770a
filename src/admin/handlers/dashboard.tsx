// GET /admin — publications in every status: searched over every field, filtered, sorted, paged (issue 18,
// item 5); the rows can be checked for a bulk action (POST /admin/bulk). A plain GET form: no script needed.
import { z } from 'zod';
import { CONTENT_LANGUAGES, KINDS, STATUSES } from '../../domain/publication.ts';
import { TRANSLATED_FIELDS, TRANSLATION_LANGUAGES } from '../../domain/translations.ts';
import { canChangeStatus, canHandleRequests, canSeeFixity } from '../../policies.ts';
import { fixityRuns } from '../../store/fixity.ts';
import { requestCounts } from '../../store/requests.ts';
import { projectChoices, STAFF_SORTS, staffPublications, topicChoices } from '../../store/staff-lists.ts';
import { pageMeta } from '../../http/context.ts';
import { badParams } from '../../http/errors.tsx';
import { actorOf, appCtx, type StaffCtx } from '../guard.ts';
import { DashboardPage } from '../views/dashboard.tsx';

/** "" (the form's "any") is no filter. */
const optional = <T extends z.ZodTypeAny>(t: T) =>
  t
    .or(z.literal(''))
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : (v as z.infer<T>)));

export const staffListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  status: optional(z.enum(STATUSES)),
  kind: optional(z.enum(KINDS)),
  year: optional(z.coerce.number().int().min(1900).max(2100)),
  language: optional(z.enum(CONTENT_LANGUAGES)),
  missing: optional(z.enum(TRANSLATION_LANGUAGES)),
  field: optional(z.enum(TRANSLATED_FIELDS)),
  files: optional(z.enum(['with', 'without'])),
  sort: z.enum(STAFF_SORTS).default('updated'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type StaffListQuery = z.infer<typeof staffListQuery>;
const PER_PAGE = 50;

export async function dashboard(c: StaffCtx) {
  const q = staffListQuery.safeParse(c.req.query());
  if (!q.success) throw badParams(q.error);
  const db = c.var.deps.db;
  const actor = actorOf(c);
  const [{ total, items }, topics, projects] = await Promise.all([
    staffPublications(db, { ...q.data, perPage: PER_PAGE }),
    topicChoices(db),
    projectChoices(db),
  ]);
  const newRequests = canHandleRequests(actor) ? (await requestCounts(db)).new : null;
  const fixityProblems = canSeeFixity(actor) ? ((await fixityRuns(db, 1))[0]?.problems.length ?? 0) : 0;
  return c.html(
    <DashboardPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      items={items}
      total={total}
      pages={Math.max(1, Math.ceil(total / PER_PAGE))}
      query={q.data}
      topics={topics}
      projects={projects}
      mayPublish={canChangeStatus(actor, 'in_review', 'published')}
      newRequests={newRequests}
      fixityProblems={fixityProblems}
    />,
  );
}
