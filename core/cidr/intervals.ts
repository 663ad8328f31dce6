/**
 * Sets of addresses as sorted lists of inclusive intervals. Free-space questions reduce to
 * merge / intersect / subtract over these lists, which costs O(k log k) in the number of
 * intervals however many addresses they span (an IPv6 /0 is one interval, not 2^128 blocks).
 */

/** Inclusive range of address values, `lo <= hi`; an interval with `lo > hi` is empty. */
export interface Interval {
  lo: bigint;
  hi: bigint;
}

const byLo = (a: Interval, b: Interval): number => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0);
// Math.max/min do not take bigint.
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * Sorted, disjoint, non-adjacent cover of the same addresses (touching intervals are joined,
 * so [0,9] and [10,19] become [0,19]). Empty intervals are dropped; the input is not modified.
 * @example mergeIntervals([{ lo: 10n, hi: 19n }, { lo: 0n, hi: 9n }]) // [{ lo: 0n, hi: 19n }]
 */
export const mergeIntervals = (list: readonly Interval[]): Interval[] => {
  const sorted = list.filter((i) => i.lo <= i.hi).sort(byLo);
  const out: Interval[] = [];
  for (const { lo, hi } of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last.hi + 1n) {
      if (hi > last.hi) last.hi = hi;
    } else {
      out.push({ lo, hi });
    }
  }
  return out;
};

/**
 * Addresses in both sets, as a merged list.
 * @example intersectIntervals([{ lo: 0n, hi: 9n }], [{ lo: 5n, hi: 20n }]) // [{ lo: 5n, hi: 9n }]
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
    const lo = max(p.lo, q.lo);
    const hi = min(p.hi, q.hi);
    if (lo <= hi) out.push({ lo, hi });
    // Drop whichever ends first; the other may still meet the next interval of the first list.
    if (p.hi < q.hi) i++;
    else j++;
  }
  return out;
};

/**
 * Addresses in `from` and not in `minus`, as a merged list.
 * @example subtractIntervals([{ lo: 0n, hi: 9n }], [{ lo: 3n, hi: 4n }]) // [{ lo: 0n, hi: 2n }, { lo: 5n, hi: 9n }]
 */
export const subtractIntervals = (from: readonly Interval[], minus: readonly Interval[]): Interval[] => {
  const x = mergeIntervals(from);
  const y = mergeIntervals(minus);
  const out: Interval[] = [];
  let j = 0;
  for (const { lo: start, hi } of x) {
    let lo = start;
    while (j < y.length && y[j]!.hi < lo) j++;
    // y[j] may reach past `hi` into the next interval of x, so scan with k and keep j.
    for (let k = j; k < y.length && y[k]!.lo <= hi && lo <= hi; k++) {
      const cut = y[k]!;
      if (cut.lo > lo) out.push({ lo, hi: cut.lo - 1n });
      lo = max(lo, cut.hi + 1n);
    }
    if (lo <= hi) out.push({ lo, hi });
  }
  return out;
};
