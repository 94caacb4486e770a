// The staff page "Import": the source form, the proposed records as an editable table (a form that works without
// JavaScript: recalculate, merge, page, import), and the summary of what was imported.
import { KINDS } from '../../domain/publication.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { ImportBatch } from '../../store/import-batches.ts';
import type { Session } from '../../store/sessions.ts';
import { href } from '../../views/href.ts';
import {
  EDITABLE,
  fieldConfidence,
  rowConfidence,
  shown,
  UNSURE,
  type StagedReport,
  type StagedRow,
} from '../import/rows.ts';
import { ACCEPTED } from '../import/source.ts';
import { AdminPage, Csrf, type Meta } from './frame.tsx';

export type Batch = ImportBatch<StagedRow, StagedReport>;

/** The first step: paste a page's text or upload its file. */
export function ImportStartPage(props: {
  meta: Meta;
  session: Session;
  problem?: MessageKey;
  /** The reader's own words on a spreadsheet or reference file (English). */
  detail?: string | null;
  text?: string;
  source?: string;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('import.title')}>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      {props.problem && (
        <div class="errors" role="alert">
          <p>{t(props.problem)}</p>
          {props.detail && <p lang="en">{props.detail}</p>}
        </div>
      )}
      <form
        class="stack"
        method="post"
        action={href(tr.lang, '/admin/import')}
        enctype="multipart/form-data"
        accept-charset="utf-8"
      >
        <Csrf session={props.session} />
        <p>
          <label for="f-file">{t('import.file')}</label>
          <input id="f-file" type="file" name="file" accept={ACCEPTED} aria-describedby="f-file-help" />
          <span id="f-file-help">{t('import.file_help')}</span>
        </p>
        <p>
          <label for="f-text">{t('import.text')}</label>
          <textarea id="f-text" name="text" rows={10}>
            {props.text ?? ''}
          </textarea>
        </p>
        <p>
          <label for="f-source">{t('import.source')}</label>
          <input
            id="f-source"
            name="source"
            maxlength={300}
            value={props.source ?? ''}
            aria-describedby="f-source-help"
          />
          <span id="f-source-help">{t('import.source_help')}</span>
        </p>
        <p>
          <button type="submit">{t('import.preview')}</button>
        </p>
      </form>
    </AdminPage>
  );
}

const HEAD: Record<(typeof EDITABLE)[number], MessageKey> = {
  title: 'import.col.title',
  year: 'import.col.year',
  kind: 'import.col.kind',
  languages: 'import.col.languages',
  authors: 'import.col.authors',
  publishers: 'import.col.publishers',
  pages: 'import.col.pages',
  place: 'import.col.place',
  urls: 'import.col.urls',
};
const SIZE: Partial<Record<(typeof EDITABLE)[number], number>> = { year: 4, pages: 4, languages: 6 };

/** The proposed records, a page of them, as the form staff correct and import. */
export function ImportPreviewPage(props: {
  meta: Meta;
  session: Session;
  batch: Batch;
  rows: StagedRow[];
  page: number;
  pages: number;
  notice?: MessageKey;
  problem?: MessageKey;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const b = props.batch;
  const action = href(tr.lang, `/admin/import/${b.id}`);
  const ticked = b.rows.filter((r) => r.include).length;
  const existing = b.rows.filter((r) => r.existing).length;
  const unsure = b.rows.filter((r) => rowConfidence(r) < UNSURE).length;
  const bad = b.rows.filter((r) => r.errors.length);
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('import.preview_title', { source: b.source_name })}>
      <h1>{t('import.preview_title', { source: b.source_name })}</h1>
      {b.notice && <p class="ok">{t(`import.notice.${b.notice}` as MessageKey)}</p>}
      {props.notice && <p class="ok">{t(props.notice)}</p>}
      {(props.problem || bad.length > 0) && (
        <div class="errors" role="alert">
          {props.problem && <p>{t(props.problem)}</p>}
          {bad.length > 0 && <p>{t('import.rows_to_fix', { rows: bad.map((r) => r.n).join(', ') })}</p>}
        </div>
      )}
      <p>
        {t('import.counts', {
          records: b.rows.length,
          ticked,
          existing,
          unsure,
          lines: b.report.nonEmpty,
          unused: b.report.skipped.length,
        })}
      </p>
      <p id="unsure-help">{t('import.unsure_help')}</p>
      <form method="post" action={action} accept-charset="utf-8">
        <Csrf session={props.session} />
        <input type="hidden" name="page" value={String(props.page)} />
        <input type="hidden" name="shown" value={props.rows.map((r) => r.n).join(',')} />
        <p>
          <button type="submit" name="action" value="preview">
            {t('import.recalculate')}
          </button>
        </p>
        <div class="table-scroll" role="region" aria-labelledby="rows-caption" tabindex={0}>
          <table class="import-rows">
            <caption id="rows-caption">{t('import.rows_caption', { page: props.page, pages: props.pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.col.row')}</th>
                <th scope="col" id="h-include">
                  {t('import.col.include')}
                </th>
                <th scope="col">{t('import.col.confidence')}</th>
                {EDITABLE.map((f) => (
                  <th scope="col" id={`h-${f}`}>
                    {t(HEAD[f])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <Row row={row} t={t} lang={tr.lang} />
              ))}
            </tbody>
          </table>
        </div>
        {props.pages > 1 && (
          <nav aria-label={t('import.pages')}>
            <ul class="inline-list">
              {Array.from({ length: props.pages }, (_, i) => i + 1).map((p) => (
                <li>
                  {p === props.page ? (
                    <span aria-current="page">{p}</span>
                  ) : (
                    <button class="link" type="submit" name="goto" value={String(p)}>
                      {t('import.page_n', { page: p })}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        )}
        <fieldset class="inline">
          <legend>{t('import.merge')}</legend>
          <p>
            <label for="f-merge-from">{t('import.merge_from')}</label>{' '}
            <input id="f-merge-from" name="merge_from" inputmode="numeric" size={4} />
          </p>
          <p>
            <label for="f-merge-into">{t('import.merge_into')}</label>{' '}
            <input id="f-merge-into" name="merge_into" inputmode="numeric" size={4} />
          </p>
          <p>
            <button type="submit" name="action" value="merge">
              {t('import.merge_button')}
            </button>
          </p>
        </fieldset>
        <p class="inline">
          <button type="submit" name="action" value="preview">
            {t('import.recalculate')}
          </button>
          <button type="submit" name="action" value="import">
            {t('import.import_button', { count: ticked })}
          </button>
        </p>
      </form>
      <Unused report={b.report} t={t} reportHref={href(tr.lang, `/admin/import/${b.id}/report`)} />
      <p>
        <a href={href(tr.lang, '/admin/import')}>{t('import.start_again')}</a>
      </p>
    </AdminPage>
  );
}

type T = Meta['tr']['t'];

function Row(props: { row: StagedRow; t: T; lang: Meta['tr']['lang'] }) {
  const { row, t } = props;
  const n = row.n;
  const conf = rowConfidence(row);
  const r = row.record;
  return (
    <tr class={conf < UNSURE ? 'unsure-row' : undefined}>
      <th scope="row" id={`r${n}`}>
        {n}
      </th>
      <td>
        <input
          type="checkbox"
          name={`r${n}.include`}
          value="1"
          checked={row.include}
          aria-labelledby={`h-include r${n}`}
        />
      </td>
      <td class={conf < UNSURE ? 'unsure' : undefined}>
        {Math.round(conf * 100)} %
        <br />
        <small>
          {r.source_lines[0] === r.source_lines[1]
            ? t('import.line', { line: r.source_lines[0] })
            : t('import.lines', { from: r.source_lines[0], to: r.source_lines[1] })}
        </small>
        {row.merged.length > 0 && (
          <>
            <br />
            <small>{t('import.merged_rows', { rows: row.merged.join(', ') })}</small>
          </>
        )}
        {row.existing && (
          <>
            <br />
            <small>
              {t('import.existing')}{' '}
              <a href={href(props.lang, `/admin/publications/${row.existing.slug}`)}>{row.existing.title}</a>
            </small>
          </>
        )}
      </td>
      {EDITABLE.map((f) => {
        const c = fieldConfidence(row, f);
        const low = c !== null && c < UNSURE;
        const error = row.errors.find((e) => e.field === f);
        const value = row.typed?.[f] ?? shown(r, f);
        const attrs = {
          name: `r${n}.${f}`,
          'aria-labelledby': `h-${f} r${n}`,
          ...(error
            ? { 'aria-invalid': 'true', 'aria-describedby': `e${n}-${f}` }
            : low
              ? { 'aria-describedby': 'unsure-help' }
              : {}),
        };
        return (
          <td class={low ? 'unsure' : undefined}>
            {f === 'kind' ? (
              <select {...attrs}>
                {KINDS.map((k) => (
                  <option value={k} selected={k === value}>
                    {t(`kind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...attrs}
                value={value}
                size={SIZE[f] ?? 18}
                {...(f === 'year' || f === 'pages' ? { inputmode: 'numeric' } : {})}
              />
            )}
            {error && (
              <span class="field-error" id={`e${n}-${f}`}>
                {t(error.key)}
              </span>
            )}
          </td>
        );
      })}
    </tr>
  );
}

/** Lines of the source that are in no record, with the importer's reason (its own words, in English). */
function Unused(props: { report: StagedReport; t: T; reportHref: string }) {
  const { report, t } = props;
  const SHOWN = 60;
  if (!report.skipped.length && !report.notes.length) return null;
  return (
    <section aria-labelledby="unused">
      <h2 id="unused">{t('import.unused', { count: report.skipped.length })}</h2>
      <ul class="unused">
        {report.skipped.slice(0, SHOWN).map((s) => (
          <li>
            {t('import.line', { line: s.line })}: <q>{s.text.length > 90 ? `${s.text.slice(0, 89)}…` : s.text}</q> —{' '}
            <span lang="en">{s.reason}</span>
          </li>
        ))}
      </ul>
      {report.skipped.length > SHOWN && <p>{t('import.unused_more', { count: report.skipped.length - SHOWN })}</p>}
      <p>
        <a href={props.reportHref}>{t('import.full_report')}</a>
      </p>
    </section>
  );
}

/** After the import: the drafts made, each a link. */
export function ImportDonePage(props: { meta: Meta; session: Session; batch: Batch }) {
  const { tr } = props.meta;
  const t = tr.t;
  const done = props.batch.imported ?? [];
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('import.done_title')}>
      <h1>{t('import.done_title')}</h1>
      <p class="ok" role="status">
        {t('import.done', { count: done.length, source: props.batch.source_name })}
      </p>
      <ul>
        {done.map((d) => (
          <li>
            <a href={href(tr.lang, `/admin/publications/${d.slug}`)}>{d.title}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href={href(tr.lang, '/admin/import')}>{t('import.another')}</a>
      </p>
    </AdminPage>
  );
}
