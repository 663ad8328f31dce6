import { describe, expect, it } from 'vitest';
import { timelineBars } from '../../../console/src/timeline';

const t0 = Date.parse('2026-03-01T00:00:00Z');
const t1 = Date.parse('2026-03-11T00:00:00Z'); // ten days on 1,000 px: 100 px a day

describe('the history timeline (F-HIST-13)', () => {
  it('draws a closed record from its start to its end and an open one until now, one lane per resource', () => {
    const bars = timelineBars(
      [
        { ResourceId: 'vpc-b', SampledStartTime: '2026-03-06T12:00:00Z' },
        {
          ResourceId: 'vpc-a',
          SampledStartTime: '2026-03-02T00:00:00Z',
          SampledEndTime: '2026-03-05T00:00:00Z',
        },
        {
          ResourceId: 'vpc-a',
          SampledStartTime: '2026-03-08T00:00:00Z',
          SampledEndTime: '2026-03-08T00:00:01Z',
        },
      ],
      t0,
      t1,
      1000,
    );
    expect(bars.map((b) => [b.resource, b.lane, b.x, Math.round(b.width * 1000) / 1000, b.until])).toEqual([
      ['vpc-a', 0, 100, 300, '2026-03-05T00:00:00Z'],
      ['vpc-b', 1, 550, 450, undefined],
      ['vpc-a', 0, 700, 2, '2026-03-08T00:00:01Z'],
    ]);
  });

  it('clips a record that began before the range to its start', () => {
    const [bar] = timelineBars(
      [
        {
          ResourceId: 'vpc-a',
          SampledStartTime: '2026-02-01T00:00:00Z',
          SampledEndTime: '2026-03-03T00:00:00Z',
        },
      ],
      t0,
      t1,
      1000,
    );
    expect([bar?.x, bar?.width, bar?.from]).toEqual([0, 200, '2026-02-01T00:00:00Z']);
  });
});
