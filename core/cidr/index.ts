export { cidrKey, formatAddress, formatCidr, fromHex, toHex } from './format';
export { children, compareCidr, contains, equalCidr, interval, isAligned, lastAddress, overlaps, parent, size } from './ops';
export { parseAddress, parseCidr, tryParseCidr } from './parse';
export type { AddressFamily, Cidr, Family } from './types';
export { addressFamilyOf, BITS, familyOf } from './types';
