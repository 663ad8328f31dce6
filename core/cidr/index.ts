/** The CIDR math library: pure BigInt address arithmetic for both families, no I/O. */
export { type BlockRequest, firstAlignedBlock, type Span } from './blocks';
export { cidrKey, formatAddress, formatCidr, fromHex, toHex } from './format';
export { type Interval, intersectIntervals, mergeIntervals, subtractIntervals } from './intervals';
export {
  children,
  cidrOf,
  compareCidr,
  contains,
  equalCidr,
  interval,
  isAligned,
  lastAddress,
  overlaps,
  parent,
  size,
} from './ops';
export { parseAddress, parseCidr, tryParseCidr } from './parse';
export {
  GLOBAL_UNICAST,
  isGua,
  isRfc1918,
  isUla,
  isValidPrivateUla,
  RFC1918,
  ULA_NETMASK_SPACE,
  ULA_RESERVED,
  ULA_SPACE,
  UNIQUE_LOCAL,
} from './special';
export type { AddressFamily, Cidr, Family } from './types';
export { addressFamilyOf, BITS, familyOf } from './types';
