/**
 * One representation for addresses and prefixes of both families (STYLE habit 8).
 * `start` is the network address as an unsigned integer; host bits are always zero
 * in a `Cidr` produced by the parser. Formatting happens only on output.
 */
export type Family = 4 | 6;

export interface Cidr {
  readonly version: Family;
  /** Network address, host bits zero. */
  readonly start: bigint;
  /** Prefix length: 0..32 (v4) or 0..128 (v6). */
  readonly prefix: number;
}

export const BITS: Record<Family, number> = { 4: 32, 6: 128 };

/**
 * An inclusive range of address values, `start <= end`; one with `start > end` is empty. The one
 * interval type of the code base: set algebra, free-space searches and the monitoring figures
 * all use it.
 */
export interface Interval {
  start: bigint;
  end: bigint;
}

/**
 * A CIDR with its last address: a Cidr that is also an Interval, so the monitoring code's
 * 100k-row evaluations compute each block's end once and hand blocks to interval code as they
 * are. `blockOf` makes one.
 */
export interface Block extends Cidr {
  readonly end: bigint;
}

/** `ipv4` / `ipv6` as the EC2 API spells address families. */
export type AddressFamily = 'ipv4' | 'ipv6';
export const familyOf = (f: AddressFamily): Family => (f === 'ipv4' ? 4 : 6);
export const addressFamilyOf = (v: Family): AddressFamily => (v === 4 ? 'ipv4' : 'ipv6');
