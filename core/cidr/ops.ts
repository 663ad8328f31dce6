/** Set relations and block arithmetic on CIDRs (same family only; different families never relate). */
import { fail } from '../errors';
import { formatCidr } from './format';
import { BITS, type Block, type Cidr, type Family } from './types';

/** Number of addresses in a block of this prefix (F-STAT-01: none reserved). @example sizeOf(4, 24) // 256n */
export const sizeOf = (version: Family, prefix: number): bigint => 1n << BigInt(BITS[version] - prefix);

/** Number of addresses. @example size({ version: 4, start: 0n, prefix: 24 }) // 256n */
export const size = (c: Cidr): bigint => sizeOf(c.version, c.prefix);

/** Highest address in the block. @example lastAddress({ version: 4, start: 0n, prefix: 24 }) // 255n */
export const lastAddress = (c: Cidr): bigint => c.start + size(c) - 1n;

/**
 * The CIDR with its last address, usable wherever an Interval is.
 * @example blockOf(parseCidr('10.0.0.0/8')) // { version: 4, start: 0x0a000000n, prefix: 8, end: 0x0affffffn }
 */
export const blockOf = (c: Cidr): Block => ({
  version: c.version,
  start: c.start,
  prefix: c.prefix,
  end: lastAddress(c),
});

/**
 * A key naming the block whatever its spelling (`2001:DB8::/32` = `2001:db8:0::/32`), for maps
 * and sets; cheaper than `cidrKey`, which pads for sort order.
 * @example cidrIdentity(parseCidr('10.0.0.0/8')) // '4:a000000/8'
 */
export const cidrIdentity = (c: Cidr): string => `${c.version}:${c.start.toString(16)}/${c.prefix}`;

/**
 * The minimal list of blocks covering [first, last] exactly (public IPv4 pool ranges are
 * reported as first/last address pairs).
 * @example rangeToBlocks(4, 10n, 17n).map(formatCidr) // ['0.0.0.10/31', '0.0.0.12/30', '0.0.0.16/31']
 */
export const rangeToBlocks = (version: Family, first: bigint, last: bigint): Block[] => {
  const out: Block[] = [];
  let cur = first;
  while (cur <= last) {
    let prefix = BITS[version];
    while (prefix > 0) {
      const n = sizeOf(version, prefix - 1);
      if (cur % n !== 0n || cur + n - 1n > last) break;
      prefix--;
    }
    const n = sizeOf(version, prefix);
    out.push({ version, start: cur, end: cur + n - 1n, prefix });
    cur += n;
  }
  return out;
};

/**
 * inner ⊆ outer (a CIDR contains itself; CIDRs of different families never contain each other).
 * @example contains(parseCidr('10.0.0.0/8'), parseCidr('10.1.0.0/16')) // true
 */
export const contains = (outer: Cidr, inner: Cidr): boolean =>
  outer.version === inner.version &&
  inner.prefix >= outer.prefix &&
  inner.start >= outer.start &&
  lastAddress(inner) <= lastAddress(outer);

/**
 * Share at least one address. For CIDRs this means one contains the other.
 * @example overlaps(parseCidr('10.1.0.0/16'), parseCidr('10.0.0.0/8')) // true
 */
export const overlaps = (a: Cidr, b: Cidr): boolean =>
  a.version === b.version && a.start <= lastAddress(b) && b.start <= lastAddress(a);

/** Same family, start and prefix. @example equalCidr(parseCidr('::/0'), parseCidr('0::0/0')) // true */
export const equalCidr = (a: Cidr, b: Cidr): boolean =>
  a.version === b.version && a.start === b.start && a.prefix === b.prefix;

/**
 * Total order: IPv4 before IPv6, then by start, then shorter prefix first (a supernet sorts
 * before the subnets it starts with). Same order as `cidrKey` within a family.
 * @example [parseCidr('10.0.0.0/16'), parseCidr('10.0.0.0/8')].sort(compareCidr) // 10.0.0.0/8 first
 */
export const compareCidr = (a: Cidr, b: Cidr): number => {
  if (a.version !== b.version) return a.version - b.version;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefix - b.prefix;
};

const validPrefix = (version: Family, prefix: number): boolean =>
  Number.isInteger(prefix) && prefix >= 0 && prefix <= BITS[version];

/**
 * Is `start` a valid network address for `prefix` (in range, host bits zero)? False, not a throw,
 * for an impossible prefix, so callers can use it as a plain test on untrusted numbers.
 * @example isAligned(4, 0x0a000100n, 24) // true
 */
export const isAligned = (version: Family, start: bigint, prefix: number): boolean =>
  validPrefix(version, prefix) &&
  start >= 0n &&
  start < 1n << BigInt(BITS[version]) &&
  start % (1n << BigInt(BITS[version] - prefix)) === 0n;

/**
 * Build a Cidr from numbers, refusing what the parser would refuse (bad prefix, host bits set).
 * @example cidrOf(4, 0x0a000000n, 8) // { version: 4, start: 167772160n, prefix: 8 }
 */
export const cidrOf = (version: Family, start: bigint, prefix: number): Cidr => {
  if (!validPrefix(version, prefix)) {
    return fail(
      'InvalidParameterValue',
      `/${prefix} is not a valid IPv${version} prefix length (0 to ${BITS[version]}).`,
    );
  }
  if (start < 0n || start >= 1n << BigInt(BITS[version])) {
    return fail('InvalidParameterValue', `${start} is not an IPv${version} address value.`);
  }
  if (!isAligned(version, start, prefix)) {
    const hostBits = BigInt(BITS[version] - prefix);
    const net = formatCidr({ version, start: (start >> hostBits) << hostBits, prefix });
    return fail(
      'InvalidParameterValue',
      `${formatCidr({ version, start, prefix })} has host bits set; did you mean ${net}?`,
    );
  }
  return { version, start, prefix };
};

/**
 * The enclosing block one bit shorter (the buddy pair's union). Throws for a /0.
 * @example parent(parseCidr('10.0.0.128/25')) // 10.0.0.0/24
 */
export const parent = (c: Cidr): Cidr => {
  if (c.prefix <= 0) return fail('InvalidParameterValue', `${formatCidr(c)} has no parent block.`);
  const hostBits = BigInt(BITS[c.version] - c.prefix + 1);
  return { version: c.version, start: (c.start >> hostBits) << hostBits, prefix: c.prefix - 1 };
};

/**
 * The two buddy halves one bit longer, lower half first. Throws for a single address.
 * @example children(parseCidr('10.0.0.0/24')) // [10.0.0.0/25, 10.0.0.128/25]
 */
export const children = (c: Cidr): [Cidr, Cidr] => {
  if (c.prefix >= BITS[c.version]) return fail('InvalidParameterValue', `${formatCidr(c)} cannot be split.`);
  const prefix = c.prefix + 1;
  const half = 1n << BigInt(BITS[c.version] - prefix);
  return [
    { version: c.version, start: c.start, prefix },
    { version: c.version, start: c.start + half, prefix },
  ];
};
