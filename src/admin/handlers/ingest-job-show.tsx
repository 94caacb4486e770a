// GET /admin/jobs/:id — one ingest job: its state, "page N of M", its failure, and when done its file.
// While it waits or runs the page offers to refresh itself (?refresh=1): only on request, since an
// automatic refresh takes the page away from someone still reading it (WCAG 2.2.1, axe's meta-refresh). For who may follow it: policies.ts.
import type { Status } from '../../domain/publication.ts';
import { ingestJobWithPublication, ocrSummaryOf } from '../../store/ingest-jobs.ts';
import { canSeeIngestJob } from '../../policies.ts';
import { pageMeta } from '../../http/context.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { IngestJobView } from '../views/ingest-jobs.tsx';

export async function ingestJobShow(c: StaffCtx) {
  const id = c.req.param('id') ?? '';
  const job = /^\d{1,9}$/.test(id) ? await ingestJobWithPublication(c.var.deps.db, Number(id)) : null;
  if (!job) throw notFound();
  allow(canSeeIngestJob(actorOf(c), job, job.status as Status));
  const ocr = job.ocr_state && job.file_id !== null ? await ocrSummaryOf(c.var.deps.db, job.file_id) : null;
  return c.html(
    <IngestJobView
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      job={job}
      ocr={ocr}
      refresh={c.req.query('refresh') === '1'}
    />,
  );
}
