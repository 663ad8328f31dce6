/**
 * The DNS TXT records that prove control of a range with a verification token (F-BYOIP-15): one
 * per covering prefix, in the reverse zone. IPv4 names align to octets (/8, /16, /24), IPv6 names
 * to nibbles; a prefix between boundaries expands to the next longer one, one record per piece.
 */
import { BITS, type Cidr, sizeOf } from '../../cidr';

const labelsOf = (c: Cidr, step: 8 | 4): string[] => {
  const out: string[] = [];
  const bits = BITS[c.version];
  for (let at = 0; at < c.prefix; at += step) {
    const v = (c.start >> BigInt(bits - at - step)) & ((1n << BigInt(step)) - 1n);
    out.push(step === 8 ? v.toString(10) : v.toString(16));
  }
  return out.reverse();
};

/**
 * @example txtRecordNames(parseCidr('198.18.12.0/22'), 'n')
 * // ['n.12.18.198.in-addr.arpa', 'n.13.18.198.in-addr.arpa', 'n.14.18.198.in-addr.arpa', 'n.15.18.198.in-addr.arpa']
 */
export const txtRecordNames = (cidr: Cidr, tokenName: string): string[] => {
  const step = cidr.version === 4 ? 8 : 4;
  const aligned = Math.max(step, Math.ceil(cidr.prefix / step) * step);
  // At most 128 records (an IPv4 /9), or 8 (an IPv6 prefix 3 bits short of a nibble).
  const count = 1 << (aligned - cidr.prefix);
  const zone = cidr.version === 4 ? 'in-addr.arpa' : 'ip6.arpa';
  return Array.from({ length: count }, (_, i) => {
    const piece: Cidr = {
      version: cidr.version,
      start: cidr.start + BigInt(i) * sizeOf(cidr.version, aligned),
      prefix: aligned,
    };
    return [tokenName, ...labelsOf(piece, step), zone].join('.');
  });
};
