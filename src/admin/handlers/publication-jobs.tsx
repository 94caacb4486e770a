// GET /admin/publications/:slug/jobs — the publication's uploads list alone (an HTML fragment, never cached):
// what static/jobs.js fetches to keep the list on the publication's page up to date.
import { canSeeIngestJob } from '../../policies.ts';
import { recentIngestJobs } from '../../store/ingest-jobs.ts';
import { requirePublication } from '../edit-page.tsx';
import { actorOf, type StaffCtx } from '../guard.ts';
import { IngestJobList } from '../views/ingest-jobs.tsx';

export async function publicationJobs(c: StaffCtx) {
  const pub = await requirePublication(c);
  const actor = actorOf(c);
  const jobs = (await recentIngestJobs(c.var.deps.db, pub.id)).filter((j) => canSeeIngestJob(actor, j, pub.status));
  return c.html(<IngestJobList tr={c.var.tr} jobs={jobs} slug={pub.slug} />);
}
