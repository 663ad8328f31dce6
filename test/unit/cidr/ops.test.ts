import { describe, expect, it } from 'vitest';
import {
  blockOf,
  children,
  cidrOf,
  compareCidr,
  contains,
  equalCidr,
  formatCidr,
  isAligned,
  lastAddress,
  overlaps,
  parent,
  parseCidr,
  size,
} from '../../../core/cidr';
import { AllotError } from '../../../core/errors';

const c = parseCidr;

describe('size and lastAddress', () => {
  it.each([
    ['10.0.0.0/8', 16777216n, 0x0affffffn],
    ['10.0.0.1/32', 1n, 0x0a000001n],
    ['0.0.0.0/0', 1n << 32n, 0xffffffffn],
    ['::/0', 1n << 128n, (1n << 128n) - 1n],
    ['2001:db8::/64', 1n << 64n, (0x20010db8n << 96n) | ((1n << 64n) - 1n)],
  ])('%s', (text, count, last) => {
    expect(size(c(text))).toBe(count);
    expect(lastAddress(c(text))).toBe(last);
    expect(blockOf(c(text))).toEqual({ ...c(text), end: last });
  });
});

describe('contains and overlaps', () => {
  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true, true],
    ['10.1.0.0/16', '10.0.0.0/8', false, true],
    ['10.0.0.0/8', '10.0.0.0/8', true, true],
    ['10.0.0.0/24', '10.0.1.0/24', false, false],
    ['10.0.0.0/25', '10.0.0.128/25', false, false],
    ['0.0.0.0/0', '255.255.255.255/32', true, true],
    ['::/0', '2001:db8::/32', true, true],
    // Families never relate, even where the numbers would.
    ['0.0.0.0/0', '::/96', false, false],
    ['::/0', '10.0.0.0/8', false, false],
  ])('%s vs %s: contains=%s overlaps=%s', (a, b, inside, meet) => {
    expect(contains(c(a), c(b))).toBe(inside);
    expect(overlaps(c(a), c(b))).toBe(meet);
  });
});

describe('ordering and equality', () => {
  it('sorts IPv4 first, then by start, then supernets before subnets', () => {
    // Arrange
    const list = ['2001:db8::/32', '10.0.1.0/24', '10.0.0.0/16', '10.0.0.0/8', '::/0', '9.0.0.0/8'].map((t) =>
      c(t),
    );

    // Act
    const sorted = [...list].sort(compareCidr).map(formatCidr);

    // Assert
    expect(sorted).toEqual([
      '9.0.0.0/8',
      '10.0.0.0/8',
      '10.0.0.0/16',
      '10.0.1.0/24',
      '::/0',
      '2001:db8::/32',
    ]);
  });

  it.each([
    ['10.0.0.0/8', '10.0.0.0/8', true],
    ['10.0.0.0/8', '10.0.0.0/9', false],
    ['::/0', '0::0/0', true],
    ['0.0.0.0/0', '::/0', false],
  ])('equalCidr(%s, %s) = %s', (a, b, want) => {
    expect(equalCidr(c(a), c(b))).toBe(want);
  });
});

describe('alignment', () => {
  it.each([
    [4, 0x0a000100n, 24, true],
    [4, 0x0a000180n, 24, false],
    [4, 0x0a000180n, 25, true],
    [4, 0n, 0, true],
    [4, 0xffffffffn, 32, true],
    [4, 1n << 32n, 32, false],
    [4, -1n, 32, false],
    [4, 0n, 33, false],
    [4, 0n, -1, false],
    [4, 0n, 1.5, false],
    [6, 1n << 127n, 1, true],
    [6, 1n << 127n, 129, false],
  ] as const)('isAligned(%i, %s, %s) = %s', (version, start, prefix, want) => {
    expect(isAligned(version, start, prefix)).toBe(want);
  });

  it('cidrOf builds an aligned block', () => {
    expect(cidrOf(6, 0x20010db8n << 96n, 32)).toEqual(c('2001:db8::/32'));
  });

  it.each([
    [4, 0x0a000001n, 24, '10.0.0.1/24 has host bits set; did you mean 10.0.0.0/24?'],
    [4, 0n, 33, '/33 is not a valid IPv4 prefix length (0 to 32).'],
    [6, 0n, 129, '/129 is not a valid IPv6 prefix length (0 to 128).'],
    [4, 1n << 32n, 32, '4294967296 is not an IPv4 address value.'],
    [4, -1n, 32, '-1 is not an IPv4 address value.'],
  ] as const)('cidrOf(%i, %s, %s) refuses', (version, start, prefix, message) => {
    expect(() => cidrOf(version, start, prefix)).toThrow(new AllotError('InvalidParameterValue', message));
  });
});

describe('buddy blocks', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.0/25', '10.0.0.128/25'],
    ['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1'],
    ['10.0.0.2/31', '10.0.0.2/32', '10.0.0.3/32'],
    ['2001:db8::/32', '2001:db8::/33', '2001:db8:8000::/33'],
  ])('%s splits into %s and %s, whose parent it is', (whole, low, high) => {
    // Act
    const [a, b] = children(c(whole));

    // Assert
    expect([formatCidr(a), formatCidr(b)]).toEqual([low, high]);
    expect(parent(a)).toEqual(c(whole));
    expect(parent(b)).toEqual(c(whole));
  });

  it('refuses to go past either end', () => {
    expect(() => parent(c('0.0.0.0/0'))).toThrow('0.0.0.0/0 has no parent block.');
    expect(() => children(c('10.0.0.1/32'))).toThrow('10.0.0.1/32 cannot be split.');
    expect(() => children(c('::1/128'))).toThrow('::1/128 cannot be split.');
  });
});
