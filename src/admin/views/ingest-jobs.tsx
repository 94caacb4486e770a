// Ingest jobs as staff see them: a line per job on the publication's page, and a page per job that
// refreshes itself on request (a meta refresh, no script) while the file waits or is being read.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import type { IngestJob, IngestJobPage, JobFailure, OcrSummary } from '../../store/ingest-jobs.ts';
import type { Session } from '../../store/sessions.ts';
import { href } from '../../views/href.ts';
import { AdminPage, Csrf, when, type Meta } from './frame.tsx';

/** Seconds between two looks at a job that has not ended. */
export const REFRESH_SECONDS = 2;

const unfinished = (j: IngestJob) => j.state === 'queued' || j.state === 'running' || ocrUnfinished(j);
const ocrUnfinished = (j: IngestJob) => j.ocr_state === 'pending' || j.ocr_state === 'running';

// The extractor's refusals (RejectionCode) and the job's own failures (JOB_FAILURES), as messages.
const FAILURES: Record<JobFailure, MessageKey> = {
  unreadable: 'ingest.error.unreadable',
  empty: 'ingest.error.empty',
  'not-pdf': 'ingest.error.not_pdf',
  encrypted: 'ingest.error.encrypted',
  damaged: 'ingest.error.damaged',
  'too-large': 'ingest.error.too_large',
  'too-many-pages': 'ingest.error.too_many_pages',
  timeout: 'ingest.error.timeout',
  memory: 'ingest.error.memory',
  duplicate: 'ingest.error.duplicate',
  missing: 'ingest.error.missing',
  'gave-up': 'ingest.error.gave_up',
  internal: 'ingest.error.internal',
};

/** Why a job failed, in the reader's language, then the reader's own sentence (English) with its details. */
function Failure(props: { tr: Translator; job: IngestJob }) {
  const { tr, job } = props;
  return (
    <span class="error">
      {tr.t(FAILURES[job.error_code as JobFailure] ?? 'ingest.error.other')}
      {job.error && (
        <>
          {' '}
          (<span lang="en">{job.error}</span>)
        </>
      )}
    </span>
  );
}

/** A read file with no text on any page, by what its OCR step is doing: said plainly, never "done". */
const NO_TEXT: Record<string, MessageKey> = {
  pending: 'ingest.no_text.pending',
  running: 'ingest.no_text.running',
  done: 'ingest.no_text.done',
  unavailable: 'ingest.no_text.unavailable',
  cancelled: 'ingest.no_text.stopped',
  timeout: 'ingest.no_text.stopped',
  failed: 'ingest.no_text.stopped',
};

/** The state as a small tag, then "page N of M" while it reads, the page count when done, or why it failed. */
export function JobState(props: { tr: Translator; job: IngestJob }) {
  const { tr, job: j } = props;
  const t = tr.t;
  if (j.state === 'done' && j.text_status === 'no_text')
    return (
      <>
        <span class="job job-no-text">{t(NO_TEXT[j.ocr_state ?? ''] ?? 'ingest.no_text.stopped')}</span>
        {j.ocr_state === 'running' && j.ocr_total !== null && (
          <> · {t('ocr.progress', { page: j.ocr_page, total: j.ocr_total })}</>
        )}
        {j.progress_total !== null && <> · {t('files.pages', { count: j.progress_total })}</>}
      </>
    );
  return (
    <>
      <span class={`job job-${j.state}`}>{t(`ingest.state.${j.state}`)}</span>
      {j.state === 'running' && j.progress_total !== null && (
        <> · {t('ingest.progress', { page: j.progress_page, total: j.progress_total })}</>
      )}
      {j.state === 'done' && j.progress_total !== null && <> · {t('files.pages', { count: j.progress_total })}</>}
      {j.state === 'failed' && (
        <>
          {' '}
          · <Failure tr={tr} job={j} />
        </>
      )}
      {j.ocr_state === 'running' && j.ocr_total !== null && (
        <> · {t('ocr.progress', { page: j.ocr_page, total: j.ocr_total })}</>
      )}
      {j.ocr_state && j.ocr_state !== 'running' && (
        <>
          {' '}
          · {t('ocr.short')}: {t(`ocr.state.${j.ocr_state}`)}
        </>
      )}
    </>
  );
}

/** The OCR step of a job: its state and progress, the languages, what was read and how surely, why it stopped. */
function OcrSection(props: { tr: Translator; session: Session; job: IngestJobPage; ocr: OcrSummary | null }) {
  const { tr, job, ocr } = props;
  const t = tr.t;
  return (
    <section aria-labelledby="ocr-h">
      <h2 id="ocr-h">{t('ocr.title')}</h2>
      <dl>
        <dt>{t('ingest.state')}</dt>
        <dd>
          {t(`ocr.state.${job.ocr_state!}`)}
          {job.ocr_total !== null && <> · {t('ocr.progress', { page: job.ocr_page, total: job.ocr_total })}</>}
        </dd>
        {job.ocr_languages && (
          <>
            <dt>{t('ocr.languages')}</dt>
            <dd>
              <code>{job.ocr_languages}</code>
            </dd>
          </>
        )}
        {ocr && ocr.pages > 0 && (
          <>
            <dt>{t('ocr.confidence')}</dt>
            <dd>
              {t('ocr.confidence_value', { value: ocr.confidence ?? 0, lowest: ocr.lowest ?? 0, pages: ocr.pages })}
            </dd>
          </>
        )}
        {job.ocr_note && (
          <>
            <dt>{t('ocr.note')}</dt>
            <dd>
              <span lang="en">{job.ocr_note}</span>
            </dd>
          </>
        )}
      </dl>
      {job.ocr_state === 'unavailable' && job.ocr_note && <p>{t('ocr.unavailable_help')}</p>}
      {(job.ocr_state === 'timeout' || job.ocr_state === 'cancelled') && <p>{t('ocr.kept')}</p>}
      {ocrUnfinished(job) && (
        <form method="post" action={href(tr.lang, `/admin/jobs/${job.id}/cancel-ocr`)}>
          <Csrf session={props.session} />
          <button type="submit">{t('ocr.cancel')}</button>
        </form>
      )}
    </section>
  );
}

/**
 * The jobs under a publication's files, each linking to its page. While one waits or is being read, the list
 * says so with a refresh link, and static/jobs.js (when JavaScript runs) fetches it again from `source` every
 * REFRESH_SECONDS and puts it in place.
 */
export function IngestJobList(props: { tr: Translator; jobs: IngestJob[]; slug: string }) {
  const { tr, jobs } = props;
  const t = tr.t;
  const live = jobs.some(unfinished);
  const page = href(tr.lang, `/admin/publications/${props.slug}`);
  return (
    <div id="jobs" data-jobs-url={`${page}/jobs`} data-live={live ? '1' : undefined}>
      {jobs.length > 0 && (
        <>
          <h3 id="jobs-h">{t('ingest.jobs')}</h3>
          <ul aria-labelledby="jobs-h">
            {jobs.map((j) => (
              <li>
                <a href={href(tr.lang, `/admin/jobs/${j.id}`)}>{j.original_name}</a> · <JobState tr={tr} job={j} /> ·{' '}
                <small>{when(tr, j.created_at)}</small>
              </li>
            ))}
          </ul>
          {live && (
            <p>
              {t('ingest.list_live')} <a href={`${page}#files-h`}>{t('ingest.refresh')}</a>
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** One job: while it has not ended the page looks again every REFRESH_SECONDS, unless asked not to. */
export function IngestJobView(props: {
  meta: Meta;
  session: Session;
  job: IngestJobPage;
  ocr?: OcrSummary | null;
  refresh: boolean;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { job } = props;
  const title = t('ingest.job_title', { name: job.original_name });
  const pubTitle = tr.pick(job.title, job.original_language)?.text ?? job.slug;
  const self = href(tr.lang, `/admin/jobs/${job.id}`);
  const live = unfinished(job) && props.refresh;
  return (
    <AdminPage
      meta={props.meta}
      session={props.session}
      title={title}
      head={live ? (html`<meta http-equiv="refresh" content="${REFRESH_SECONDS}"/>` as HtmlEscapedString) : undefined}
    >
      <h1>{title}</h1>
      {unfinished(job) &&
        (live ? (
          <p>
            {t('ingest.refreshing', { count: REFRESH_SECONDS })} <a href={self}>{t('ingest.stop_refreshing')}</a>
          </p>
        ) : (
          <p>
            <a href={`${self}?refresh=1`}>{t('ingest.start_refreshing')}</a>
          </p>
        ))}
      <dl>
        <dt>{t('ingest.publication')}</dt>
        <dd>
          <a href={href(tr.lang, `/admin/publications/${job.slug}#files-h`)}>{pubTitle}</a>
        </dd>
        <dt>{t('ingest.state')}</dt>
        <dd>
          <JobState tr={tr} job={job} />
        </dd>
        <dt>{t('ingest.uploaded')}</dt>
        <dd>{when(tr, job.created_at)}</dd>
        {job.finished_at && (
          <>
            <dt>{t('ingest.finished')}</dt>
            <dd>{when(tr, job.finished_at)}</dd>
          </>
        )}
      </dl>
      {job.state === 'done' && job.file_id !== null && (
        <p>
          <a href={href(tr.lang, `/admin/publications/${job.slug}/files/${job.file_id}`)}>
            {t('ingest.open_file', { name: job.original_name })}
          </a>
        </p>
      )}
      {job.state === 'failed' && <p>{t('ingest.nothing_stored')}</p>}
      {job.ocr_state && <OcrSection tr={tr} session={props.session} job={job} ocr={props.ocr ?? null} />}
    </AdminPage>
  );
}
