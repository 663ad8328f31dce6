/**
 * The history page's timeline (F-HIST-13): who held the CIDR and when, one lane per resource and
 * one bar per record, on an SVG time axis from the search's start to now. Each bar carries its
 * record's times (`data-from`, `data-until`) and says them on hover; the table below has them all.
 */
import { type HeldRecord, timelineBars } from '../timeline';
import { html } from '../ui';

const LABEL = 170;
const AXIS = 560;
const LANE = 22;

const day = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');

export const Timeline = ({
  cidr,
  records,
  t0,
  t1,
}: {
  cidr: string;
  records: HeldRecord[];
  t0: number;
  t1: number;
}) => {
  const bars = timelineBars(records, t0, t1, AXIS);
  const lanes = [...new Set(bars.map((b) => b.resource))];
  const height = lanes.length * LANE + 24;
  return html`<svg class="timeline" width=${LABEL + AXIS + 10} height=${height} viewBox=${`0 0 ${LABEL + AXIS + 10} ${height}`}
      role="img" aria-label=${`Timeline of ${cidr}: ${bars.length} holds by ${lanes.length} resources from ${day(t0)} to ${day(t1)} UTC`}
      data-from=${new Date(t0).toISOString()} data-until=${new Date(t1).toISOString()} data-x0=${LABEL} data-width=${AXIS}>
    <rect x=${LABEL} y="0" width=${AXIS} height=${lanes.length * LANE} fill="#fff" stroke="#cbd5e0" />
    ${lanes.map((r, i) => html`<text x="4" y=${i * LANE + 15} font-size="12" fill="#1a202c">${r}</text>`)}
    ${bars.map(
      (
        b,
      ) => html`<rect class="hold" x=${LABEL + b.x} y=${b.lane * LANE + 4} width=${b.width} height=${LANE - 8}
        fill=${b.until ? '#64748b' : '#1d4ed8'} data-resource=${b.resource} data-from=${b.from} data-until=${b.until ?? 'now'}>
        <title>${b.resource}: from ${b.from} until ${b.until ?? 'now'}</title></rect>`,
    )}
    <text x=${LABEL} y=${height - 6} font-size="11" fill="#4a5568">${day(t0)} UTC</text>
    <text x=${LABEL + AXIS} y=${height - 6} font-size="11" fill="#4a5568" text-anchor="end">now</text>
  </svg>`;
};
