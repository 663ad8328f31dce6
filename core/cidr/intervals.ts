/**
 * Sets of addresses as sorted lists of inclusive intervals. Free-space and overlap questions
 * reduce to merge / intersect / subtract / count over these lists, which costs O(k log k) in the
 * number of intervals however many addresses they span (an IPv6 /0 is one interval, not 2^128
 * blocks), so a scope of 100k resource CIDRs never needs a pairwise comparison.
 */
import type { Interval } from './types';

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
const byStart = (a: Interval, b: Interval): number => cmp(a.start, b.start);

/**
 * Sorted, disjoint, non-adjacent cover of the same addresses (touching intervals are joined,
 * so [0,9] and [10,19] become [0,19]). Empty intervals are dropped; the input is not modified.
 * @example mergeIntervals([{ start: 10n, end: 19n }, { start: 0n, end: 9n }]) // [{ start: 0n, end: 19n }]
 */
export const mergeIntervals = (list: readonly Interval[]): Interval[] => {
  const sorted = list.filter((i) => i.start <= i.end).sort(byStart);
  const out: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last.end + 1n) {
      if (end > last.end) last.end = end;
    } else {
      out.push({ start, end });
    }
  }
  return out;
};

/**
 * Addresses in both sets, as a merged list.
 * @example intersectIntervals([{ start: 0n, end: 9n }], [{ start: 5n, end: 20n }]) // [{ start: 5n, end: 9n }]
 */
export const intersectIntervals = (a: readonly Interval[], b: readonly Interval[]): Interval[] => {
  const x = mergeIntervals(a);
  const y = mergeIntervals(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    const start = p.start > q.start ? p.start : q.start;
    const end = p.end < q.end ? p.end : q.end;
    if (start <= end) out.push({ start, end });
    // Drop whichever ends first; the other may still meet the next interval of the first list.
    if (p.end < q.end) i++;
    else j++;
  }
  return out;
};

/**
 * Addresses in `from` and not in `minus`, as a merged list.
 * @example subtractIntervals([{ start: 0n, end: 9n }], [{ start: 3n, end: 4n }]) // [0..2, 5..9]
 */
export const subtractIntervals = (from: readonly Interval[], minus: readonly Interval[]): Interval[] => {
  const x = mergeIntervals(from);
  const y = mergeIntervals(minus);
  const out: Interval[] = [];
  let j = 0;
  for (const { start: first, end } of x) {
    let start = first;
    while (j < y.length && y[j]!.end < start) j++;
    // y[j] may reach past `end` into the next interval of x, so scan with k and keep j.
    for (let k = j; k < y.length && y[k]!.start <= end && start <= end; k++) {
      const cut = y[k]!;
      if (cut.start > start) out.push({ start, end: cut.start - 1n });
      if (cut.end + 1n > start) start = cut.end + 1n;
    }
    if (start <= end) out.push({ start, end });
  }
  return out;
};

/** Number of entries of the sorted array strictly below x (`orEqual`: at most x). */
const countBelow = (sorted: bigint[], x: bigint, orEqual = false): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x || (orEqual && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * Counts how many stored intervals share at least one address with a query. An interval misses
 * the query iff it ends before the query starts or starts after the query ends, and those two
 * cases are disjoint, so: hits = n - #(end < q.start) - #(start > q.end). Two sorted arrays and
 * two binary searches; no assumption that intervals nest (although CIDRs always do).
 * @example new IntervalIndex([{ start: 0n, end: 9n }]).count({ start: 5n, end: 20n }) // 1
 */
export class IntervalIndex {
  private readonly starts: bigint[];
  private readonly ends: bigint[];

  constructor(items: readonly Interval[]) {
    this.starts = items.map((i) => i.start).sort(cmp);
    this.ends = items.map((i) => i.end).sort(cmp);
  }

  get size(): number {
    return this.starts.length;
  }

  count(q: Interval): number {
    const n = this.starts.length;
    return n - countBelow(this.ends, q.start) - (n - countBelow(this.starts, q.end, true));
  }
}

/** Addresses in the union (F-STAT-01: overlapping CIDRs are not counted twice). */
export const unionSize = (items: readonly Interval[]): bigint =>
  mergeIntervals(items).reduce((sum, i) => sum + (i.end - i.start + 1n), 0n);

/** Addresses of `within` covered by a merged (sorted, disjoint) list. */
export const coveredWithin = (merged: readonly Interval[], within: Interval): bigint => {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (merged[mid]!.end < within.start) lo = mid + 1;
    else hi = mid;
  }
  let sum = 0n;
  for (let i = lo; i < merged.length && merged[i]!.start <= within.end; i++) {
    // BigInt has no Math.max/min; clip the merged interval to `within` by hand.
    let { start, end } = merged[i]!;
    if (start < within.start) start = within.start;
    if (end > within.end) end = within.end;
    sum += end - start + 1n;
  }
  return sum;
};

/** Addresses of the union of `items` that lie inside the union of `space`. */
export const intersectionSize = (items: readonly Interval[], space: readonly Interval[]): bigint => {
  const m = mergeIntervals(items);
  return mergeIntervals(space).reduce((sum, s) => sum + coveredWithin(m, s), 0n);
};

const bitLength = (x: bigint): number => x.toString(16).length * 4; // an upper bound within 3 bits
const EXACT = 2n ** 53n;

/**
 * num / den as a double without ever converting a 128-bit count to Number first (that would
 * round a /48's 2^80 addresses and make 1/65536 come out wrong). Below 2^53 both convert
 * exactly and IEEE division rounds correctly. Above, the quotient is taken in BigInt with at
 * least 64 significant bits and scaled by a power of two, which is exact in binary floating point.
 * @example share(1n, 65536n) // 0.0000152587890625 (exactly 2^-16)
 */
export const share = (num: bigint, den: bigint): number => {
  if (den <= 0n) throw new RangeError('share: denominator must be positive');
  if (num < EXACT && den < EXACT) return Number(num) / Number(den);
  const shift = Math.max(0, bitLength(den) - bitLength(num) + 68);
  const q = (num << BigInt(shift)) / den;
  return Number(q) / 2 ** shift;
};
