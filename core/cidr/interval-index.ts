/**
 * Interval arithmetic on inclusive BigInt ranges: overlap counting, unions, exact shares.
 * Everything here is O(n log n) to build and O(log n) per query, so a scope of 100k resource
 * CIDRs never needs a pairwise comparison.
 */
export interface Interval {
  start: bigint;
  end: bigint;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** Number of entries of the sorted array strictly below x. */
const countBelow = (sorted: bigint[], x: bigint): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Number of entries of the sorted array less than or equal to x. */
const countAtMost = (sorted: bigint[], x: bigint): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
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
    return n - countBelow(this.ends, q.start) - (n - countAtMost(this.starts, q.end));
  }
}

/** Sorted, non-overlapping, non-adjacent union of the intervals. */
export const merge = (items: readonly Interval[]): Interval[] => {
  const sorted = [...items].sort((a, b) => cmp(a.start, b.start));
  const out: Interval[] = [];
  for (const it of sorted) {
    const last = out[out.length - 1];
    if (last && it.start <= last.end + 1n) {
      if (it.end > last.end) last.end = it.end;
    } else out.push({ start: it.start, end: it.end });
  }
  return out;
};

/** Addresses in the union (F-STAT-01: overlapping CIDRs are not counted twice). */
export const unionSize = (items: readonly Interval[]): bigint =>
  merge(items).reduce((sum, i) => sum + (i.end - i.start + 1n), 0n);

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
  const m = merge(items);
  return merge(space).reduce((sum, s) => sum + coveredWithin(m, s), 0n);
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
