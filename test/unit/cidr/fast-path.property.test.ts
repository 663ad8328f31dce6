/**
 * The parser's IPv4 fast path (`readV4Fast`, and the CIDR fast path inside `parseCidr`) against
 * the careful reference path on random text: both accept exactly the same input and read the same
 * value, so the fast path can never let through what the boundary is meant to refuse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cidr } from '../../../core/cidr';
import { parseCidr, parseCidrCarefully } from '../../../core/cidr/parse';
import { readV4, readV4Fast } from '../../../core/cidr/text';

const octet = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map(String),
  fc.integer({ min: 256, max: 1200 }).map(String),
  fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`), // leading zeros
  fc.constantFrom('', '-1', '+1', ' 1', '1 ', 'a', '0x1', '1e2', '٣'),
);
const quad = fc
  .array(octet, { minLength: 1, maxLength: 6 })
  .chain((parts) => fc.constantFrom(...['.', '..', ':'].map((sep) => parts.join(sep))));
const prefix = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map(String),
  fc.constantFrom('', '00', '08', '+8', '-1', ' 8', '8 ', '1.5', '032', 'x'),
);
const text = fc.oneof(
  quad,
  fc.tuple(quad, prefix).map(([q, p]) => `${q}/${p}`),
  fc.tuple(quad, prefix).map(([q, p]) => `::ffff:${q}/${p}`),
  fc.string({ maxLength: 24 }),
);

const outcome = (parse: () => Cidr): string => {
  try {
    const c = parse();
    return `${c.version} ${c.start} ${c.prefix}`;
  } catch (e) {
    return `refused ${(e as Error).name}`;
  }
};

describe('the IPv4 fast path agrees with the careful parser', () => {
  it('readV4Fast reads what readV4 reads and refuses what it refuses', () => {
    fc.assert(
      fc.property(quad, (t) => {
        const careful = readV4(t);
        expect(readV4Fast(t)).toBe(typeof careful === 'string' ? -1 : Number(careful));
      }),
      { numRuns: 5000 },
    );
  });

  it('parseCidr answers exactly as parseCidrCarefully, for both families and any text', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, 4 as const, 6 as const), (t, family) => {
        expect(outcome(() => parseCidr(t, family))).toBe(outcome(() => parseCidrCarefully(t, family)));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['10.0.0.0/8', '4 167772160 8'],
    ['10.0.0.1/32', '4 167772161 32'],
    ['0.0.0.0/0', '4 0 0'],
    ['10.0.0.1/8', 'refused InvalidParameterValue'],
    ['010.0.0.0/8', 'refused InvalidParameterValue'],
    ['10.0.0.0/08', 'refused InvalidParameterValue'],
    ['10.0.0.0/+8', 'refused InvalidParameterValue'],
    ['10.0.0.0/33', 'refused InvalidParameterValue'],
    ['256.0.0.0/8', 'refused InvalidParameterValue'],
  ])('%s → %s', (t, expected) => {
    expect(outcome(() => parseCidr(t))).toBe(expected);
  });
});
