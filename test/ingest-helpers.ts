// Ingest in HTTP tests: the app openTestApp builds has no worker (deps.ingest is unset), so an uploaded
// PDF stays queued until the test runs its job here, as the server's worker would. And small real PDFs.
import { runIngestJob } from '../src/ingest/jobs.ts';
import type { IngestJob } from '../src/store/ingest-jobs.ts';
import { tinyPdf } from '../src/ingest/tiny-pdf.ts';
import type { TestApp } from './helpers.ts';

/** Runs every unfinished job, oldest first, the way IngestWorker does; returns them as they ended. */
export async function runQueuedJobs(t: TestApp): Promise<IngestJob[]> {
  const queued = await t.db.query<{ id: number }>(
    "select id from ingest_jobs where state in ('queued', 'running') order by id",
  );
  const ended: IngestJob[] = [];
  for (const { id } of queued) ended.push(await runIngestJob(t.deps, id));
  return ended;
}

let n = 0;
/** A real two-page English PDF, different each call unless `text` is given; `info` fills its Info dictionary. */
export function reportPdf(
  text = `Report number ${++n} on labour migration`,
  info: Record<string, string> = {},
): Buffer {
  return tinyPdf(
    [
      { lines: [text, 'A study of returning migrant workers and their families in Central Asia.'] },
      {
        lines: [
          'Remittances sent home by migrant workers support many households.',
          'Recommendations for the governments of the region.',
        ],
      },
    ],
    info,
  );
}
