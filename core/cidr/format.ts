/** Output formatting: dotted quads, RFC 5952 canonical IPv6 text, and sortable hex keys. */
import { BITS, type Cidr, type Family } from './types';

const v4 = (value: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');

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
 * @example formatAddress(6, 0x20010db8n << 96n) // '2001:db8::'
 */
export const formatAddress = (version: Family, value: bigint): string => (version === 4 ? v4(value) : v6(value));

/** @example formatCidr({ version: 4, start: 167772160n, prefix: 8 }) // '10.0.0.0/8' */
export const formatCidr = (c: Cidr): string => `${formatAddress(c.version, c.start)}/${c.prefix}`;

/** Fixed-width lowercase hex: 8 digits for IPv4, 32 for IPv6, so text order is numeric order. */
export const toHex = (version: Family, value: bigint): string => value.toString(16).padStart(BITS[version] / 4, '0');

export const fromHex = (hex: string): bigint => BigInt(`0x${hex}`);

/** Sort key `<hex start>/<3-digit prefix>`. @example cidrKey(parseCidr('10.0.0.0/8')) // '0a000000/008' */
export const cidrKey = (c: Cidr): string => `${toHex(c.version, c.start)}/${String(c.prefix).padStart(3, '0')}`;
