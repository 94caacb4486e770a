// POST /admin/jobs/:id/cancel-ocr — stops the OCR of a job's file after the page being read; the pages
// read so far are kept (and searchable). Whoever may follow the job may cancel it (policies.ts). 303 back.
import type { Status } from '../../domain/publication.ts';
import { canSeeIngestJob } from '../../policies.ts';
import { cancelOcr, ingestJobWithPublication } from '../../store/ingest-jobs.ts';
import { href } from '../../views/href.ts';
import { notFound } from '../../http/errors.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function ingestJobCancelOcr(c: StaffCtx) {
  const id = c.req.param('id') ?? '';
  const job = /^\d{1,9}$/.test(id) ? await ingestJobWithPublication(c.var.deps.db, Number(id)) : null;
  if (!job) throw notFound();
  allow(canSeeIngestJob(actorOf(c), job, job.status as Status));
  await cancelOcr(c.var.deps.db, job.id);
  return c.redirect(href(c.var.tr.lang, `/admin/jobs/${job.id}`), 303);
}
