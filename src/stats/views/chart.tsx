// Charts drawn on the server as SVG (readable with JavaScript off); each stands beside a table with the same
// numbers, so the chart itself is one labelled image for screen readers.
import type { UsageRow } from '../../store/stats-reports.ts';

const W = 640;
const H = 220;
const PAD = { left: 48, right: 8, top: 10, bottom: 36 };

/** A round top for the axis: 1, 2 or 5 times a power of ten, at least max. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max)!;
}

/** Views and downloads of each month, as pairs of bars. */
export function MonthChart(props: { rows: UsageRow[]; title: string; views: string; downloads: string }) {
  const { rows } = props;
  const top = niceMax(Math.max(0, ...rows.map((r) => r.investigations)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, rows.length);
  const bar = Math.max(1, Math.min(18, step / 2 - 2));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = [0, top / 2, top];
  const every = Math.ceil(rows.length / 12);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} width={W} height={H}>
      {ticks.map((v) => (
        <g>
          <line class="chart-grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text class="chart-axis" x={PAD.left - 4} y={y(v) + 4} text-anchor="end">
            {Math.round(v)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const x = PAD.left + i * step + step / 2;
        return (
          <g>
            <rect
              class="bar-v"
              x={x - bar}
              y={y(r.investigations)}
              width={bar}
              height={PAD.top + plotH - y(r.investigations)}
            >
              <title>{`${r.key}: ${props.views} ${r.investigations}`}</title>
            </rect>
            <rect class="bar-d" x={x} y={y(r.requests)} width={bar} height={PAD.top + plotH - y(r.requests)}>
              <title>{`${r.key}: ${props.downloads} ${r.requests}`}</title>
            </rect>
            {i % every === 0 && (
              <text class="chart-axis" x={x} y={H - PAD.bottom + 14} text-anchor="middle">
                {r.key}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
