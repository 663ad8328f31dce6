/** Set relations and block arithmetic on CIDRs (same family only; different families never relate). */
import { BITS, type Cidr, type Family } from './types';

/** Number of addresses. @example size(parseCidr('10.0.0.0/24')) // 256n */
export const size = (c: Cidr): bigint => 1n << BigInt(BITS[c.version] - c.prefix);

export const lastAddress = (c: Cidr): bigint => c.start + size(c) - 1n;

/** inner ⊆ outer. */
export const contains = (outer: Cidr, inner: Cidr): boolean =>
  outer.version === inner.version && inner.prefix >= outer.prefix && inner.start >= outer.start && lastAddress(inner) <= lastAddress(outer);

export const overlaps = (a: Cidr, b: Cidr): boolean =>
  a.version === b.version && a.start <= lastAddress(b) && b.start <= lastAddress(a);

export const equalCidr = (a: Cidr, b: Cidr): boolean => a.version === b.version && a.start === b.start && a.prefix === b.prefix;

export const compareCidr = (a: Cidr, b: Cidr): number =>
  a.version !== b.version ? a.version - b.version : a.start < b.start ? -1 : a.start > b.start ? 1 : a.prefix - b.prefix;

export const isAligned = (version: Family, start: bigint, prefix: number): boolean =>
  start % (1n << BigInt(BITS[version] - prefix)) === 0n;

/** The enclosing block one bit shorter. */
export const parent = (c: Cidr): Cidr => {
  const prefix = c.prefix - 1;
  const s = 1n << BigInt(BITS[c.version] - prefix);
  return { version: c.version, start: (c.start / s) * s, prefix };
};

/** The two halves one bit longer. */
export const children = (c: Cidr): [Cidr, Cidr] => {
  const prefix = c.prefix + 1;
  const half = 1n << BigInt(BITS[c.version] - prefix);
  return [
    { version: c.version, start: c.start, prefix },
    { version: c.version, start: c.start + half, prefix },
  ];
};

/** Inclusive interval of a CIDR. */
export const interval = (c: Cidr): { lo: bigint; hi: bigint } => ({ lo: c.start, hi: lastAddress(c) });
