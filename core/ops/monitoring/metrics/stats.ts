/**
 * Statistics over stored metric points for the metric query surface (F-MET-16), as CloudWatch
 * computes them: points fall into periods aligned on the query's start time, each period that
 * holds data gives one value of the chosen statistic, and periods without data give none.
 */
export const STATS = ['Average', 'Minimum', 'Maximum', 'Sum', 'SampleCount'] as const;
export type Stat = (typeof STATS)[number];

export interface Series {
  /** Period start times (epoch ms), oldest first. */
  Timestamps: number[];
  Values: number[];
}

const reduce = (values: readonly number[], stat: Stat): number => {
  switch (stat) {
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'SampleCount':
      return values.length;
  }
};

/**
 * One value per period of `periodMs` from `start` that holds points.
 * @example aggregate([{ Timestamp: 0, Value: 1 }, { Timestamp: 60_000, Value: 3 }], 0, 300_000, 'Average')
 * // { Timestamps: [0], Values: [2] }
 */
export const aggregate = (
  points: readonly { Timestamp: number; Value: number }[],
  start: number,
  periodMs: number,
  stat: Stat,
): Series => {
  const buckets = new Map<number, number[]>();
  for (const p of points) {
    if (p.Timestamp < start) continue;
    const at = start + Math.floor((p.Timestamp - start) / periodMs) * periodMs;
    const bucket = buckets.get(at) ?? [];
    buckets.set(at, bucket);
    bucket.push(p.Value);
  }
  const Timestamps = [...buckets.keys()].sort((a, b) => a - b);
  return { Timestamps, Values: Timestamps.map((t) => reduce(buckets.get(t)!, stat)) };
};

/**
 * Many series as one: per period, the largest value any series has there (F-MET-16's MAX across
 * series, e.g. the fullest pool of a scope over time).
 * @example maxAcross([{ Timestamps: [0, 5], Values: [1, 2] }, { Timestamps: [5], Values: [7] }])
 * // { Timestamps: [0, 5], Values: [1, 7] }
 */
export const maxAcross = (series: readonly Series[]): Series => {
  const best = new Map<number, number>();
  for (const s of series)
    s.Timestamps.forEach((t, i) => {
      const v = s.Values[i]!;
      if (!best.has(t) || v > best.get(t)!) best.set(t, v);
    });
  const Timestamps = [...best.keys()].sort((a, b) => a - b);
  return { Timestamps, Values: Timestamps.map((t) => best.get(t)!) };
};
