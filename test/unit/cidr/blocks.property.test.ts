import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cidr, contains, firstAlignedBlock, isAligned, lastAddress, overlaps } from '../../../core/cidr';
import { nearbyCidr } from './arbitraries';

// Everything lives in 10.0.0.0/22 (1,024 addresses), small enough to check address by address.
const BASE = 0x0a000000n;
const SPACE = 1024;
const local = nearbyCidr(4, BASE >> 10n, 10);

/** Which of the 1,024 addresses a block may use, worked out one address at a time. */
const usableMap = (region: Cidr, allowed: Cidr[], disallowed: Cidr[]): boolean[] =>
  Array.from({ length: SPACE }, (_, i) => {
    const a: Cidr = { version: 4, start: BASE + BigInt(i), prefix: 32 };
    return (
      contains(region, a) &&
      (allowed.length === 0 || allowed.some((x) => contains(x, a))) &&
      !disallowed.some((x) => overlaps(x, a))
    );
  });

/** The answer by exhaustive search: every aligned block in address order, first fully usable one. */
const bruteForce = (usable: boolean[], prefix: number): bigint | undefined => {
  const n = 2 ** (32 - prefix);
  for (let s = 0; s + n <= SPACE; s += n) {
    if (usable.slice(s, s + n).every(Boolean)) return BASE + BigInt(s);
  }
  return undefined;
};

describe('firstAlignedBlock against brute force', () => {
  it('returns the lowest aligned block inside region and allowed, clear of disallowed', () => {
    const input = fc.record({
      // A /22 to /24 region and /24-or-longer requests, with no allowed list a third of the time,
      // gave roughly 55% found at the region start, 13% found further in, 32% none (fc.statistics).
      region: local.filter((r) => r.prefix <= 24),
      allowed: fc.oneof(fc.constant<Cidr[]>([]), fc.array(local, { minLength: 1, maxLength: 6 })),
      disallowed: fc.array(local, { maxLength: 5 }),
      prefix: fc.integer({ min: 24, max: 32 }),
    });
    fc.assert(
      fc.property(input, ({ region, allowed, disallowed, prefix }) => {
        // Arrange
        const usable = usableMap(region, allowed, disallowed);

        // Act
        const got = firstAlignedBlock({ version: 4, prefix, region, allowed, disallowed });

        // Assert
        expect(got?.start).toBe(bruteForce(usable, prefix));
        if (!got) return;
        expect(got.prefix).toBe(prefix);
        expect(isAligned(4, got.start, prefix)).toBe(true);
        expect(contains(region, got)).toBe(true);
        expect(disallowed.some((d) => overlaps(d, got))).toBe(false);
        for (let a = got.start; a <= lastAddress(got); a++) {
          if (allowed.length > 0) expect(allowed.some((x) => x.start <= a && a <= lastAddress(x))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
