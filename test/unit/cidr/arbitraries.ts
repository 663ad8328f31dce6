/** fast-check generators for CIDRs, shared by the property tests in this folder. */
import fc from 'fast-check';
import { BITS, type Cidr, type Family } from '../../../core/cidr';

const mask = (version: Family, value: bigint, prefix: number): bigint => {
  const host = BigInt(BITS[version] - prefix);
  return (value >> host) << host;
};

/** Any CIDR of the family, host bits masked off so it is what the parser would return. */
export const anyCidr = (version: Family): fc.Arbitrary<Cidr> =>
  fc
    .tuple(
      fc.bigInt({ min: 0n, max: (1n << BigInt(BITS[version])) - 1n }),
      fc.integer({ min: 0, max: BITS[version] }),
    )
    .map(([value, prefix]) => ({ version, start: mask(version, value, prefix), prefix }));

/**
 * CIDRs that all lie in one shared `/(bits - span)` neighbourhood (upper bits fixed by `high`),
 * so pairs of them actually nest and overlap instead of almost always being disjoint.
 */
export const nearbyCidr = (version: Family, high: bigint, span: number): fc.Arbitrary<Cidr> =>
  fc
    .tuple(
      fc.bigInt({ min: 0n, max: (1n << BigInt(span)) - 1n }),
      fc.integer({ min: BITS[version] - span, max: BITS[version] }),
    )
    .map(([low, prefix]) => ({
      version,
      start: mask(version, (high << BigInt(span)) | low, prefix),
      prefix,
    }));

/** Pairs of the same family, half of them from a shared neighbourhood. */
export const cidrPair: fc.Arbitrary<[Cidr, Cidr]> = fc.constantFrom<Family>(4, 6).chain((version) => {
  const span = version === 4 ? 10 : 12;
  const high = fc.bigInt({ min: 0n, max: (1n << BigInt(BITS[version] - span)) - 1n });
  return fc.oneof(
    fc.tuple(anyCidr(version), anyCidr(version)),
    high.chain((h) => fc.tuple(nearbyCidr(version, h, span), nearbyCidr(version, h, span))),
  );
});
