/** Special ranges as data (F-V6-01/02, RFC 4193, RFC 1918, RFC 3587). */
import { contains, overlaps } from './ops';
import { parseCidr } from './parse';
import type { Cidr } from './types';

export const ULA_SPACE = parseCidr('fd00::/8');
export const ULA_RESERVED = parseCidr('fd00::/16');
export const ULA_NETMASK_SPACE = parseCidr('fd80::/9');
export const UNIQUE_LOCAL = parseCidr('fc00::/7');
export const GLOBAL_UNICAST = parseCidr('2000::/3');
export const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((t) => parseCidr(t));

export const isUla = (c: Cidr): boolean => contains(UNIQUE_LOCAL, c);

/** ULA that a private IPv6 pool accepts: inside fd00::/8, outside fd00::/16, /9 to /60. */
export const isValidPrivateUla = (c: Cidr): boolean =>
  contains(ULA_SPACE, c) && !overlaps(ULA_RESERVED, c) && c.prefix >= 9 && c.prefix <= 60;

export const isGua = (c: Cidr): boolean => contains(GLOBAL_UNICAST, c);

export const isRfc1918 = (c: Cidr): boolean => RFC1918.some((r) => contains(r, c));
