/**
 * The lowest free aligned block under allowed/disallowed filters, computed on intervals: the free
 * set is region ∩ ⋃allowed − ⋃disallowed, and the answer is the first interval of it that holds
 * an aligned block, rounded up to the block size. No candidate blocks are enumerated, so asking
 * for a /128 inside ::/0 costs the same as a /24 inside a /16.
 */
import { fail } from '../errors';
import { type Interval, intersectIntervals, subtractIntervals } from './intervals';
import { interval } from './ops';
import { BITS, type Cidr, type Family } from './types';

/** A CIDR or an inclusive address interval. */
export type Span = Cidr | Interval;

export interface BlockRequest {
  version: Family;
  /** Prefix length of the wanted block; the block is aligned to its own size. */
  prefix: number;
  /** The block lies entirely inside this. */
  region: Span;
  /** When non-empty, the block lies inside the union of these (it may straddle two adjacent entries). */
  allowed?: readonly Span[];
  /** The block overlaps none of these. */
  disallowed?: readonly Span[];
}

const isCidr = (s: Span): s is Cidr => 'prefix' in s;
const toInterval = (s: Span): Interval => (isCidr(s) ? interval(s) : { lo: s.lo, hi: s.hi });

/**
 * Lowest-addressed block of `prefix` meeting every constraint, or undefined when none does.
 * Entries of the other family are ignored in `disallowed` (they cannot overlap) and contribute
 * nothing to `allowed` (so an `allowed` list holding only the other family allows nothing).
 * O(k log k) in the number of allowed and disallowed entries.
 * @example firstAlignedBlock({ version: 4, prefix: 24, region: parseCidr('10.0.0.0/16'),
 *   disallowed: [parseCidr('10.0.0.0/23')] }) // 10.0.2.0/24
 */
export const firstAlignedBlock = (req: BlockRequest): Cidr | undefined => {
  const { version, prefix, region } = req;
  const bits = BITS[version];
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    return fail(
      'InvalidParameterValue',
      `/${prefix} is not a valid IPv${version} prefix length (0 to ${bits}).`,
    );
  }
  if (isCidr(region) && region.version !== version) {
    return fail(
      'InvalidParameterValue',
      `The region is IPv${region.version}; the block asked for is IPv${version}.`,
    );
  }
  const ofFamily = (list: readonly Span[] = []): Interval[] =>
    list.filter((s) => !isCidr(s) || s.version === version).map(toInterval);

  let free = intersectIntervals([toInterval(region)], [{ lo: 0n, hi: (1n << BigInt(bits)) - 1n }]);
  if (req.allowed && req.allowed.length > 0) free = intersectIntervals(free, ofFamily(req.allowed));
  free = subtractIntervals(free, ofFamily(req.disallowed));

  const blockSize = 1n << BigInt(bits - prefix);
  for (const { lo, hi } of free) {
    const start = ((lo + blockSize - 1n) / blockSize) * blockSize;
    if (start + blockSize - 1n <= hi) return { version, start, prefix };
  }
  return undefined;
};
