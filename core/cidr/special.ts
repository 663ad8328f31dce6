/**
 * Special ranges as data (F-V6-01/02, RFC 4193, RFC 1918, RFC 3587), so rules read as set
 * relations against named constants instead of prefix arithmetic scattered through the code.
 */
import { contains, overlaps } from './ops';
import { parseCidr } from './parse';
import type { Cidr } from './types';

/** Locally assigned ULA (RFC 4193 L=1): the only ULA space a private IPv6 pool accepts. */
export const ULA_SPACE = parseCidr('fd00::/8');
/** Kept out of private pools (F-V6-02), so fd00::/16 stays free for hand-picked networks. */
export const ULA_RESERVED = parseCidr('fd00::/16');
/** Where a ULA pool draws from when the user asks for a netmask rather than a CIDR. */
export const ULA_NETMASK_SPACE = parseCidr('fd80::/9');
/** All unique local addresses (RFC 4193), both the L=0 and L=1 halves. */
export const UNIQUE_LOCAL = parseCidr('fc00::/7');
/** Global unicast (RFC 3587). */
export const GLOBAL_UNICAST = parseCidr('2000::/3');
/** Private IPv4 (RFC 1918). */
export const RFC1918: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((t) =>
  parseCidr(t),
);

/** Inside fc00::/7. @example isUla(parseCidr('fd12:3456::/48')) // true */
export const isUla = (c: Cidr): boolean => contains(UNIQUE_LOCAL, c);

/**
 * ULA that a private IPv6 pool accepts (F-V6-02): inside fd00::/8, not overlapping fd00::/16,
 * prefix /9 to /60.
 * @example isValidPrivateUla(parseCidr('fd80::/9')) // true
 */
export const isValidPrivateUla = (c: Cidr): boolean =>
  contains(ULA_SPACE, c) && !overlaps(ULA_RESERVED, c) && c.prefix >= 9 && c.prefix <= 60;

/** IPv6 inside 2000::/3. @example isGua(parseCidr('2001:db8::/32')) // true */
export const isGua = (c: Cidr): boolean => contains(GLOBAL_UNICAST, c);

/** Inside one of the RFC 1918 ranges. @example isRfc1918(parseCidr('172.31.0.0/16')) // true */
export const isRfc1918 = (c: Cidr): boolean => RFC1918.some((r) => contains(r, c));
