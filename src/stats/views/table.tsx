// A report table: what each row is, its four counts, totals, and a link to the same table as CSV.
import type { Translator } from '../../i18n/i18n.ts';
import type { UsageCounts, UsageDimension, UsageRow } from '../../store/stats-reports.ts';

export const COLUMNS = ['investigations', 'unique_investigations', 'requests', 'unique_requests'] as const;

/** What a row stands for, in the reader's language: a title, a name, a file and its language, a country, a period. */
export function rowLabel(tr: Translator, dimension: UsageDimension, row: UsageRow): string {
  const label = row.label as never;
  switch (dimension) {
    case 'publication':
    case 'funder':
    case 'project':
    case 'topic':
      return tr.pick(label)?.text ?? row.key;
    case 'file': {
      const f = row.label as { name: string | null; language: string | null; title: Record<string, string> } | null;
      return `${f?.name ?? `#${row.key}`}${f?.language ? ` (${f.language})` : ''} — ${tr.pick(f?.title as never)?.text ?? ''}`;
    }
    case 'country':
      return row.key || tr.t('stats.unknown');
    default:
      return row.key;
  }
}

const sum = (rows: UsageCounts[], k: keyof UsageCounts) => rows.reduce((a, r) => a + r[k], 0);

export function UsageTable(props: {
  tr: Translator;
  dimension: UsageDimension;
  rows: UsageRow[];
  caption: string;
  csv?: string;
  totals?: boolean;
  id: string;
}) {
  const { tr, rows } = props;
  const t = tr.t;
  return (
    // Focusable so that a keyboard can scroll a wide table at 320 px (axe: scrollable-region-focusable).
    <div class="table-wrap" tabindex={0} role="group" aria-labelledby={props.id}>
      <table class="usage" aria-labelledby={props.id}>
        <thead>
          <tr>
            <th scope="col">{t('stats.name')}</th>
            {COLUMNS.map((c) => (
              <th scope="col" class="n">
                {t(`stats.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{rowLabel(tr, props.dimension, r)}</th>
              {COLUMNS.map((c) => (
                <td class="n">{tr.number(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {props.totals && rows.length > 1 && (
          <tfoot>
            <tr>
              <td>{t('stats.totals')}</td>
              {COLUMNS.map((c) => (
                <td class="n">{tr.number(sum(rows, c))}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
      {props.csv && (
        <p class="no-print">
          <a href={props.csv} download>
            {t('stats.csv')}
          </a>
        </p>
      )}
    </div>
  );
}
