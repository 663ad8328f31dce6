/**
 * How one request value compares with one policy value in each operator family: numbers, dates,
 * booleans, base64 binaries and IP ranges are read here; strings and ARNs compare as patterns.
 * A value that does not read (`abc` for a number) matches nothing.
 */
import { BITS, parseAddress } from '../../cidr';
import type { Comparison } from './operators';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** An integer or decimal, as IAM's Numeric operators take them. */
export const readNumber = (text: string): number | undefined =>
  NUMBER.test(text) ? Number(text) : undefined;

const EPOCH = /^\d+$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date as milliseconds since the epoch: ISO 8601 (`2026-01-01`, `2026-01-01T12:00:00Z`, an offset;
 * no zone means UTC) or epoch seconds (`aws:EpochTime`).
 * @example readDate('1970-01-02') // 86400000
 */
export const readDate = (text: string): number | undefined => {
  if (EPOCH.test(text)) return Number(text) * 1000;
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  if (zone === 'Z') return utc + ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return utc + ms - sign * offset;
};

/** Orders two numbers by a comparison (request value first). */
export const compareOrdered = (comparison: Comparison, request: number, policy: number): boolean => {
  switch (comparison) {
    case 'equals':
      return request === policy;
    case 'less':
      return request < policy;
    case 'less-or-equal':
      return request <= policy;
    case 'greater':
      return request > policy;
    case 'greater-or-equal':
      return request >= policy;
    default:
      return false;
  }
};

const tryAddress = (text: string): { version: 4 | 6; value: bigint } | undefined => {
  try {
    return parseAddress(text);
  } catch {
    return undefined;
  }
};

export interface Range {
  version: 4 | 6;
  start: bigint;
  prefix: number;
}

/**
 * An IpAddress policy value: a CIDR (host bits ignored, as IAM does) or one address.
 * @example readRange('203.0.113.7/24') // { version: 4, start: 203.0.113.0, prefix: 24 }
 */
export const readRange = (text: string): Range | undefined => {
  const slash = text.indexOf('/');
  const address = tryAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const bits = BITS[address.version];
  const length = slash < 0 ? String(bits) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(length) || Number(length) > bits) return undefined;
  const host = BigInt(bits - Number(length));
  return { version: address.version, start: (address.value >> host) << host, prefix: Number(length) };
};

/** Whether a request's address (`aws:SourceIp`) lies in a range. */
export const inRange = (range: Range, text: string): boolean => {
  const address = tryAddress(text);
  if (!address || address.version !== range.version) return false;
  const host = BigInt(BITS[range.version] - range.prefix);
  return (address.value >> host) << host === range.start;
};

/** BinaryEquals: the same bytes, both sides base64. */
export const sameBytes = (a: string, b: string): boolean =>
  Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
