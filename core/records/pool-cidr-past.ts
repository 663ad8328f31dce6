import { cidrSk, defineKind } from './kind';
import type { PoolCidrRecord } from './pool-cidr';

/**
 * A pool CIDR that is gone: deprovisioned, or failed to provision (F-PCIDR-02, F-BYOIP-09). EC2
 * keeps listing these for a while so "wait until deprovisioned" loops end; Allot keeps them in
 * the pool's partition under `PAST#`, outside the live CIDRs the allocation path reads, until
 * `ttl` (epoch seconds; DynamoDB TTL removes them, and reads skip them after it).
 */
export interface PoolCidrPastRecord extends Omit<PoolCidrRecord, 'kind' | 'State'> {
  kind: 'pool-cidr-past';
  State: 'deprovisioned' | 'failed-provision';
  ttl: number;
}

export type PoolCidrPastRef = { kind: 'pool-cidr-past'; poolId: string; cidr: string; cidrId: string };
export type PoolCidrPastQuery = { kind: 'pool-cidr-past'; poolId: string };

export const poolCidrPast = defineKind<PoolCidrPastRecord, PoolCidrPastRef, PoolCidrPastQuery>({
  ref: (r) => ({ kind: 'pool-cidr-past', poolId: r.IpamPoolId, cidr: r.Cidr, cidrId: r.IpamPoolCidrId }),
  key: (ref) => ({ PK: `POOL#${ref.poolId}`, SK: `${cidrSk('PAST', ref.cidr)}#${ref.cidrId}` }),
  query: (q) => ({ pk: `POOL#${q.poolId}`, skPrefix: 'PAST#' }),
});

/** Live at `now` (epoch ms): DynamoDB's TTL removes items late, so reads check it too. */
export const isPastLive = (r: PoolCidrPastRecord, now: number): boolean => r.ttl * 1000 > now;
