/**
 * Strict parsing of addresses and CIDRs at the API boundary (STYLE habit 8): IPv4 dotted quads
 * without leading zeros, RFC 4291 IPv6 text (one "::", optional trailing dotted quad, no zone),
 * a decimal prefix without leading zeros, and no host bits set.
 */
import { AllotError } from '../errors';
import { formatCidr } from './format';
import { BITS, type Cidr, type Family } from './types';

const bad = (message: string): never => {
  throw new AllotError('InvalidParameterValue', message);
};

const OCTET = /^(0|[1-9]\d{0,2})$/;

const parseV4 = (text: string): bigint | undefined => {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!OCTET.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
};

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

const parseV6 = (text: string): bigint | undefined => {
  if (text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] | undefined => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const words: number[] = [];
  const push = (list: string[], allowV4Last: boolean): boolean => {
    for (const [i, g] of list.entries()) {
      if (allowV4Last && i === list.length - 1 && g.includes('.')) {
        const v4 = parseV4(g);
        if (v4 === undefined) return false;
        words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!HEXTET.test(g)) return false;
      words.push(Number.parseInt(g, 16));
    }
    return true;
  };
  const compressed = halves.length === 2;
  if (!push(head, !compressed)) return undefined;
  const headLen = words.length;
  if (!push(tail, true)) return undefined;
  const tailWords = words.splice(headLen);
  const missing = 8 - words.length - tailWords.length;
  if (compressed ? missing < 1 : missing !== 0) return undefined;
  const all = [...words, ...new Array<number>(compressed ? missing : 0).fill(0), ...tailWords];
  return all.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n);
};

/**
 * Parse an address of either family.
 * @example parseAddress('10.0.0.1') // { version: 4, value: 167772161n }
 */
export const parseAddress = (text: string, expect?: Family): { version: Family; value: bigint } => {
  if (typeof text !== 'string' || text.length === 0 || text.trim() !== text) bad(`'${text}' is not a valid IP address.`);
  const version: Family = text.includes(':') ? 6 : 4;
  const value = version === 4 ? parseV4(text) : parseV6(text);
  if (value === undefined) return bad(`'${text}' is not a valid IPv${version} address.`);
  if (expect !== undefined && expect !== version) bad(`'${text}' is an IPv${version} address; expected IPv${expect}.`);
  return { version, value };
};

const PREFIX = /^(0|[1-9]\d{0,2})$/;

/**
 * Parse a CIDR strictly: the prefix is required and host bits must be zero.
 * @example parseCidr('10.0.0.0/8') // { version: 4, start: 167772160n, prefix: 8 }
 */
export const parseCidr = (text: string, expect?: Family): Cidr => {
  if (typeof text !== 'string') return bad('A CIDR must be a string.');
  const slash = text.indexOf('/');
  if (slash < 0) return bad(`'${text}' is not a CIDR: the /prefix is missing.`);
  const addr = text.slice(0, slash);
  const len = text.slice(slash + 1);
  const { version, value } = parseAddress(addr, expect);
  if (!PREFIX.test(len) || Number(len) > BITS[version]) {
    return bad(`'${text}' has an invalid prefix length; IPv${version} prefixes are /0 to /${BITS[version]}.`);
  }
  const prefix = Number(len);
  const hostBits = BigInt(BITS[version] - prefix);
  const start = (value >> hostBits) << hostBits;
  if (start !== value) {
    bad(`'${text}' has host bits set; did you mean ${formatCidr({ version, start, prefix })}?`);
  }
  return { version, start, prefix };
};

/** Parse, or undefined when invalid. */
export const tryParseCidr = (text: string, expect?: Family): Cidr | undefined => {
  try {
    return parseCidr(text, expect);
  } catch {
    return undefined;
  }
};
