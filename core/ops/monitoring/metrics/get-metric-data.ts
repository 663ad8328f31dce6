/**
 * GetIpamMetricData (Allot-specific, JSON only): the metric query surface of F-MET-16, shaped
 * like CloudWatch's GetMetricData. It reads the series the discovery job stores each cycle (the
 * same figures as its EMF lines) and answers the dashboard's "over time" widgets (F-MON-08/09,
 * F-MON-14/15): every series of the caller's account with that metric name whose dimensions
 * include the given ones, in periods aligned on StartTime, or with AcrossSeries MAX one series of
 * the largest value per period.
 */

import { fail } from '../../../errors';
import type { Caller, Deps, MetricSeries } from '../../../ports';
import { required, timeOf } from '../../kit/common';
import { METRIC_NAMESPACE } from './emf';
import { aggregate, maxAcross, type Series, STATS, type Stat } from './stats';

export interface GetIpamMetricDataInput {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name?: string; Value?: string }[];
  StartTime?: string | Date;
  EndTime?: string | Date;
  /** Seconds, a multiple of 60; 300 (one discovery cycle) by default. */
  Period?: number;
  Stat?: string;
  AcrossSeries?: string;
}

/** Periods one query may span, and series one query may read (ask with more dimensions). */
export const MAX_PERIODS = 1440;
export const MAX_SERIES = 500;

const dimensionFilter = (dims: GetIpamMetricDataInput['Dimensions']): [string, string][] =>
  (dims ?? []).map((d, i) => [
    required(d.Name, `Dimensions.${i + 1}.Name`),
    required(d.Value, `Dimensions.${i + 1}.Value`),
  ]);

const asResult = (label: string, dims: Readonly<Record<string, string>> | undefined, s: Series) => ({
  Label: label,
  ...(dims
    ? {
        Dimensions: Object.entries(dims)
          .sort(([x], [y]) => (x < y ? -1 : 1))
          .map(([Name, Value]) => ({ Name, Value })),
      }
    : {}),
  Timestamps: s.Timestamps.map((t) => new Date(t).toISOString()),
  Values: s.Values,
});

export const getIpamMetricData = async (deps: Deps, caller: Caller, input: GetIpamMetricDataInput) => {
  const MetricName = required(input.MetricName, 'MetricName');
  const Namespace = input.Namespace ?? METRIC_NAMESPACE;
  const start = timeOf(required(input.StartTime, 'StartTime'), 'StartTime')!;
  const end = timeOf(required(input.EndTime, 'EndTime'), 'EndTime')!;
  if (start >= end) fail('InvalidParameterValue', 'StartTime must be earlier than EndTime.');
  const period = input.Period ?? 300;
  if (!Number.isInteger(period) || period < 60 || period % 60 !== 0)
    fail('InvalidParameterValue', `Period must be a positive multiple of 60 seconds; got ${period}.`);
  const periods = Math.ceil((end - start) / (period * 1000));
  if (periods > MAX_PERIODS) {
    fail(
      'InvalidParameterValue',
      `The query spans ${periods} periods; at most ${MAX_PERIODS} are allowed (use a longer Period).`,
    );
  }
  const stat = input.Stat ?? 'Average';
  if (!(STATS as readonly string[]).includes(stat))
    fail('InvalidParameterValue', `Stat must be one of ${STATS.join(', ')}; got '${stat}'.`);
  if (input.AcrossSeries !== undefined && input.AcrossSeries !== 'MAX')
    fail('InvalidParameterValue', `AcrossSeries must be 'MAX'; got '${input.AcrossSeries}'.`);
  const filter = dimensionFilter(input.Dimensions);
  const matches = (s: MetricSeries) => filter.every(([k, v]) => s.Dimensions[k] === v);
  const series = (await deps.store.metricSeries({ Account: caller.accountId, Namespace, MetricName })).filter(
    matches,
  );
  if (series.length > MAX_SERIES) {
    fail(
      'InvalidParameterValue',
      `${series.length} series match; at most ${MAX_SERIES} are read at once (add Dimensions).`,
    );
  }
  // CloudWatch's EndTime is exclusive.
  const results = await Promise.all(
    series.map(async (s) => ({
      s,
      data: aggregate(await deps.store.metricPoints(s, start, end - 1), start, period * 1000, stat as Stat),
    })),
  );
  if (input.AcrossSeries === 'MAX') {
    return {
      MetricDataResults: [asResult(`MAX(${MetricName})`, undefined, maxAcross(results.map((r) => r.data)))],
    };
  }
  return { MetricDataResults: results.map(({ s, data }) => asResult(MetricName, s.Dimensions, data)) };
};
