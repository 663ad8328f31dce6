/**
 * The little CIDR arithmetic discovery needs, on `{ version, start, end, prefix }` blocks.
 * Private to core/discovery on purpose: core/cidr was being written in parallel, so this file
 * mirrors its names (parseCidr, formatCidr, parseAddress, size) to make the later swap a
 * one-line import change. Parsing is strict (STYLE habit 8): no leading zeros in octets or the
 * prefix, no zone IDs, host bits must be zero.
 */
export type Family = 4 | 6;

export interface Block {
  readonly version: Family;
  /** First address (network address). */
  readonly start: bigint;
  /** Last address, inclusive. */
  readonly end: bigint;
  readonly prefix: number;
}

export const BITS: Record<Family, number> = { 4: 32, 6: 128 };

// Parsing is on the hot path (100k rows per evaluation), so IPv4 is read with Number
// arithmetic and IPv6 as one hex string, each turned into a BigInt exactly once.
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(0|[1-9]\d{0,2})$/;

/**
 * Dotted quad as an unsigned 32-bit Number, or -1. Hand-rolled over char codes: it runs once
 * per row, and split + regex per octet cost about four times as much.
 */
const v4num = (text: string): number => {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return -1; // leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else return -1;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
};

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** 16-bit groups as 4-digit hex, the last group of `last` possibly a dotted quad. */
const groups = (text: string, last: boolean): string[] | undefined => {
  if (text === '') return [];
  const out: string[] = [];
  const parts = text.split(':');
  for (const [i, g] of parts.entries()) {
    if (last && i === parts.length - 1 && g.includes('.')) {
      const quad = v4num(g);
      if (quad < 0) return undefined;
      out.push(hex4(Math.floor(quad / 65536)), hex4(quad % 65536));
    } else if (HEXTET.test(g)) out.push(g.padStart(4, '0'));
    else return undefined;
  }
  return out;
};

const v6 = (text: string): bigint | undefined => {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1]!, true) : [];
  if (!head || !tail) return undefined;
  const gap = 8 - head.length - tail.length;
  if (halves.length === 2 ? gap < 1 : gap !== 0) return undefined;
  return BigInt(`0x${head.join('')}${'0000'.repeat(gap)}${tail.join('')}`);
};

const v4 = (text: string): bigint | undefined => {
  const n = v4num(text);
  return n < 0 ? undefined : BigInt(n);
};

/** @example parseAddress('10.0.0.1') // { version: 4, value: 167772161n } */
export const parseAddress = (text: string): { version: Family; value: bigint } => {
  const version: Family = text.includes(':') ? 6 : 4;
  const value = version === 4 ? v4(text) : v6(text);
  if (value === undefined) throw new TypeError(`'${text}' is not a valid IPv${version} address`);
  return { version, value };
};

/** Number of addresses in a block of this prefix: 2^(bits - prefix) (F-STAT-01: none reserved). */
export const sizeOf = (version: Family, prefix: number): bigint => 1n << BigInt(BITS[version] - prefix);

export const size = (b: Block): bigint => b.end - b.start + 1n;

/** @example parseCidr('10.0.0.0/16').end // 167837695n */
export const parseCidr = (text: string): Block => {
  const slash = text.indexOf('/');
  const p = text.slice(slash + 1);
  if (slash < 0 || !PREFIX.test(p)) throw new TypeError(`'${text}' is not a CIDR`);
  const prefix = Number(p);
  const addr = text.slice(0, slash);
  if (!addr.includes(':')) {
    const value = v4num(addr);
    if (value < 0) throw new TypeError(`'${addr}' is not a valid IPv4 address`);
    if (prefix > 32) throw new TypeError(`'${text}': prefix out of range`);
    const n = 2 ** (32 - prefix);
    if (value % n !== 0) throw new TypeError(`'${text}': host bits are set`);
    return { version: 4, start: BigInt(value), end: BigInt(value + n - 1), prefix };
  }
  const { version, value } = parseAddress(addr);
  if (prefix > 128) throw new TypeError(`'${text}': prefix out of range`);
  const n = sizeOf(version, prefix);
  if (value % n !== 0n) throw new TypeError(`'${text}': host bits are set`);
  return { version, start: value, end: value + n - 1n, prefix };
};

export const tryParseCidr = (text: string): Block | undefined => {
  try {
    return parseCidr(text);
  } catch {
    return undefined;
  }
};

/** Block for a single address (/32 or /128). */
export const hostBlock = (text: string): Block => {
  const { version, value } = parseAddress(text);
  return { version, start: value, end: value, prefix: BITS[version] };
};

/** RFC 5952 text: lowercase, the longest run of two or more zero groups compressed. */
export const formatAddress = (version: Family, value: bigint): string => {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  const g = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (a: number[]) => a.map((w) => w.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
};

export const formatCidr = (b: Block): string => `${formatAddress(b.version, b.start)}/${b.prefix}`;

/** Identity of a block independent of its text spelling (`2001:DB8::/32` = `2001:db8:0::/32`). */
export const blockKey = (b: Block): string => `${b.version}:${b.start.toString(16)}/${b.prefix}`;

/**
 * The minimal list of CIDRs covering [first, last] exactly (public IPv4 pool ranges are
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
