// Ingest jobs as staff see them: a line per job on the publication's page, and a page per job that
// refreshes itself on request (a meta refresh, no script) while the file waits or is being read.
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import type { IngestJob, IngestJobPage, JobFailure } from '../../store/ingest-jobs.ts';
import type { Session } from '../../store/sessions.ts';
import { href } from '../../views/href.ts';
import { AdminPage, when, type Meta } from './frame.tsx';

/** Seconds between two looks at a job that has not ended. */
export const REFRESH_SECONDS = 2;

const unfinished = (j: IngestJob) => j.state === 'queued' || j.state === 'running';

// The extractor's refusals (RejectionCode) and the job's own failures (JOB_FAILURES), as messages.
const FAILURES: Record<JobFailure, MessageKey> = {
  unreadable: 'ingest.error.unreadable', empty: 'ingest.error.empty', 'not-pdf': 'ingest.error.not_pdf', encrypted: 'ingest.error.encrypted',
  damaged: 'ingest.error.damaged', 'too-large': 'ingest.error.too_large', 'too-many-pages': 'ingest.error.too_many_pages',
  timeout: 'ingest.error.timeout', memory: 'ingest.error.memory', duplicate: 'ingest.error.duplicate', missing: 'ingest.error.missing',
  'gave-up': 'ingest.error.gave_up', internal: 'ingest.error.internal',
};

/** Why a job failed, in the reader's language, then the reader's own sentence (English) with its details. */
function Failure(props: { tr: Translator; job: IngestJob }) {
  const { tr, job } = props;
  return (
    <span class="error">
      {tr.t(FAILURES[job.error_code as JobFailure] ?? 'ingest.error.other')}
      {job.error && <> (<span lang="en">{job.error}</span>)</>}
    </span>
  );
}

/** The state as a small tag, then "page N of M" while it reads, the page count when done, or why it failed. */
export function JobState(props: { tr: Translator; job: IngestJob }) {
  const { tr, job: j } = props;
  const t = tr.t;
  return (
    <>
      <span class={`job job-${j.state}`}>{t(`ingest.state.${j.state}`)}</span>
      {j.state === 'running' && j.progress_total !== null && <> · {t('ingest.progress', { page: j.progress_page, total: j.progress_total })}</>}
      {j.state === 'done' && j.progress_total !== null && <> · {t('files.pages', { count: j.progress_total })}</>}
      {j.state === 'failed' && <> · <Failure tr={tr} job={j} /></>}
    </>
  );
}

/** The jobs under a publication's files: each links to its page. */
export function IngestJobList(props: { tr: Translator; jobs: IngestJob[] }) {
  const { tr, jobs } = props;
  if (jobs.length === 0) return null;
  return (
    <>
      <h3 id="jobs-h">{tr.t('ingest.jobs')}</h3>
      <ul aria-labelledby="jobs-h">
        {jobs.map((j) => (
          <li><a href={href(tr.lang, `/admin/jobs/${j.id}`)}>{j.original_name}</a> · <JobState tr={tr} job={j} /> · <small>{when(tr, j.created_at)}</small></li>
        ))}
      </ul>
    </>
  );
}

/** One job: while it has not ended the page looks again every REFRESH_SECONDS, unless asked not to. */
export function IngestJobView(props: { meta: Meta; session: Session; job: IngestJobPage; refresh: boolean }) {
  const { tr } = props.meta;
  const t = tr.t;
  const { job } = props;
  const title = t('ingest.job_title', { name: job.original_name });
  const pubTitle = tr.pick(job.title, job.original_language)?.text ?? job.slug;
  const self = href(tr.lang, `/admin/jobs/${job.id}`);
  const live = unfinished(job) && props.refresh;
  return (
    <AdminPage meta={props.meta} session={props.session} title={title} head={live ? <meta http-equiv="refresh" content={String(REFRESH_SECONDS)} /> : undefined}>
      <h1>{title}</h1>
      {unfinished(job) && (live
        ? <p>{t('ingest.refreshing', { count: REFRESH_SECONDS })} <a href={self}>{t('ingest.stop_refreshing')}</a></p>
        : <p><a href={`${self}?refresh=1`}>{t('ingest.start_refreshing')}</a></p>)}
      <dl>
        <dt>{t('ingest.publication')}</dt><dd><a href={href(tr.lang, `/admin/publications/${job.slug}#files-h`)}>{pubTitle}</a></dd>
        <dt>{t('ingest.state')}</dt><dd><JobState tr={tr} job={job} /></dd>
        <dt>{t('ingest.uploaded')}</dt><dd>{when(tr, job.created_at)}</dd>
        {job.finished_at && <><dt>{t('ingest.finished')}</dt><dd>{when(tr, job.finished_at)}</dd></>}
      </dl>
      {job.state === 'done' && job.file_id !== null && (
        <p><a href={href(tr.lang, `/admin/publications/${job.slug}/files/${job.file_id}`)}>{t('ingest.open_file', { name: job.original_name })}</a></p>
      )}
      {job.state === 'failed' && <p>{t('ingest.nothing_stored')}</p>}
    </AdminPage>
  );
}
