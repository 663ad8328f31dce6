import { cidrSk, defineKind, type Versioned } from './kind';

/**
 * Released space in its reuse delay (F-ALLOC-09), written with the release so pool metrics can
 * count it as assigned until `Until` (FEATURES-monitoring F-MET-03 [decision]). The space tree
 * enforces the delay; this record only reports it, and expires a day after it ends (`ttl`).
 */
export interface CoolingRecord extends Versioned {
  kind: 'cooling';
  IpamPoolId: string;
  Cidr: string;
  IpamPoolAllocationId: string;
  /** End of the reuse delay, epoch ms. */
  Until: number;
  ttl: number;
}

export type CoolingRef = { kind: 'cooling'; poolId: string; cidr: string; allocationId: string };
/** Released space of a pool in (or past) its reuse delay, by address. */
export type CoolingQuery = { kind: 'cooling'; poolId: string };

export const cooling = defineKind<CoolingRecord, CoolingRef, CoolingQuery>({
  ref: (r) => ({ kind: 'cooling', poolId: r.IpamPoolId, cidr: r.Cidr, allocationId: r.IpamPoolAllocationId }),
  key: (ref) => ({ PK: `POOL#${ref.poolId}`, SK: `${cidrSk('COOL', ref.cidr)}#${ref.allocationId}` }),
  query: (q) => ({ pk: `POOL#${q.poolId}`, skPrefix: 'COOL#' }),
});
