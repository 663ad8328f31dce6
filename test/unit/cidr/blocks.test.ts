import { describe, expect, it } from 'vitest';
import { type BlockRequest, firstAlignedBlock, formatCidr, parseCidr } from '../../../core/cidr';
import { AllotError } from '../../../core/errors';

const c = (t: string) => parseCidr(t);
const MAX6 = (1n << 128n) - 1n;

const first = (req: BlockRequest): string | undefined => {
  const got = firstAlignedBlock(req);
  return got && formatCidr(got);
};

describe('firstAlignedBlock', () => {
  it.each<[string, BlockRequest, string | undefined]>([
    ['the start of an empty region', { version: 4, prefix: 24, region: c('10.0.0.0/16') }, '10.0.0.0/24'],
    ['the region itself', { version: 4, prefix: 16, region: c('10.0.0.0/16') }, '10.0.0.0/16'],
    ['nothing larger than the region', { version: 4, prefix: 15, region: c('10.0.0.0/16') }, undefined],
    [
      'the first block after a disallowed one',
      { version: 4, prefix: 24, region: c('10.0.0.0/16'), disallowed: [c('10.0.0.0/23')] },
      '10.0.2.0/24',
    ],
    [
      'an aligned block, skipping a free but misaligned gap',
      {
        version: 4,
        prefix: 24,
        region: c('10.0.0.0/16'),
        disallowed: [c('10.0.0.0/25'), c('10.0.1.128/25')],
      },
      '10.0.2.0/24',
    ],
    [
      'a block straddling two adjacent allowed entries',
      { version: 4, prefix: 24, region: c('10.0.0.0/16'), allowed: [c('10.0.0.128/25'), c('10.0.0.0/25')] },
      '10.0.0.0/24',
    ],
    [
      'the first allowed entry big enough',
      { version: 4, prefix: 25, region: c('10.0.0.0/16'), allowed: [c('10.0.0.64/26'), c('10.0.1.0/24')] },
      '10.0.1.0/25',
    ],
    [
      'nothing when allowed lies outside the region',
      { version: 4, prefix: 28, region: c('10.0.0.0/16'), allowed: [c('10.1.0.0/16')] },
      undefined,
    ],
    [
      'nothing when disallowed covers the allowed space',
      {
        version: 4,
        prefix: 28,
        region: c('10.0.0.0/16'),
        allowed: [c('10.0.4.0/24')],
        disallowed: [c('10.0.0.0/21')],
      },
      undefined,
    ],
    [
      'anywhere when allowed is empty',
      { version: 4, prefix: 24, region: c('10.0.0.0/16'), allowed: [] },
      '10.0.0.0/24',
    ],
    [
      'nothing when allowed holds only the other family',
      { version: 4, prefix: 24, region: c('10.0.0.0/16'), allowed: [c('::/0')] },
      undefined,
    ],
    [
      'ignoring disallowed entries of the other family',
      { version: 6, prefix: 64, region: c('2001:db8::/32'), disallowed: [c('0.0.0.0/0')] },
      '2001:db8::/64',
    ],
    ['an interval region, rounded up', { version: 4, prefix: 30, region: { lo: 5n, hi: 20n } }, '0.0.0.8/30'],
    [
      'an interval region clipped to the family',
      { version: 4, prefix: 0, region: { lo: -5n, hi: 1n << 40n } },
      '0.0.0.0/0',
    ],
    ['a /128 in ::/0', { version: 6, prefix: 128, region: c('::/0') }, '::/128'],
    [
      'a /128 after ::/1',
      { version: 6, prefix: 128, region: c('::/0'), disallowed: [c('::/1')] },
      '8000::/128',
    ],
    [
      'the very last address of IPv6, 2^128 - 1 blocks in',
      { version: 6, prefix: 128, region: c('::/0'), disallowed: [{ lo: 0n, hi: MAX6 - 1n }] },
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128',
    ],
    [
      'a ULA /48 from the netmask space',
      {
        version: 6,
        prefix: 48,
        region: c('fd00::/8'),
        allowed: [c('fd80::/9')],
        disallowed: [c('fd80::/48')],
      },
      'fd80:0:1::/48',
    ],
  ])('finds %s', (_name, req, want) => {
    expect(first(req)).toBe(want);
  });

  it('stays O(k log k) with many disallowed entries', () => {
    // Arrange: 20,000 single /64s disallowed back to back, handed over in reverse order.
    const base = 0x20010db8n << 96n;
    const disallowed = Array.from({ length: 20_000 }, (_, i) => ({
      version: 6 as const,
      start: base + (BigInt(19_999 - i) << 64n),
      prefix: 64,
    }));

    // Act
    const got = first({ version: 6, prefix: 64, region: c('2001:db8::/32'), disallowed });

    // Assert
    expect(got).toBe('2001:db8:0:4e20::/64');
  });

  it.each<[string, BlockRequest, string]>([
    [
      'a prefix past the family',
      { version: 4, prefix: 33, region: c('10.0.0.0/8') },
      '/33 is not a valid IPv4 prefix length (0 to 32).',
    ],
    [
      'a negative prefix',
      { version: 6, prefix: -1, region: c('::/0') },
      '/-1 is not a valid IPv6 prefix length (0 to 128).',
    ],
    [
      'a region of the other family',
      { version: 6, prefix: 64, region: c('10.0.0.0/8') },
      'The region is IPv4; the block asked for is IPv6.',
    ],
  ])('refuses %s', (_name, req, message) => {
    expect(() => firstAlignedBlock(req)).toThrow(new AllotError('InvalidParameterValue', message));
  });
});
