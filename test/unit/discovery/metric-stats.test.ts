import { describe, expect, it } from 'vitest';
import { aggregate, maxAcross } from '../../../core/ops/monitoring/metrics/stats';

const MIN = 60_000;
const points = [
  { Timestamp: 0, Value: 4 },
  { Timestamp: 2 * MIN, Value: 1 },
  { Timestamp: 5 * MIN, Value: 7 },
  { Timestamp: 14 * MIN, Value: 3 },
];

describe('metric statistics (F-MET-16)', () => {
  it('buckets points into periods aligned on the start, one value per period that holds data', () => {
    expect(aggregate(points, 0, 5 * MIN, 'Average')).toEqual({
      Timestamps: [0, 5 * MIN, 10 * MIN],
      Values: [2.5, 7, 3],
    });
    expect(aggregate(points, 0, 15 * MIN, 'Sum')).toEqual({ Timestamps: [0], Values: [15] });
    expect(aggregate(points, 0, 15 * MIN, 'Minimum').Values).toEqual([1]);
    expect(aggregate(points, 0, 15 * MIN, 'Maximum').Values).toEqual([7]);
    expect(aggregate(points, 0, 15 * MIN, 'SampleCount').Values).toEqual([4]);
  });

  it('aligns on the start time, not on the clock, and leaves out points before it', () => {
    expect(aggregate(points, 1 * MIN, 5 * MIN, 'Maximum')).toEqual({
      Timestamps: [1 * MIN, 11 * MIN],
      Values: [7, 3],
    });
    expect(aggregate([], 0, 5 * MIN, 'Average')).toEqual({ Timestamps: [], Values: [] });
  });

  it('MAX across series takes the largest value of each period any series has', () => {
    expect(
      maxAcross([
        { Timestamps: [0, 5 * MIN], Values: [1, 9] },
        { Timestamps: [0, 10 * MIN], Values: [4, 2] },
        { Timestamps: [5 * MIN], Values: [-3] },
      ]),
    ).toEqual({ Timestamps: [0, 5 * MIN, 10 * MIN], Values: [4, 9, 2] });
    expect(maxAcross([])).toEqual({ Timestamps: [], Values: [] });
  });
});
