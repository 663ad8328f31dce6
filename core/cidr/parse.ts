/**
 * Strict parsing of addresses and CIDRs at the API boundary (STYLE habit 8): IPv4 dotted quads
 * without leading zeros, RFC 4291 IPv6 text (one "::", optional trailing dotted quad, no zone),
 * a decimal prefix without leading zeros, and no host bits set. Every refusal is an
 * `InvalidParameterValue` whose message names the input and what is wrong with it, because the
 * message goes back to API users unchanged.
 */
import { fail, isAllotError } from '../errors';
import { formatCidr } from './format';
import { type Reason, readV4, readV6 } from './text';
import { BITS, type Cidr, type Family } from './types';

const invalid = (message: string): never => fail('InvalidParameterValue', message);

/** Echo user input, clipped so a megabyte of garbage does not come back in the error. */
const MAX_ECHO = 64;
const quote = (text: string): string =>
  `'${text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}...` : text}'`;

type Read = { version: Family; value: bigint } | { version?: Family; reason: Reason };

/** Pick the family from the text (':' means IPv6), then read it; never throws. */
const read = (text: string): Read => {
  if (text === '') return { reason: 'the address is missing' };
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
export const parseCidr = (text: string, expect?: Family): Cidr => {
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
