/**
 * Strict parsing of addresses and CIDRs at the API boundary (STYLE habit 8): IPv4 dotted quads
 * without leading zeros, RFC 4291 IPv6 text (one "::", optional trailing dotted quad, no zone),
 * a decimal prefix without leading zeros, and no host bits set. Every refusal is an
 * `InvalidParameterValue` whose message names the input and what is wrong with it, because the
 * message goes back to API users unchanged.
 */
import { fail, isAllotError } from '../errors';
import { formatCidr } from './format';
import { blockOf } from './ops';
import { type Reason, readV4, readV4Fast, readV6 } from './text';
import { BITS, type Block, type Cidr, type Family } from './types';

const invalid = (message: string): never => fail('InvalidParameterValue', message);

/** Echo user input, clipped so a megabyte of garbage does not come back in the error. */
const MAX_ECHO = 64;
const quote = (text: string): string =>
  `'${text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}...` : text}'`;

type Read = { version: Family; value: bigint } | { version?: Family; reason: Reason };

/** Pick the family from the text (':' means IPv6), then read it; never throws. */
const read = (text: string): Read => {
  if (text === '') return { reason: 'the address is missing' };
  const fast = readV4Fast(text);
  if (fast >= 0) return { version: 4, value: BigInt(fast) };
  if (/\s/.test(text)) return { reason: 'it contains whitespace' };
  if (text.includes(':')) {
    const r = readV6(text);
    return typeof r === 'string' ? { version: 6, reason: r } : { version: 6, value: r };
  }
  if (/^[0-9.]+$/.test(text)) {
    const r = readV4(text);
    return typeof r === 'string' ? { version: 4, reason: r } : { version: 4, value: r };
  }
  return { reason: 'expected an IPv4 dotted quad or IPv6 text' };
};

const kind = (version: Family | undefined): string => (version ? `IPv${version}` : 'IP');

/**
 * Parse one address of either family (or only `expect`'s family).
 * @example parseAddress('::ffff:1.2.3.4') // { version: 6, value: 0xffff01020304n }
 */
export const parseAddress = (text: string, expect?: Family): { version: Family; value: bigint } => {
  if (typeof text !== 'string') return invalid('An IP address must be a string.');
  if (text === '') return invalid('An IP address is required.');
  if (text.includes('/')) {
    return invalid(`${quote(text)} is not a valid IP address: expected an address without a /prefix.`);
  }
  const r = read(text);
  if ('reason' in r) return invalid(`${quote(text)} is not a valid ${kind(r.version)} address: ${r.reason}.`);
  if (expect !== undefined && expect !== r.version) {
    return invalid(`${quote(text)} is an IPv${r.version} address; expected an IPv${expect} address.`);
  }
  return r;
};

/** The prefix length text: decimal digits, no sign, no leading zero, within the family's width. */
const readPrefix = (text: string, len: string, version: Family): number => {
  const range = `IPv${version} prefix lengths are /0 to /${BITS[version]}`;
  if (len === '')
    return invalid(`${quote(text)} is not a valid CIDR: the prefix length after '/' is missing.`);
  if (!/^[0-9]+$/.test(len) || Number(len) > BITS[version]) {
    return invalid(`${quote(text)} has an invalid prefix length; ${range}.`);
  }
  if (len.length > 1 && len.startsWith('0')) {
    return invalid(`${quote(text)} has a prefix length with a leading zero; write /${Number(len)}.`);
  }
  return Number(len);
};

/**
 * Parse a CIDR strictly: the /prefix is required and host bits must be zero (we say which network
 * was probably meant rather than silently masking, since a typo in a CIDR is usually a real mistake).
 * @example parseCidr('10.0.0.0/8') // { version: 4, start: 167772160n, prefix: 8 }
 */
export const parseCidr = (text: string, expect?: Family): Cidr =>
  (expect !== 6 && fastV4Cidr(text)) || parseCidrCarefully(text, expect);

/**
 * The reference path of `parseCidr`, which tries an IPv4 fast path first; this one also says what
 * is wrong. Exported for the property test that keeps the two in agreement.
 */
export const parseCidrCarefully = (text: string, expect?: Family): Cidr => {
  if (typeof text !== 'string') return invalid('A CIDR must be a string.');
  if (text === '') return invalid('A CIDR is required, for example 10.0.0.0/16 or 2001:db8::/48.');
  if (/\s/.test(text)) return invalid(`${quote(text)} is not a valid CIDR: it contains whitespace.`);
  const slash = text.indexOf('/');
  if (slash < 0) return invalid(`${quote(text)} is not a valid CIDR: the /prefix length is missing.`);
  const r = read(text.slice(0, slash));
  if ('reason' in r) return invalid(`${quote(text)} is not a valid CIDR: ${r.reason}.`);
  const { version, value } = r;
  if (expect !== undefined && expect !== version) {
    return invalid(`${quote(text)} is an IPv${version} CIDR; expected an IPv${expect} CIDR.`);
  }
  const prefix = readPrefix(text, text.slice(slash + 1), version);
  const hostBits = BigInt(BITS[version] - prefix);
  const start = (value >> hostBits) << hostBits;
  if (start !== value) {
    return invalid(
      `${quote(text)} has host bits set; did you mean ${formatCidr({ version, start, prefix })}?`,
    );
  }
  return { version, start, prefix };
};

/**
 * An IPv4 CIDR read with Number arithmetic, or undefined to let the careful path decide (and
 * say what is wrong). Discovery parses every resource CIDR of a scope on each evaluation.
 */
const fastV4Cidr = (text: string): Cidr | undefined => {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  const len = text.length - slash - 1;
  if (slash < 0 || len < 1 || len > 2) return undefined;
  const d1 = text.charCodeAt(slash + 1) - 48;
  const d2 = len === 2 ? text.charCodeAt(slash + 2) - 48 : 0;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 || (len === 2 && d1 === 0)) return undefined;
  const prefix = len === 2 ? d1 * 10 + d2 : d1;
  const value = readV4Fast(text.slice(0, slash));
  if (prefix > 32 || value < 0 || value % 2 ** (32 - prefix) !== 0) return undefined;
  return { version: 4, start: BigInt(value), prefix };
};

/**
 * `parseCidr` with the block's last address: what interval code and the monitoring figures use.
 * @example parseBlock('10.0.0.0/8').end // 184549375n
 */
export const parseBlock = (text: string): Block => blockOf(parseCidr(text));

/**
 * A single address as a /32 or /128 block.
 * @example formatCidr(hostBlock('10.0.0.1')) // '10.0.0.1/32'
 */
export const hostBlock = (text: string): Block => {
  const { version, value } = parseAddress(text);
  return { version, start: value, end: value, prefix: BITS[version] };
};

/**
 * `parseCidr`, or undefined when the text is not a valid CIDR (of `expect`'s family, if given).
 * @example tryParseCidr('10.0.0.1/8') // undefined
 */
export const tryParseCidr = (text: string, expect?: Family): Cidr | undefined => {
  try {
    return parseCidr(text, expect);
  } catch (e) {
    // Only our own refusals mean "not a CIDR"; anything else is a bug and should surface.
    if (isAllotError(e)) return undefined;
    throw e;
  }
};
