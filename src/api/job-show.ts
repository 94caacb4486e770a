// GET /api/v1/jobs/{id} — an ingest job as it goes: state, pages read of how many, the reason it failed,
// and once done the file it made. A token may follow the jobs its account may follow on the staff pages
// (policies.ts canSeeIngestJob): 403 otherwise.
import type { Status } from '../domain/publication.ts';
import { canSeeIngestJob } from '../policies.ts';
import { jobWithFile } from '../store/api-jobs.ts';
import { type Ctx, publicOrigin } from '../http/context.ts';
import { badParams, forbidden, notFound } from '../http/errors.tsx';
import { presentJob } from './present.ts';
import { jobParams } from './schemas.ts';
import { tokenUser } from './token-auth.ts';

export async function jobShow(c: Ctx) {
  const user = await tokenUser(c);
  const params = jobParams.safeParse(c.req.param());
  if (!params.success) throw badParams(params.error);
  const job = await jobWithFile(c.var.deps.db, params.data.id);
  if (!job) throw notFound();
  if (!canSeeIngestJob(user, job, job.publication_status as Status)) throw forbidden();
  return c.json(presentJob(job, publicOrigin(c)));
}
