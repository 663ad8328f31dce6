import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BITS,
  type Cidr,
  cidrKey,
  compareCidr,
  contains,
  formatAddress,
  formatCidr,
  isAligned,
  lastAddress,
  overlaps,
  parseCidr,
  tryParseCidr,
} from '../../../core/cidr';
import { isAllotError } from '../../../core/errors';
import { anyCidr, cidrPair } from './arbitraries';

const anyFamilyCidr = fc.oneof(anyCidr(4), anyCidr(6));

/** Uncompressed, zero-padded, uppercase IPv6 text: the least canonical spelling of the value. */
const longForm = (value: bigint): string =>
  Array.from({ length: 8 }, (_, i) =>
    ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16).padStart(4, '0'),
  )
    .join(':')
    .toUpperCase();

describe('CIDR properties', () => {
  it('parseCidr(formatCidr(x)) is x, for both families', () => {
    fc.assert(
      fc.property(anyFamilyCidr, (c) => {
        expect(parseCidr(formatCidr(c))).toEqual(c);
        expect(isAligned(c.version, c.start, c.prefix)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('IPv6 text of any spelling formats to one canonical RFC 5952 form', () => {
    fc.assert(
      fc.property(anyCidr(6), (c) => {
        // Act
        const canonical = formatCidr(parseCidr(`${longForm(c.start)}/${c.prefix}`));

        // Assert
        expect(canonical).toBe(formatCidr(c));
        const addr = formatAddress(6, c.start);
        expect(addr).toMatch(/^[0-9a-f:]+$/);
        expect(addr.split(':').every((g) => g === '' || !g.startsWith('0') || g === '0')).toBe(true);
        // "::" replaces two or more groups, so at most 6 groups remain printed around it.
        if (addr.includes('::'))
          expect(addr.split(':').filter((g) => g !== '').length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 1000 },
    );
  });

  it('contains and overlaps agree with interval arithmetic', () => {
    fc.assert(
      fc.property(cidrPair, ([a, b]) => {
        // Arrange
        const [aLo, aHi, bLo, bHi] = [a.start, lastAddress(a), b.start, lastAddress(b)];

        // Act / Assert
        expect(contains(a, b)).toBe(aLo <= bLo && bHi <= aHi);
        expect(overlaps(a, b)).toBe(aLo <= bHi && bLo <= aHi);
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        // Two CIDRs never partly overlap: they are nested or disjoint.
        expect(overlaps(a, b)).toBe(contains(a, b) || contains(b, a));
      }),
      { numRuns: 1000 },
    );
  });

  it('cidrKey text order is compareCidr order within a family', () => {
    fc.assert(
      fc.property(cidrPair, ([a, b]) => {
        const [ka, kb] = [cidrKey(a), cidrKey(b)];
        const textOrder = ka < kb ? -1 : ka > kb ? 1 : 0;
        expect(textOrder).toBe(Math.sign(compareCidr(a, b)));
      }),
      { numRuns: 1000 },
    );
  });

  it('never fails on arbitrary text except with InvalidParameterValue', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:./% -+'.split('')), maxLength: 50 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          const c = parseCidr(t);
          // Whatever is accepted is in range and round-trips.
          expect(c.prefix).toBeLessThanOrEqual(BITS[c.version]);
          expect(parseCidr(formatCidr(c))).toEqual(c);
        } catch (e) {
          expect(isAllotError(e) && e.code === 'InvalidParameterValue').toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('tryParseCidr is parseCidr without the throw', () => {
    fc.assert(
      fc.property(anyFamilyCidr, fc.constantFrom<4 | 6>(4, 6), (c: Cidr, expect_) => {
        const text = formatCidr(c);
        expect(tryParseCidr(text, expect_)).toEqual(c.version === expect_ ? c : undefined);
      }),
    );
  });
});
