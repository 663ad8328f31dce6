/**
 * A tiny SVG line chart for one metric series, with its figures in words: percentages on a
 * 0..100 axis, counts (`unit` '') on an axis from 0 to the series' largest value.
 */
import { html } from './ui';

const W = 480;
const H = 120;

export const LineChart = ({
  label,
  times,
  values,
  unit = '%',
}: {
  label: string;
  times: string[];
  values: number[];
  unit?: '%' | '';
}) => {
  if (values.length === 0)
    return html`<p class="empty">No data points yet for ${label}: they are written at each discovery cycle (or <a href="#/discovery">run discovery now</a>).</p>`;
  const top = unit === '%' ? 100 : Math.max(1, ...values);
  const y = (v: number) => H - 5 - (Math.min(top, v) / top) * (H - 10);
  const t0 = Date.parse(times[0]!);
  const span = Math.max(1, Date.parse(times[times.length - 1]!) - t0);
  const points = values
    .map((v, i) => `${((Date.parse(times[i]!) - t0) / span) * (W - 10) + 5},${y(v)}`)
    .join(' ');
  const last = values[values.length - 1]!;
  return html`<figure>
    <svg width=${W} height=${H} viewBox=${`0 0 ${W} ${H}`} role="img" aria-label=${`${label}: ${values.length} points, latest ${last}${unit}`}>
      <rect x="0" y="0" width=${W} height=${H} fill="#fff" stroke="#cbd5e0" />
      <polyline points=${points} fill="none" stroke="#1d4ed8" stroke-width="2" />
      ${values.length === 1 && html`<circle cx="5" cy=${y(last)} r="3" fill="#1d4ed8" />`}
    </svg>
    <figcaption>${label}, latest ${last}${unit} (${new Date(times[times.length - 1]!).toISOString().slice(0, 16)} UTC)</figcaption>
  </figure>`;
};
