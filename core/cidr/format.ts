/** Output formatting: dotted quads, RFC 5952 canonical IPv6 text, and sortable hex keys. */
import { fail } from '../errors';
import { BITS, type Cidr, type Family } from './types';

const v4 = (value: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');

/** RFC 5952 section 4: lowercase, no leading zeros, the longest run of two or more zero groups
 * becomes "::" (the first such run on a tie), and no dotted-quad tail, so equal addresses always
 * print the same text and can be compared as strings. */
const v6 = (value: bigint): string => {
  const words = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
};

/**
 * Text for an address value (dotted quad, or RFC 5952 canonical IPv6).
 * @example formatAddress(6, 0x20010db8n << 96n) // '2001:db8::'
 */
export const formatAddress = (version: Family, value: bigint): string =>
  version === 4 ? v4(value) : v6(value);

/** @example formatCidr({ version: 4, start: 167772160n, prefix: 8 }) // '10.0.0.0/8' */
export const formatCidr = (c: Cidr): string => `${formatAddress(c.version, c.start)}/${c.prefix}`;

/**
 * Fixed-width lowercase hex: 8 digits for IPv4, 32 for IPv6, so text order is numeric order.
 * @example toHex(4, 167772160n) // '0a000000'
 */
export const toHex = (version: Family, value: bigint): string =>
  value.toString(16).padStart(BITS[version] / 4, '0');

/**
 * Inverse of `toHex`. Checks the digits itself so bad input is a domain error with a message,
 * not BigInt's bare SyntaxError; with `version` it also insists on that family's fixed width.
 * @example fromHex('0a000000', 4) // 167772160n
 */
export const fromHex = (hex: string, version?: Family): bigint => {
  if (!/^[0-9a-fA-F]+$/.test(hex)) return fail('InvalidParameterValue', `'${hex.slice(0, 40)}' is not hex.`);
  if (version !== undefined && hex.length !== BITS[version] / 4) {
    return fail('InvalidParameterValue', `'${hex}' is not ${BITS[version] / 4} hex digits (IPv${version}).`);
  }
  return BigInt(`0x${hex}`);
};

/**
 * Sort key `<hex start>/<3-digit prefix>`: string order equals (start, prefix) order within a family.
 * @example cidrKey({ version: 4, start: 167772160n, prefix: 8 }) // '0a000000/008'
 */
export const cidrKey = (c: Cidr): string =>
  `${toHex(c.version, c.start)}/${String(c.prefix).padStart(3, '0')}`;
