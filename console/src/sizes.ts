/** Address counts as the console shows them (F-MON-25): "65K IPs", "256 IPs", "1M IPs". */
import { parseCidr, size } from '../../core/cidr';

// Decimal units, rounded down, as the AWS console writes them: a /16 is "65K IPs", a /12 "1M IPs".
const UNITS: [bigint, string][] = [
  [10n ** 12n, 'T'],
  [10n ** 9n, 'G'],
  [10n ** 6n, 'M'],
  [10n ** 3n, 'K'],
];

/** @example ipsLabel(65536n) // '65K IPs' */
export const ipsLabel = (count: bigint): string => {
  for (const [unit, name] of UNITS) if (count >= unit) return `${count / unit}${name} IPs`;
  return `${count} IPs`;
};

/** Addresses in a CIDR, or undefined when the text is not one. */
export const cidrSize = (text: string): bigint | undefined => {
  try {
    return size(parseCidr(text.trim()));
  } catch {
    return undefined;
  }
};

/** Whole percent of `part` in `whole` (0 when nothing is provisioned). */
export const percentOf = (part: bigint, whole: bigint): number =>
  whole === 0n ? 0 : Number((part * 10_000n) / whole) / 100;
