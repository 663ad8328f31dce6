/**
 * The address library, the only CIDR and interval code of the project: pure BigInt arithmetic for
 * both families, strict parsing at every boundary, formatting on output, special ranges as data.
 */
export { cidrKey, formatAddress, formatCidr, fromHex, toHex } from './format';
export {
  coveredWithin,
  IntervalIndex,
  intersectIntervals,
  intersectionSize,
  mergeIntervals,
  share,
  subtractIntervals,
  unionSize,
} from './intervals';
export {
  blockOf,
  children,
  cidrIdentity,
  cidrOf,
  compareCidr,
  contains,
  equalCidr,
  isAligned,
  lastAddress,
  overlaps,
  parent,
  rangeToBlocks,
  size,
  sizeOf,
} from './ops';
export { hostBlock, parseAddress, parseBlock, parseCidr, tryParseCidr } from './parse';
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
export type { AddressFamily, Block, Cidr, Family, Interval } from './types';
export { addressFamilyOf, BITS, familyOf } from './types';
