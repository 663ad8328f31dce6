import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Interval, intersectIntervals, mergeIntervals, subtractIntervals } from '../../../core/cidr';

const iv = (start: number, end: number): Interval => ({ start: BigInt(start), end: BigInt(end) });
/** Tables are written as number pairs so test titles can print them. */
type Pairs = [number, number][];
const ivs = (pairs: Pairs): Interval[] => pairs.map(([lo, hi]) => iv(lo, hi));

describe('interval helpers', () => {
  it.each<[Pairs, Pairs]>([
    [[], []],
    [
      [
        [10, 19],
        [0, 9],
      ],
      [[0, 19]],
    ], // adjacent intervals join
    [
      [
        [0, 5],
        [3, 8],
        [20, 30],
      ],
      [
        [0, 8],
        [20, 30],
      ],
    ],
    [
      [
        [0, 100],
        [10, 20],
      ],
      [[0, 100]],
    ],
    [
      [
        [0, 4],
        [6, 9],
      ],
      [
        [0, 4],
        [6, 9],
      ],
    ], // a one-address gap stays
    [[[5, 4]], []], // empty intervals vanish
  ])('mergeIntervals(%j)', (input, want) => {
    expect(mergeIntervals(ivs(input))).toEqual(ivs(want));
  });

  it('does not modify its input', () => {
    // Arrange
    const input = ivs([
      [10, 19],
      [0, 12],
    ]);

    // Act
    mergeIntervals(input);

    // Assert
    expect(input).toEqual(
      ivs([
        [10, 19],
        [0, 12],
      ]),
    );
  });

  it.each<[Pairs, Pairs, Pairs]>([
    [
      [[0, 9]],
      [[3, 4]],
      [
        [0, 2],
        [5, 9],
      ],
    ],
    [[[0, 9]], [[0, 9]], []],
    [[[0, 9]], [[-5, 100]], []],
    [
      [
        [0, 9],
        [20, 29],
      ],
      [[5, 24]],
      [
        [0, 4],
        [25, 29],
      ],
    ], // one cut spanning two intervals
    [
      [[0, 9]],
      [
        [0, 0],
        [9, 9],
        [4, 5],
      ],
      [
        [1, 3],
        [6, 8],
      ],
    ],
    [[[0, 9]], [], [[0, 9]]],
  ])('subtractIntervals(%j, %j)', (from, minus, want) => {
    expect(subtractIntervals(ivs(from), ivs(minus))).toEqual(ivs(want));
  });

  it.each<[Pairs, Pairs, Pairs]>([
    [[[0, 9]], [[5, 20]], [[5, 9]]],
    [
      [
        [0, 9],
        [20, 29],
      ],
      [[5, 24]],
      [
        [5, 9],
        [20, 24],
      ],
    ],
    [[[0, 9]], [[10, 19]], []],
    [
      [[0, 100]],
      [
        [1, 2],
        [4, 5],
      ],
      [
        [1, 2],
        [4, 5],
      ],
    ],
  ])('intersectIntervals(%j, %j)', (a, b, want) => {
    expect(intersectIntervals(ivs(a), ivs(b))).toEqual(ivs(want));
  });
});

describe('interval helpers agree with a bitmap over 0..63', () => {
  const list = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 63 })).map(([a, b]) => iv(a, b)),
    { maxLength: 6 },
  );
  const bitmap = (l: Interval[]): boolean[] =>
    Array.from({ length: 64 }, (_, i) => l.some((x) => x.start <= BigInt(i) && BigInt(i) <= x.end));
  /** A merged list is sorted, disjoint and non-adjacent, so it is the unique cover of its set. */
  const canonical = (l: Interval[]): boolean =>
    l.every((x, i) => x.start <= x.end && (i === 0 || l[i - 1]!.end + 1n < x.start));

  it('merge, intersect and subtract', () => {
    fc.assert(
      fc.property(list, list, (a, b) => {
        // Arrange
        const [ma, mb] = [bitmap(a), bitmap(b)];

        // Act
        const merged = mergeIntervals(a);
        const both = intersectIntervals(a, b);
        const diff = subtractIntervals(a, b);

        // Assert
        for (const r of [merged, both, diff]) expect(canonical(r)).toBe(true);
        expect(bitmap(merged)).toEqual(ma);
        expect(bitmap(both)).toEqual(ma.map((x, i) => x && mb[i]!));
        expect(bitmap(diff)).toEqual(ma.map((x, i) => x && !mb[i]!));
      }),
      { numRuns: 500 },
    );
  });
});
