/** The pool page's Monitoring section (F-MON-24): its utilisation metrics over the last day. */
import { type Answer, callApi } from '../api';
import { LineChart } from '../chart';
import type { Credentials } from '../session';
import { html, Show, useLoad } from '../ui';

const METRICS = ['PercentAllocated', 'PercentAssigned', 'PercentAvailable'] as const;

const loadSeries = (who: Credentials, poolId: string) => {
  const end = new Date(Date.now() + 60_000);
  const start = new Date(end.getTime() - 24 * 3600_000);
  return Promise.all(
    METRICS.map((MetricName) =>
      callApi(who, 'GetIpamMetricData', {
        MetricName,
        Dimensions: [{ Name: 'PoolID', Value: poolId }],
        StartTime: start.toISOString(),
        EndTime: end.toISOString(),
        Period: 300,
        Stat: 'Maximum',
      }).then((a) => (a.MetricDataResults?.[0] ?? { Timestamps: [], Values: [] }) as Answer),
    ),
  );
};

export const Monitoring = ({ who, poolId }: { who: Credentials; poolId: string }) => {
  const series = useLoad(() => loadSeries(who, poolId), [who, poolId]);
  return html`<h2>Monitoring</h2>
    <${Show} loaded=${series}>${(list: Answer[]) =>
      METRICS.map(
        (m, i) =>
          html`<${LineChart} label=${`${m} of ${poolId}`} times=${list[i]!.Timestamps ?? []} values=${list[i]!.Values ?? []} />`,
      )}<//>`;
};
